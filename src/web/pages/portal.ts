// Citizen portal: the applicant's dossiers with their status, receipt time,
// deadline and, once issued, the signed result.
import type { DocumentRow } from '../../db/documents.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import { t } from '../../i18n/index.ts';
import { documentContentUrl } from '../components/documents.ts';
import { dossierStatusBadge, procedureLabel } from '../components/labels.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface PortalDossier {
  dossier: DossierRow;
  procedureName: { ar: string; en: string } | null;
  result: DocumentRow | undefined;
}

export function renderPortalPage(page: PageContext, dossiers: PortalDossier[]): string {
  const { lang, timeZone } = page;
  const rows = dossiers.map(({ dossier, procedureName, result }) => html`<tr>
    <td><a href="/portal/dossiers/${dossier.id}">${ltrText(dossier.reference)}</a></td>
    <td>${procedureLabel(dossier.procedure_code, procedureName, lang)}</td>
    <td>${dossierStatusBadge(dossier.status, lang)}</td>
    <td>${formatDateTime(dossier.received_at, lang, timeZone)}</td>
    <td>${formatDateTime(dossier.deadline_at, lang, timeZone)}</td>
    <td>${result ? html`<a class="button" href="${documentContentUrl(result)}" download>${t('web.portal.download_result', lang)}</a>` : '—'}</td>
  </tr>`);
  const body = html`<h1>${t('web.portal.heading', lang)}</h1>
<p><a class="button primary" href="/#catalogue-heading">${t('web.portal.new_application', lang)}</a></p>
${dossiers.length === 0 ? html`<p class="muted">${t('web.portal.empty', lang)}</p>` : html`<div class="table-scroll"><table class="dossiers">
  <thead><tr>
    <th scope="col">${t('web.dossier.reference', lang)}</th>
    <th scope="col">${t('web.dossier.procedure', lang)}</th>
    <th scope="col">${t('web.dossier.status', lang)}</th>
    <th scope="col">${t('web.dossier.received_at', lang)}</th>
    <th scope="col">${t('web.dossier.deadline', lang)}</th>
    <th scope="col">${t('web.dossier.result', lang)}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`}`;
  return renderPage(page, { title: t('web.portal.title', lang), body });
}
