// The banner above an officer's task that lists the dossier's documents that
// are not valid or rest on a basis their component does not accept, each with
// its reason. It informs the decision and never blocks it: the officer may
// still continue or approve.
import type { DocumentRow } from '../../db/documents.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { t, tPlural, type Language } from '../../i18n/index.ts';
import { html, type Html } from '../html.ts';
import { componentName } from './documents.ts';
import { documentStatusBadge } from './labels.ts';

/** Document statuses that the officer must see before deciding. */
const warningStatuses = new Set(['invalid', 'not_accepted']);

export function documentsNeedingAttention(documents: DocumentRow[]): DocumentRow[] {
  return documents.filter((doc) => warningStatuses.has(doc.status));
}

/** Renders the banner, or nothing when every document is fine. `approval` adds the sentence that the decision stays the officer's. */
export function renderDocumentWarnings(documents: DocumentRow[], procedure: Procedure | null, lang: Language, approval: boolean): Html {
  const flagged = documentsNeedingAttention(documents);
  if (flagged.length === 0) return html``;
  return html`<section class="warning-banner" role="alert" aria-labelledby="document-warnings-heading">
  <h2 id="document-warnings-heading">${tPlural('web.task.document_warnings', flagged.length, lang)}</h2>
  <ul>${flagged.map((doc) => html`<li>
    <strong>${componentName(doc, procedure, lang)}</strong> <small>(<bdi>${doc.file_name}</bdi>)</small> ${documentStatusBadge(doc.status, lang)}
    ${doc.validity_reason ? html`<br><span class="reason">${doc.validity_reason[lang]}</span>` : ''}
  </li>`)}</ul>
  <p>${t(approval ? 'web.task.document_warnings_approval' : 'web.task.document_warnings_hint', lang)}</p>
</section>`;
}
