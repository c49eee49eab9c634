// The validation report of a document's signatures as a table an officer can
// read: one row per signature with its ETSI EN 319 102-1 indication and
// sub-indication, the signer, and the time the signature claims or a
// timestamp proves. The report is stored as JSON by the verify worker
// (SignatureReport[] from src/signatures/report.ts); this module reads it
// defensively because older rows or other writers may lack fields.
import type { SignatureReport } from '../../signatures/report.ts';
import { t, type Language } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';

function isSignatureReport(value: unknown): value is SignatureReport {
  return typeof value === 'object' && value !== null && typeof (value as { indication?: unknown }).indication === 'string';
}

/** The signature reports in a stored validation report; none when it is empty or not a list of reports. */
export function signatureReportsOf(report: unknown): SignatureReport[] {
  return Array.isArray(report) ? report.filter(isSignatureReport) : [];
}

function signerOf(report: SignatureReport): string {
  return report.signer?.commonName ?? report.signer?.subject ?? '—';
}

function timeOf(report: SignatureReport, lang: Language, timeZone: string): Html {
  if (report.timestamp?.valid) {
    return html`${formatDateTime(report.timestamp.genTime, lang, timeZone)} <small>${t('web.report.time_timestamp', lang)}</small>`;
  }
  if (report.claimedSigningTime) {
    return html`${formatDateTime(report.claimedSigningTime, lang, timeZone)} <small>${t('web.report.time_claimed', lang)}</small>`;
  }
  return html`—`;
}

export function renderValidationReport(report: unknown, lang: Language, timeZone: string): Html {
  const signatures = signatureReportsOf(report);
  if (signatures.length === 0) return html`<p class="muted">${t('web.report.no_signatures', lang)}</p>`;
  return html`<div class="table-scroll"><table class="report">
  <caption>${t('web.report.caption', lang)}</caption>
  <thead><tr>
    <th scope="col">${t('web.report.indication', lang)}</th>
    <th scope="col">${t('web.report.sub_indication', lang)}</th>
    <th scope="col">${t('web.report.signer', lang)}</th>
    <th scope="col">${t('web.report.time', lang)}</th>
    <th scope="col">${t('web.report.chain', lang)}</th>
  </tr></thead>
  <tbody>${signatures.map((signature) => html`<tr>
    <td><span class="indication indication-${signature.indication}">${ltrText(signature.indication)}</span></td>
    <td>${signature.subIndication ? ltrText(signature.subIndication) : '—'}${(signature.findings ?? []).length > 0 ? html`<ul class="findings">${(signature.findings ?? []).map((finding) => html`<li dir="ltr" lang="en">${finding.reason}</li>`)}</ul>` : ''}</td>
    <td><bdi>${signerOf(signature)}</bdi></td>
    <td>${timeOf(signature, lang, timeZone)}</td>
    <td>${signature.chainTrusted ? t('web.report.chain_trusted', lang) : t('web.report.chain_untrusted', lang)}</td>
  </tr>`)}</tbody>
</table></div>`;
}

/** Renders links to the JSON and PDF downloads of a document's report, or nothing while the document has no report. */
export function renderReportDownloads(doc: { id: string; media_type: string; validation_report: unknown }, lang: Language): Html {
  if (doc.media_type !== 'application/pdf' || !Array.isArray(doc.validation_report)) return html``;
  const base = `/api/documents/${doc.id}/validation-report`;
  return html`<p class="report-downloads">
    <a href="${base}.json" download>${t('web.report.download_json', lang)}</a>
    · <a href="${base}.pdf" download>${t('web.report.download_pdf', lang)}</a>
  </p>`;
}
