// The OCR language list of a component's paper scans, on the counter form
// and on the rescan field of the digitization confirmation.
import { autoLanguages, ocrLanguageChoices } from '../../digitize/language.ts';
import { t, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';

/** Renders the OCR language list of a component's scans, `ocrLanguage:<code>`, with detection chosen by default. */
export function renderOcrLanguageSelect(code: string, values: Record<string, string>, lang: Language, prefix: string): Html {
  const id = `${prefix}ocrLanguage:${code}`;
  const chosen = values[`ocrLanguage:${code}`] || autoLanguages;
  return html`<div class="field ocr-language">
    <label for="${id}">${t('counter.ocr_language.label', lang)}</label>
    <select id="${id}" name="${id}" aria-describedby="${id}-hint">
      ${ocrLanguageChoices.map((choice) => html`<option value="${choice}"${choice === chosen ? html` selected` : ''}>${t(`counter.ocr_language.choice.${choice}`, lang)}</option>`)}
    </select>
    <p class="hint" id="${id}-hint">${t('counter.ocr_language.hint', lang)}</p>
  </div>`;
}
