// Upload progress for forms marked data-upload-progress (counter intake).
// The form is sent with XMLHttpRequest, whose upload events drive the
// progress bar. The request carries the x-sijill-upload header, so on
// success the server replies with JSON naming the next page instead of a 303:
// Chromium follows an XMLHttpRequest's redirect under Helmet's
// upgrade-insecure-requests as https, which fails on a plain-http server.
// When the server responds with the form again (an error), that page
// replaces the current one. Without JavaScript the form posts as usual.

function showPage(xhr: XMLHttpRequest): void {
  const next = new DOMParser().parseFromString(xhr.responseText, 'text/html');
  const main = next.querySelector('main');
  const current = document.querySelector('main');
  if (!main || !current) {
    document.documentElement.innerHTML = next.documentElement.innerHTML;
    return;
  }
  current.replaceWith(document.importNode(main, true));
  document.title = next.title;
}

/** The local path of the page to go to, from the server's JSON reply; null for an HTML reply. */
function nextLocationOf(xhr: XMLHttpRequest): string | null {
  if (!(xhr.getResponseHeader('content-type') ?? '').startsWith('application/json')) return null;
  const location = (JSON.parse(xhr.responseText) as { location?: unknown }).location;
  return typeof location === 'string' && location.startsWith('/') && !location.startsWith('//') ? location : null;
}

function sendWithProgress(form: HTMLFormElement, onReplaced: () => void): void {
  const box = form.querySelector<HTMLElement>('.upload-progress');
  const bar = form.querySelector<HTMLProgressElement>('progress');
  const percent = form.querySelector<HTMLElement>('.upload-percent');
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.setRequestHeader('x-sijill-upload', '1');
  xhr.upload.addEventListener('progress', (event) => {
    if (!event.lengthComputable || !bar) return;
    const value = Math.round((event.loaded / event.total) * 100);
    bar.value = value;
    if (percent) percent.textContent = `${value}%`;
  });
  xhr.addEventListener('load', () => {
    const next = xhr.status === 200 ? nextLocationOf(xhr) : null;
    if (next) {
      window.location.assign(next);
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
