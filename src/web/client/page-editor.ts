// Page editor helpers for the digitization check; the form works without
// them. Each page gets "move up" and "move down" buttons that swap it with
// its neighbour and renumber the position inputs, and the thumbnail turns
// when a rotation is chosen, so the officer can check the result before saving.

function renumber(list: HTMLOListElement): void {
  list.querySelectorAll<HTMLInputElement>('input.position').forEach((input, index) => {
    input.value = String(index + 1);
  });
}

function moveButton(text: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'move';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

function enhancePage(item: HTMLLIElement, list: HTMLOListElement, labels: { up: string; down: string }): void {
  const controls = item.querySelector('.page-controls');
  controls?.append(
    moveButton(labels.up, () => {
      const previous = item.previousElementSibling;
      if (previous) list.insertBefore(item, previous);
      renumber(list);
    }),
    moveButton(labels.down, () => {
      const next = item.nextElementSibling;
      if (next) list.insertBefore(next, item);
      renumber(list);
    }),
  );
  const rotate = item.querySelector<HTMLSelectElement>('select.rotate');
  const image = item.querySelector<HTMLImageElement>('img');
  rotate?.addEventListener('change', () => {
    if (image) image.style.transform = `rotate(${rotate.value}deg)`;
  });
  const remove = item.querySelector<HTMLInputElement>('input.remove');
  remove?.addEventListener('change', () => item.classList.toggle('removed', remove.checked));
}

export function enhancePageEditors(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-page-editor]')) {
    const list = form.querySelector<HTMLOListElement>('ol.pages');
    if (!list) continue;
    const labels = { up: form.dataset['moveUp'] ?? '↑', down: form.dataset['moveDown'] ?? '↓' };
    for (const item of list.querySelectorAll<HTMLLIElement>(':scope > li.page')) enhancePage(item, list, labels);
  }
}
