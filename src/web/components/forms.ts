// Form pieces shared by the application, counter, supplement and task forms:
// the error shown next to a form, the procedure's form fields with what the
// user typed, and one file input per document component.
import type { SijillError } from '../../errors.ts';
import type { Component, FormField, Procedure } from '../../domain/procedures.ts';
import { uploadComponents } from '../../domain/procedures.ts';
import { hasKey, t, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';
import { codeLabel } from './labels.ts';
import { renderOcrLanguageSelect } from './ocr-language.ts';

/** An error to show with a re-rendered form; `target` is the name of the input it concerns, if any. */
export interface FormError {
  code: string;
  message: string;
  target: string | null;
  /** The rejected file when the error is about one upload: its component's label and the file's name. */
  file?: { component: string; fileName: string } | null;
}

/** Fields of an officer's answer that the task forms ask with one radio group named `answer`. */
const taskAnswerFields = ['matches', 'supplementRequested', 'decision'];

/**
 * Turns a SijillError into the message and the input it names (form field, applicant field or component).
 * `labels` maps field names and component codes to their labels, which replace the bare names in the message.
 */
export function formErrorOf(error: SijillError, lang: Language, labels: Record<string, string> = {}, filePrefix: 'file' | 'paper' = 'file'): FormError {
  const params = { ...error.params };
  let target: string | null = null;
  const field = params['field'];
  const component = params['component'];
  if (typeof field === 'string') {
    target = taskAnswerFields.includes(field) ? 'answer' : field.startsWith('applicant') || field === 'note' ? field : `form.${field}`;
    params['field'] = labels[field] ?? (hasKey(`web.field.${field}`, lang) ? t(`web.field.${field}`, lang) : field);
  }
  let file: FormError['file'] = null;
  if (typeof component === 'string' && component !== '-') {
    target = `${filePrefix}:${component}`;
    params['component'] = labels[component] ?? component;
    const fileName = params['fileName'];
    if (typeof fileName === 'string' && fileName !== '') file = { component: params['component'], fileName };
  }
  return { code: error.code, message: t(`error.${error.code}`, lang, params), target, file };
}

/** Labels of a procedure's form fields and components in `lang`, for formErrorOf. */
export function procedureLabels(procedure: Procedure, lang: Language): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of procedure.form) labels[field.name] = field.label[lang];
  for (const component of procedure.components) labels[component.code] = component.name[lang];
  return labels;
}

export function renderErrorSummary(error: FormError | null, lang: Language, filesDropped: boolean): Html {
  if (!error) return html``;
  const file = error.file && error.target
    ? html`<a href="#${error.target}">${t('web.form.error_file', lang, { component: error.file.component, fileName: '\u2068' + error.file.fileName + '\u2069' })}</a> `
    : '';
  return html`<div class="error-summary" role="alert" tabindex="-1" id="form-error">
  <p><strong>${t('web.form.error_heading', lang)}</strong> ${file}${error.message}</p>
  ${filesDropped ? html`<p>${t('web.form.choose_files_again', lang)}</p>` : ''}
</div>`;
}

/** Renders the error message under an input when `error` names it. `id` is the input's id, which is its name with a batch prefix. */
function fieldError(name: string, error: FormError | null, id = name): Html {
  if (error?.target !== name) return html``;
  const file = error.file ? html`<bdi class="file-name">${error.file.fileName}</bdi>: ` : '';
  return html`<p class="field-error" id="${id}-error">${file}${error.message}</p>`;
}

function invalidAttributes(name: string, error: FormError | null, id = name): Html {
  return error?.target === name ? html` aria-invalid="true" aria-describedby="${id}-error"` : html``;
}

function inputType(field: FormField): string {
  switch (field.type) {
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'text':
      return 'text';
  }
}

/**
 * Renders one input per field of the procedure's form, named form.<field> and filled from `values`.
 * `prefix` goes before every name and id, for the dossiers of a counter batch (`d2.form.address`);
 * `values` and `error` use the names without it.
 */
export function renderFormFields(procedure: Procedure, values: Record<string, string>, error: FormError | null, lang: Language, prefix = ''): Html {
  return html`${procedure.form.map((field) => {
    const name = `form.${field.name}`;
    const id = `${prefix}${name}`;
    return html`<div class="field">
  <label for="${id}">${field.label[lang]}${field.required ? html` <span class="required">${t('web.form.required', lang)}</span>` : ''}</label>
  <input id="${id}" name="${id}" type="${inputType(field)}" value="${values[name] ?? ''}"${field.required ? html` required` : ''}${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}${field.min !== undefined ? html` min="${field.min}"` : ''}${field.max !== undefined ? html` max="${field.max}"` : ''}${invalidAttributes(name, error, id)}>
  ${fieldError(name, error, id)}
</div>`;
  })}`;
}

/** Accepted file types: the content checks of src/intake decide, this only narrows the browser's file picker. */
const acceptAttribute = 'application/pdf,image/jpeg,image/png,image/tiff,image/webp,.pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp';

function renderBases(component: Component, lang: Language): Html {
  return html`<ul class="bases">${component.accepts.map((basis) => html`<li><strong>${codeLabel('validity.basis', basis, lang)}</strong>: ${t(`web.basis_help.${basis}`, lang)}</li>`)}</ul>`;
}

/**
 * Renders one file input per upload component, named `<prefix>:<component>`.
 * `prefix` is "file" for the applicant's own files and "paper" for scans of paper originals at the counter.
 */
export function renderComponentInputs(procedure: Procedure, prefix: 'file' | 'paper', error: FormError | null, lang: Language, options: { allOptional?: boolean } = {}): Html {
  return html`${uploadComponents(procedure).map((component) => {
    const name = `${prefix}:${component.code}`;
    const required = component.required && !options.allOptional;
    return html`<div class="field component">
  <label for="${name}">${component.name[lang]}${required ? html` <span class="required">${t('web.form.required', lang)}</span>` : html` <span class="optional">${t('web.form.optional', lang)}</span>`}</label>
  ${prefix === 'file' ? html`<details class="basis-help"><summary>${t('web.apply.accepted_bases', lang)}</summary>${renderBases(component, lang)}</details>` : ''}
  <input id="${name}" name="${name}" type="file" accept="${acceptAttribute}"${required ? html` required` : ''}${invalidAttributes(name, error)}>
  ${fieldError(name, error)}
  ${prefix === 'paper' ? renderOcrLanguageSelect(component.code, {}, lang, '') : ''}
</div>`;
  })}`;
}
