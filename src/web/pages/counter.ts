// Counter intake: the reception officer registers a dossier for an applicant
// who came in person (or sent it by post), with scans of the paper originals
// (several files per document allowed) or, for a document that cannot be
// scanned, the reason instead. The scans go through digitization; the officer
// then confirms each matches. With JavaScript the upload shows a progress
// bar; without it the form posts as usual.
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { renderScanInputs } from '../components/counter-inputs.ts';
import { renderErrorSummary, renderFormFields, type FormError } from '../components/forms.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface CounterPageData {
  procedures: Procedure[];
  /** The procedure chosen; null until the officer picks one. */
  procedure: Procedure | null;
  values: Record<string, string>;
  idempotencyKey: string;
  error: FormError | null;
}

function applicantField(name: string, key: string, data: CounterPageData, lang: PageContext['lang'], options: { required: boolean; type?: string; dir?: string }): Html {
  const invalid = data.error?.target === name;
  return html`<div class="field">
  <label for="${name}">${t(key, lang)}${options.required ? html` <span class="required">${t('web.form.required', lang)}</span>` : ''}</label>
  <input id="${name}" name="${name}" type="${options.type ?? 'text'}" value="${data.values[name] ?? ''}"${options.required ? html` required` : ''}${options.dir ? html` dir="${options.dir}"` : ''}${invalid ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
  ${invalid ? html`<p class="field-error" id="${name}-error">${data.error?.message}</p>` : ''}
</div>`;
}

function renderChooser(data: CounterPageData, lang: PageContext['lang']): Html {
  return html`<form method="get" action="/counter" class="chooser">
  <div class="field">
    <label for="procedure">${t('web.counter.procedure', lang)}</label>
    <select id="procedure" name="procedure">
      ${data.procedures.map((procedure) => html`<option value="${procedure.code}"${data.procedure?.code === procedure.code ? html` selected` : ''}>${procedure.name[lang]} (${procedure.code})</option>`)}
    </select>
  </div>
  <button type="submit">${t('web.counter.choose', lang)}</button>
</form>`;
}

export function renderCounterPage(page: PageContext, data: CounterPageData): string {
  const { lang } = page;
  const procedure = data.procedure;
  const channel = data.values['channel'] === 'postal' ? 'postal' : 'counter';
  const form = procedure
    ? html`${renderErrorSummary(data.error, lang, data.error !== null)}
<form method="post" action="/counter" enctype="multipart/form-data" class="application" data-submit-once data-upload-progress data-upload-failed="${t('counter.upload.failed', lang)}">
  <input type="hidden" name="procedureCode" value="${procedure.code}">
  <input type="hidden" name="idempotencyKey" value="${data.idempotencyKey}">
  <h2>${procedure.name[lang]} <small>${ltrText(procedure.code)}</small></h2>
  <fieldset>
    <legend>${t('web.counter.applicant_heading', lang)}</legend>
    ${applicantField('applicantIdentifier', 'web.counter.applicant_identifier', data, lang, { required: true, dir: 'ltr' })}
    ${applicantField('applicantName', 'web.counter.applicant_name', data, lang, { required: true })}
    ${applicantField('applicantEmail', 'web.counter.applicant_email', data, lang, { required: false, type: 'email', dir: 'ltr' })}
    <div class="field">
      <span class="label">${t('web.counter.channel', lang)}</span>
      <label class="choice"><input type="radio" name="channel" value="counter"${channel === 'counter' ? html` checked` : ''}> ${t('web.channel.counter', lang)}</label>
      <label class="choice"><input type="radio" name="channel" value="postal"${channel === 'postal' ? html` checked` : ''}> ${t('web.channel.postal', lang)}</label>
    </div>
  </fieldset>
  <fieldset>
    <legend>${t('web.apply.form_heading', lang)}</legend>
    ${renderFormFields(procedure, data.values, data.error, lang)}
  </fieldset>
  <fieldset>
    <legend>${t('web.counter.scans_heading', lang)}</legend>
    <p class="hint">${t('web.counter.scans_hint', lang)}</p>
    ${renderScanInputs(procedure, data.values, data.error, lang)}
  </fieldset>
  <div class="upload-progress" hidden>
    <label for="upload-progress">${t('counter.upload.progress', lang)}</label>
    <progress id="upload-progress" max="100" value="0"></progress>
    <span class="upload-percent" aria-live="polite"></span>
  </div>
  <button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('web.counter.submit', lang)}</button>
</form>`
    : html``;
  const body = html`<h1>${t('web.counter.heading', lang)}</h1>
<p class="lead">${t('web.counter.lead', lang)}</p>
<p><a href="/counter/intake">${t('counter.intake.link', lang)}</a></p>
${renderChooser(data, lang)}
${form}`;
  return renderPage(page, { title: t('web.counter.title', lang), body });
}
