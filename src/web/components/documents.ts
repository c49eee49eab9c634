// A dossier's documents: what each one is, its validity basis and the reason,
// and a link to its bytes. Officers also get the validation report and, for
// digitized documents, the OCR text beside the link to the PDF.
import type { DocumentRow } from '../../db/documents.ts';
import { autoLanguages } from '../../digitize/language.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { findComponent } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { formatBytes, formatDateTime } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { codeLabel, documentStatusBadge } from './labels.ts';
import { renderReportDownloads, renderValidationReport } from './validation-report.ts';

export interface DocumentListOptions {
  lang: Language;
  timeZone: string;
  /** Show each document's validation report and OCR text (officers). */
  details: boolean;
}

export function documentContentUrl(doc: Pick<DocumentRow, 'id'>): string {
  return `/api/documents/${doc.id}/content`;
}

/** The document's component in the reader's language, or its kind when it belongs to no component. */
export function componentName(doc: DocumentRow, procedure: Procedure | null, lang: Language): string {
  if (!doc.component_code) return codeLabel('web.document_kind', doc.kind, lang);
  const component = procedure ? findComponent(procedure, doc.component_code) : undefined;
  return component ? component.name[lang] : doc.component_code;
}

function renderValidity(doc: DocumentRow, lang: Language): Html {
  if (!doc.validity_basis) return html`<span class="muted">${t('web.document.validity_pending', lang)}</span>`;
  const invalid = doc.validity_basis === 'invalid';
  const accepted = doc.status !== 'not_accepted';
  return html`<strong class="${invalid ? 'invalid' : accepted ? 'valid' : 'not-accepted'}">${codeLabel('validity.basis', doc.validity_basis, lang)}</strong>
      ${doc.validity_reason ? html`<br><span class="reason">${doc.validity_reason[lang]}</span>` : ''}`;
}

/** Says which languages a digitized document was read with, such as "OCR languages: Arabic + English (detected)". */
export function renderOcrLanguages(doc: DocumentRow, documents: readonly DocumentRow[], lang: Language): Html {
  if (!doc.ocr_languages) return html``;
  const names = doc.ocr_languages.split('+').map((code) => codeLabel('digitize.language', code, lang));
  const detected = ocrLanguagesDetected(doc, documents) ? ` ${t('digitize.languages_detected', lang)}` : '';
  return html`<p class="ocr-languages">${t('digitize.languages_used', lang, { languages: names.join(' + ') })}${detected}</p>`;
}

/** Tells whether a digitized document's languages were detected: its paper original asked for "auto". */
export function ocrLanguagesDetected(doc: DocumentRow, documents: readonly DocumentRow[]): boolean {
  let current: DocumentRow | undefined = doc;
  // Page edits make a chain of versions back to the original; it is short, but bounded all the same.
  for (let hops = 0; current !== undefined && current.kind !== 'counter_original' && hops < 50; hops += 1) {
    const sourceId: string | null = current.source_document_id;
    current = documents.find((candidate) => candidate.id === sourceId);
  }
  return current?.ocr_languages === autoLanguages;
}

function renderDetails(doc: DocumentRow, documents: readonly DocumentRow[], options: DocumentListOptions): Html {
  const { lang, timeZone } = options;
  const ocr = doc.kind === 'digitized' && doc.ocr_text !== null
    ? html`<div class="ocr">
        <h4>${t('web.document.ocr_text', lang)}</h4>
        ${renderOcrLanguages(doc, documents, lang)}
        <p><a href="${documentContentUrl(doc)}">${t('web.document.open_pdf', lang)}</a></p>
        <pre dir="auto">${doc.ocr_text.trim() || t('web.document.ocr_empty', lang)}</pre>
      </div>`
    : '';
  return html`<details class="document-details">
      <summary>${t('web.document.details', lang)}</summary>
      ${renderValidationReport(doc.validation_report, lang, timeZone)}
      ${renderReportDownloads(doc, lang)}
      ${ocr}
      <p class="muted">${t('web.document.sha256', lang)} ${html`<code>${ltrText(doc.sha256)}</code>`}</p>
    </details>`;
}

export function renderDocumentList(documents: DocumentRow[], procedure: Procedure | null, options: DocumentListOptions): Html {
  const { lang, timeZone } = options;
  if (documents.length === 0) return html`<p class="muted">${t('web.document.none', lang)}</p>`;
  return html`<div class="table-scroll"><table class="documents">
  <thead><tr>
    <th scope="col">${t('web.document.component', lang)}</th>
    <th scope="col">${t('web.document.file', lang)}</th>
    <th scope="col">${t('web.document.received_at', lang)}</th>
    <th scope="col">${t('web.document.status', lang)}</th>
    <th scope="col">${t('web.document.validity', lang)}</th>
  </tr></thead>
  <tbody>${documents.map((doc) => html`<tr>
    <td>${componentName(doc, procedure, lang)}<br><small class="muted">${codeLabel('web.document_kind', doc.kind, lang)}</small></td>
    <td><a href="${documentContentUrl(doc)}" download>${html`<bdi>${doc.file_name}</bdi>`}</a><br><small class="muted">${ltrText(formatBytes(Number(doc.byte_size), 'en'))}</small></td>
    <td>${formatDateTime(doc.received_at, lang, timeZone)}</td>
    <td>${documentStatusBadge(doc.status, lang)}</td>
    <td>${renderValidity(doc, lang)}${options.details ? renderDetails(doc, documents, options) : ''}</td>
  </tr>`)}</tbody>
</table></div>`;
}

/** The issued result of a dossier, if any: the document of kind "result" with status "issued". */
export function issuedResultOf(documents: DocumentRow[]): DocumentRow | undefined {
  return documents.find((doc) => doc.kind === 'result' && doc.status === 'issued');
}
