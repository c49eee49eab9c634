// Scan inputs of counter intake. Each document component gets a file input
// that takes several files at once (a stack of single-page scans, or one
// multi-page PDF or TIFF). For a paper document that cannot be scanned, the
// officer picks the reason recorded instead (a paper exception).
import { paperExceptionReasons } from '../../domain/counter/paper-exceptions.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { uploadComponents } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';
import { renderFormFields, type FormError } from './forms.ts';
import { renderOcrLanguageSelect } from './ocr-language.ts';

/** Narrows the browser's file picker; the content checks of src/intake decide what is accepted. */
const acceptAttribute = 'application/pdf,image/jpeg,image/png,image/tiff,image/webp,.pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp';

/**
 * Renders one block per upload component: `paper:<code>` (several files allowed),
 * `ocrLanguage:<code>`, `exception:<code>` (a reason, or empty) and
 * `exceptionNote:<code>`.
 * The file inputs are not `required`, because an exception may replace the
 * scan; the server checks that each required component has one or the other.
 * `prefix` goes before every name and id, for the dossiers of a counter batch;
 * `values` and `error` use the names without it.
 */
export function renderScanInputs(procedure: Procedure, values: Record<string, string>, error: FormError | null, lang: Language, prefix = ''): Html {
  return html`${uploadComponents(procedure).map((component) => {
    const name = `paper:${component.code}`;
    const id = `${prefix}${name}`;
    const invalid = error?.target === name;
    const reason = values[`exception:${component.code}`] ?? '';
    const note = values[`exceptionNote:${component.code}`] ?? '';
    return html`<div class="field component scan">
  <label for="${id}">${component.name[lang]}${component.required ? html` <span class="required">${t('web.form.required', lang)}</span>` : html` <span class="optional">${t('web.form.optional', lang)}</span>`}</label>
  <input id="${id}" name="${id}" type="file" multiple accept="${acceptAttribute}"${invalid ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
  ${invalid ? html`<p class="field-error" id="${id}-error">${error?.message}</p>` : ''}
  ${renderOcrLanguageSelect(component.code, values, lang, prefix)}
  <details class="paper-exception"${reason ? html` open` : ''}>
    <summary>${t('counter.exception.summary', lang)}</summary>
    <div class="field">
      <label for="${prefix}exception:${component.code}">${t('counter.exception.reason', lang)}</label>
      <select id="${prefix}exception:${component.code}" name="${prefix}exception:${component.code}">
        <option value="">${t('counter.exception.none', lang)}</option>
        ${paperExceptionReasons.map((code) => html`<option value="${code}"${reason === code ? html` selected` : ''}>${t(`counter.exception_reason.${code}`, lang)}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="${prefix}exceptionNote:${component.code}">${t('counter.exception.note', lang)}</label>
      <input id="${prefix}exceptionNote:${component.code}" name="${prefix}exceptionNote:${component.code}" type="text" maxlength="500" value="${note}">
    </div>
  </details>
</div>`;
  })}`;
}

interface ApplicantFieldOptions {
  required: boolean;
  type?: string;
  dir?: string;
}

function renderApplicantField(name: string, key: string, values: Record<string, string>, error: FormError | null, lang: Language, prefix: string, options: ApplicantFieldOptions): Html {
  const id = `${prefix}${name}`;
  const invalid = error?.target === name;
  return html`<div class="field">
  <label for="${id}">${t(key, lang)}${options.required ? html` <span class="required">${t('web.form.required', lang)}</span>` : ''}</label>
  <input id="${id}" name="${id}" type="${options.type ?? 'text'}" value="${values[name] ?? ''}"${options.required ? html` required` : ''}${options.dir ? html` dir="${options.dir}"` : ''}${invalid ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
  ${invalid ? html`<p class="field-error" id="${id}-error">${error?.message}</p>` : ''}
</div>`;
}

/**
 * Renders what the officer fills in for one counter dossier: the applicant and
 * the channel, the procedure's form, and the scans or paper exceptions.
 * `prefix` goes before every name and id (`d2.` for the second dossier of a batch).
 */
export function renderDossierFieldsets(procedure: Procedure, values: Record<string, string>, error: FormError | null, lang: Language, prefix = ''): Html {
  const channel = values['channel'] === 'postal' ? 'postal' : 'counter';
  return html`<fieldset>
    <legend>${t('web.counter.applicant_heading', lang)}</legend>
    ${renderApplicantField('applicantIdentifier', 'web.counter.applicant_identifier', values, error, lang, prefix, { required: true, dir: 'ltr' })}
    ${renderApplicantField('applicantName', 'web.counter.applicant_name', values, error, lang, prefix, { required: true })}
    ${renderApplicantField('applicantEmail', 'web.counter.applicant_email', values, error, lang, prefix, { required: false, type: 'email', dir: 'ltr' })}
    <div class="field">
      <span class="label">${t('web.counter.channel', lang)}</span>
      <label class="choice"><input type="radio" name="${prefix}channel" value="counter"${channel === 'counter' ? html` checked` : ''}> ${t('web.channel.counter', lang)}</label>
      <label class="choice"><input type="radio" name="${prefix}channel" value="postal"${channel === 'postal' ? html` checked` : ''}> ${t('web.channel.postal', lang)}</label>
    </div>
  </fieldset>
  <fieldset>
    <legend>${t('web.apply.form_heading', lang)}</legend>
    ${renderFormFields(procedure, values, error, lang, prefix)}
  </fieldset>
  <fieldset>
    <legend>${t('web.counter.scans_heading', lang)}</legend>
    <p class="hint">${t('web.counter.scans_hint', lang)}</p>
    ${renderScanInputs(procedure, values, error, lang, prefix)}
  </fieldset>`;
}
