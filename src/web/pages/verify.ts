// Public verification of a result by the code printed on it: anyone holding
// the paper or the PDF checks here that Sijill issued it and what it says.
import type { DocumentRow } from '../../db/documents.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import { t } from '../../i18n/index.ts';
import { codeLabel, procedureLabel } from '../components/labels.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface VerifyPageData {
  code: string;
  result: DocumentRow | null;
  dossier: DossierRow | null;
  procedureName: { ar: string; en: string } | null;
  /** Fingerprints the result had before its archive timestamp was renewed; a copy downloaded then carries one of them. */
  earlierHashes?: { sha256: string; replacedAt: Date }[];
}

export function renderVerifyPage(page: PageContext, data: VerifyPageData): string {
  const { lang, timeZone } = page;
  const { result, dossier } = data;
  const form = html`<form method="get" action="/verify" class="chooser">
  <div class="field">
    <label for="code">${t('web.verify.code', lang)}</label>
    <input id="code" name="code" dir="ltr" value="${data.code}" pattern="[0-9A-Fa-f]{12}" required autocomplete="off">
  </div>
  <button type="submit">${t('web.verify.check', lang)}</button>
</form>`;
  const outcome = !data.code
    ? html``
    : result
      ? html`<section class="card verified" aria-labelledby="verified-heading">
  <h2 id="verified-heading">${t('web.verify.found', lang)}</h2>
  <dl class="facts">
    <div><dt>${t('web.verify.code', lang)}</dt><dd>${ltrText(data.code)}</dd></div>
    ${dossier ? html`<div><dt>${t('web.dossier.reference', lang)}</dt><dd>${ltrText(dossier.reference)}</dd></div>
    <div><dt>${t('web.dossier.procedure', lang)}</dt><dd>${procedureLabel(dossier.procedure_code, data.procedureName, lang)}</dd></div>` : ''}
    ${dossier?.decision ? html`<div><dt>${t('web.dossier.decision', lang)}</dt><dd>${codeLabel('web.decision', dossier.decision, lang)}</dd></div>` : ''}
    <div><dt>${t('web.verify.issued_at', lang)}</dt><dd>${formatDateTime(result.received_at, lang, timeZone)}</dd></div>
    <div><dt>${t('web.verify.status', lang)}</dt><dd>${codeLabel('web.document_status', result.status, lang)}</dd></div>
    <div><dt>${t('web.document.sha256', lang)}</dt><dd><code class="hash">${ltrText(result.sha256)}</code></dd></div>
  </dl>
  <p class="hint">${t('web.verify.compare_hint', lang)}</p>
  ${data.earlierHashes?.length ? html`<details class="earlier-hashes">
    <summary>${t('web.verify.earlier_hashes', lang)}</summary>
    <p class="hint">${t('web.verify.earlier_hashes_hint', lang)}</p>
    <ul>${data.earlierHashes.map((earlier) => html`<li><code class="hash">${ltrText(earlier.sha256)}</code> · ${t('web.verify.replaced_until', lang)} ${formatDateTime(earlier.replacedAt, lang, timeZone)}</li>`)}</ul>
  </details>` : ''}
  <p><a class="button primary" href="/api/verify/${data.code}/content" download>${t('web.verify.download', lang)}</a></p>
</section>`
      : html`<div class="error-summary" role="alert"><p>${t('web.verify.not_found', lang)}</p></div>`;
  const body = html`<h1>${t('web.verify.heading', lang)}</h1>
<p class="lead">${t('web.verify.lead', lang)}</p>
${form}
${outcome}`;
  return renderPage(page, { title: t('web.verify.title', lang), body });
}
