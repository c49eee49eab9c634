// Upload progress for forms marked data-upload-progress (counter intake).
// The form is sent with XMLHttpRequest, whose upload events drive the
// progress bar. When the server redirects (success), the browser goes to the
// page redirected to. When it responds with the form again (an error), that
// page replaces the current one. Without JavaScript the form posts as usual.

function showPage(xhr: XMLHttpRequest): void {
  const next = new DOMParser().parseFromString(xhr.responseText, 'text/html');
  const main = next.querySelector('main');
  const current = document.querySelector('main');
  if (!main || !current) {
    window.location.assign(xhr.responseURL);
    return;
  }
  current.replaceWith(document.importNode(main, true));
  document.title = next.title;
}

function sendWithProgress(form: HTMLFormElement, onReplaced: () => void): void {
  const box = form.querySelector<HTMLElement>('.upload-progress');
  const bar = form.querySelector<HTMLProgressElement>('progress');
  const percent = form.querySelector<HTMLElement>('.upload-percent');
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.upload.addEventListener('progress', (event) => {
    if (!event.lengthComputable || !bar) return;
    const value = Math.round((event.loaded / event.total) * 100);
    bar.value = value;
    if (percent) percent.textContent = `${value}%`;
  });
  xhr.addEventListener('load', () => {
    // XMLHttpRequest follows the 303 itself; a URL other than the form's means success.
    if (xhr.status === 200 && new URL(xhr.responseURL).pathname !== new URL(form.action).pathname) {
      window.location.assign(xhr.responseURL);
      return;
    }
    showPage(xhr);
    onReplaced();
  });
  xhr.addEventListener('error', () => {
    if (percent) percent.textContent = form.dataset['uploadFailed'] ?? '';
    for (const button of form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')) button.disabled = false;
  });
  if (box) box.hidden = false;
  xhr.send(new FormData(form));
}

export function enhanceUploadForms(root: ParentNode, onReplaced: () => void): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-upload-progress]')) {
    form.addEventListener('submit', (event) => {
      if (!window.XMLHttpRequest || !window.DOMParser) return;
      event.preventDefault();
      sendWithProgress(form, onReplaced);
    });
  }
}
