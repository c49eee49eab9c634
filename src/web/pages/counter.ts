// Counter intake: the reception officer registers a dossier for an applicant
// who came in person (or sent it by post), with scans of the paper originals
// (several files per document allowed) or, for a document that cannot be
// scanned, the reason instead. The scans go through digitization; the officer
// then confirms each matches. With JavaScript the upload shows a progress
// bar; without it the form posts as usual.
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { renderDossierFieldsets } from '../components/counter-inputs.ts';
import { renderErrorSummary, type FormError } from '../components/forms.ts';
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
  const form = procedure
    ? html`${renderErrorSummary(data.error, lang, data.error !== null)}
<form method="post" action="/counter" enctype="multipart/form-data" class="application" data-submit-once data-upload-progress data-upload-failed="${t('counter.upload.failed', lang)}">
  <input type="hidden" name="procedureCode" value="${procedure.code}">
  <input type="hidden" name="idempotencyKey" value="${data.idempotencyKey}">
  <h2>${procedure.name[lang]} <small>${ltrText(procedure.code)}</small></h2>
  ${renderDossierFieldsets(procedure, data.values, data.error, lang)}
  <div class="upload-progress" hidden>
    <label for="upload-progress">${t('counter.upload.progress', lang)}</label>
    <progress id="upload-progress" max="100" value="0"></progress>
    <span class="upload-percent" aria-live="polite"></span>
  </div>
  <button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('web.counter.submit', lang)}</button>
</form>`
    : renderErrorSummary(data.error, lang, false);
  const body = html`<h1>${t('web.counter.heading', lang)}</h1>
<p class="lead">${t('web.counter.lead', lang)}</p>
<p><a href="/counter/intake">${t('counter.intake.link', lang)}</a> · <a href="/counter/batch${procedure ? `?procedure=${encodeURIComponent(procedure.code)}` : ''}">${t('counter.batch.link', lang)}</a></p>
${renderChooser(data, lang)}
${form}`;
  return renderPage(page, { title: t('web.counter.title', lang), body });
}
