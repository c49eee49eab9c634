// Progressive behaviour of Sijill's page forms; the forms work without it.
// A form marked data-submit-once disables its submit button after the first
// submit, so a double click sends one request (the idempotency key in the
// form makes a second one harmless anyway). On the approval form, choosing
// "reject" makes the reason required before the server has to say so.
// The counter screens add upload progress, live digitization progress and
// the page editor's buttons.
import { pollIntakeProgress } from './intake-poll.ts';
import { enhancePageEditors } from './page-editor.ts';
import { enhanceUploadForms } from './upload-progress.ts';

function lockOnSubmit(form: HTMLFormElement): void {
  form.addEventListener('submit', () => {
    for (const button of form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')) {
      const busy = button.dataset['busyText'];
      if (busy) button.textContent = busy;
      // Disabled after the submit event, so the browser still sends the form.
      setTimeout(() => { button.disabled = true; }, 0);
    }
  });
}

function requireReasonOnReject(form: HTMLFormElement): void {
  const note = form.querySelector<HTMLTextAreaElement>('textarea[name="note"]');
  const answers = form.querySelectorAll<HTMLInputElement>('input[name="answer"]');
  if (!note || answers.length === 0) return;
  const update = (): void => {
    note.required = form.querySelector<HTMLInputElement>('input[name="answer"][value="rejected"]')?.checked === true;
  };
  for (const answer of answers) answer.addEventListener('change', update);
  update();
}

function focusError(): void {
  document.querySelector<HTMLElement>('.error-summary[tabindex]')?.focus();
}

function enhance(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-submit-once]')) {
    lockOnSubmit(form);
    requireReasonOnReject(form);
  }
  enhancePageEditors(root);
  // A form shown again with an error replaces <main>, so its new forms are enhanced in turn.
  enhanceUploadForms(root, () => {
    const main = document.querySelector('main');
    if (main) enhance(main);
    focusError();
  });
  pollIntakeProgress(root);
}

enhance(document);
focusError();
