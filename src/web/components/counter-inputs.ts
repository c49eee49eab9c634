// Scan inputs of counter intake. Each document component gets a file input
// that takes several files at once (a stack of single-page scans, or one
// multi-page PDF or TIFF). For a paper document that cannot be scanned, the
// officer picks the reason recorded instead (a paper exception).
import { paperExceptionReasons } from '../../domain/counter/paper-exceptions.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { uploadComponents } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';
import type { FormError } from './forms.ts';

/** Narrows the browser's file picker; the content checks of src/intake decide what is accepted. */
const acceptAttribute = 'application/pdf,image/jpeg,image/png,image/tiff,image/webp,.pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp';

/**
 * Renders one block per upload component: `paper:<code>` (several files allowed),
 * `exception:<code>` (a reason, or empty) and `exceptionNote:<code>`.
 * The file inputs are not `required`, because an exception may replace the
 * scan; the server checks that each required component has one or the other.
 */
export function renderScanInputs(procedure: Procedure, values: Record<string, string>, error: FormError | null, lang: Language): Html {
  return html`${uploadComponents(procedure).map((component) => {
    const name = `paper:${component.code}`;
    const invalid = error?.target === name;
    const reason = values[`exception:${component.code}`] ?? '';
    const note = values[`exceptionNote:${component.code}`] ?? '';
    return html`<div class="field component scan">
  <label for="${name}">${component.name[lang]}${component.required ? html` <span class="required">${t('web.form.required', lang)}</span>` : html` <span class="optional">${t('web.form.optional', lang)}</span>`}</label>
  <input id="${name}" name="${name}" type="file" multiple accept="${acceptAttribute}"${invalid ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
  ${invalid ? html`<p class="field-error" id="${name}-error">${error?.message}</p>` : ''}
  <details class="paper-exception"${reason ? html` open` : ''}>
    <summary>${t('counter.exception.summary', lang)}</summary>
    <div class="field">
      <label for="exception:${component.code}">${t('counter.exception.reason', lang)}</label>
      <select id="exception:${component.code}" name="exception:${component.code}">
        <option value="">${t('counter.exception.none', lang)}</option>
        ${paperExceptionReasons.map((code) => html`<option value="${code}"${reason === code ? html` selected` : ''}>${t(`counter.exception_reason.${code}`, lang)}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="exceptionNote:${component.code}">${t('counter.exception.note', lang)}</label>
      <input id="exceptionNote:${component.code}" name="exceptionNote:${component.code}" type="text" maxlength="500" value="${note}">
    </div>
  </details>
</div>`;
  })}`;
}
