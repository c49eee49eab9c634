// One dossier: the electronic receipt (reference number, the receipt time
// from which the processing clock runs, the deadline), its documents with
// their validity, the result once issued, and the supplement form while the
// dossier waits for one.
import type { DocumentRow } from '../../db/documents.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { t } from '../../i18n/index.ts';
import { documentContentUrl, issuedResultOf, renderDocumentList } from '../components/documents.ts';
import { renderComponentInputs, renderErrorSummary, type FormError } from '../components/forms.ts';
import { codeLabel, dossierStatusBadge, procedureLabel } from '../components/labels.ts';
import { formatDateTime, formatWorkingMinutes } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface DossierPageData {
  dossier: DossierRow;
  procedure: Procedure | null;
  documents: DocumentRow[];
  /** Working minutes left before the deadline; null once the dossier is completed. */
  workingMinutesLeft: number | null;
  /** Which notice to show: the dossier was just submitted, or a supplement was just sent. */
  notice: 'submitted' | 'supplement_sent' | null;
  /** The viewer may send a supplement (the applicant, while one is requested). */
  canSupplement: boolean;
  supplementError: FormError | null;
}

function renderResult(result: DocumentRow | undefined, page: PageContext): Html {
  const { lang, timeZone } = page;
  if (!result) return html``;
  return html`<section class="card result" aria-labelledby="result-heading">
  <h2 id="result-heading">${t('web.dossier.result_heading', lang)}</h2>
  <p>${t('web.dossier.result_issued', lang)} ${formatDateTime(result.received_at, lang, timeZone)}</p>
  <p><a class="button primary" href="${documentContentUrl(result)}" download>${t('web.dossier.download_result', lang)}</a></p>
  ${result.verification_code ? html`<p>${t('web.dossier.verification_code', lang)} <a href="/verify/${result.verification_code}">${ltrText(result.verification_code)}</a></p>` : ''}
</section>`;
}

function renderSupplementForm(data: DossierPageData, page: PageContext): Html {
  const { lang } = page;
  if (!data.canSupplement || !data.procedure) return html``;
  return html`<section class="card supplement" aria-labelledby="supplement-heading">
  <h2 id="supplement-heading">${t('web.supplement.heading', lang)}</h2>
  <p>${t('web.supplement.lead', lang)}</p>
  ${renderErrorSummary(data.supplementError, lang, data.supplementError !== null)}
  <form method="post" action="/portal/dossiers/${data.dossier.id}/documents" enctype="multipart/form-data" data-submit-once>
    ${renderComponentInputs(data.procedure, 'file', data.supplementError, lang, { allOptional: true })}
    <div class="field declaration">
      <label><input type="checkbox" name="declaration" value="on"> ${t('web.apply.declaration', lang)}</label>
    </div>
    <button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('web.supplement.submit', lang)}</button>
  </form>
</section>`;
}

export function renderDossierPage(page: PageContext, data: DossierPageData): string {
  const { lang, timeZone } = page;
  const { dossier } = data;
  const left = data.workingMinutesLeft;
  const notice = data.notice ? html`<div class="notice" role="status"><p>${t(`web.dossier.notice_${data.notice}`, lang)}</p></div>` : '';
  const body = html`${notice}
<h1>${t('web.dossier.heading', lang)} ${ltrText(dossier.reference)}</h1>
<section class="card receipt" aria-labelledby="receipt-heading">
  <h2 id="receipt-heading">${t('web.dossier.receipt_heading', lang)}</h2>
  <dl class="facts">
    <div><dt>${t('web.dossier.reference', lang)}</dt><dd class="reference">${ltrText(dossier.reference)}</dd></div>
    <div><dt>${t('web.dossier.procedure', lang)}</dt><dd>${procedureLabel(dossier.procedure_code, data.procedure?.name, lang)}</dd></div>
    <div><dt>${t('web.dossier.channel', lang)}</dt><dd>${codeLabel('web.channel', dossier.channel, lang)}</dd></div>
    <div><dt>${t('web.dossier.status', lang)}</dt><dd>${dossierStatusBadge(dossier.status, lang)}</dd></div>
    <div><dt>${t('web.dossier.received_at', lang)}</dt><dd>${formatDateTime(dossier.received_at, lang, timeZone)}<br><small>${t('web.dossier.clock_starts', lang)}</small></dd></div>
    <div><dt>${t('web.dossier.deadline', lang)}</dt><dd>${formatDateTime(dossier.deadline_at, lang, timeZone)}${left !== null ? html`<br><small class="${left < 0 ? 'breached' : ''}">${t('web.dossier.time_left', lang, { time: formatWorkingMinutes(left, lang) })}</small>` : ''}</dd></div>
    ${dossier.decision ? html`<div><dt>${t('web.dossier.decision', lang)}</dt><dd>${codeLabel('web.decision', dossier.decision, lang)}${dossier.decision_note ? html`<br><span class="reason">${dossier.decision_note}</span>` : ''}</dd></div>` : ''}
  </dl>
</section>
${renderResult(issuedResultOf(data.documents), page)}
${renderSupplementForm(data, page)}
<section aria-labelledby="documents-heading">
  <h2 id="documents-heading">${t('web.dossier.documents_heading', lang)}</h2>
  ${renderDocumentList(data.documents, data.procedure, { lang, timeZone, details: false })}
</section>`;
  return renderPage(page, { title: `${t('web.dossier.heading', lang)} ${dossier.reference}`, body });
}
