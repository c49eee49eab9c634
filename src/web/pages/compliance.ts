// Compliance page for supervisors: the "digitized at receipt" indicator per
// unit for a period (paper documents received, digitized and sealed,
// pending, exceptions, share digitized), and every paper exception with its
// reason and officer. The same figures are served by GET /api/compliance.
import type { ComplianceReport, UnitCompliance } from '../../domain/counter/compliance.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { findComponent } from '../../domain/procedures.ts';
import type { Language } from '../../i18n/index.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

function formatShare(share: number | null): Html {
  if (share === null) return html`<span class="muted">—</span>`;
  // Latin digits and a plain percent sign, like the other figures on the screens.
  return ltrText(`${share.toFixed(share % 1 === 0 ? 0 : 1)}%`);
}

function renderFigures(figures: Omit<UnitCompliance, 'unit'>, lang: Language): Html {
  return html`<td class="number">${figures.received}</td>
      <td class="number">${figures.digitizedSealed}</td>
      <td class="number">${figures.pending}</td>
      <td class="number${figures.exceptions > 0 ? ' has-exceptions' : ''}">${figures.exceptions}</td>
      <td class="number">${formatShare(figures.digitizedShare)}</td>`;
}

export function renderCompliancePage(page: PageContext, report: ComplianceReport, procedures: Procedure[]): string {
  const { lang, timeZone } = page;
  const componentName = (procedureCode: string, code: string): Html | string => {
    const procedure = procedures.find((entry) => entry.code === procedureCode);
    return (procedure ? findComponent(procedure, code)?.name[lang] : undefined) ?? ltrText(code);
  };
  const body = html`<h1>${t('counter.compliance.heading', lang)}</h1>
<p class="lead">${t('counter.compliance.lead', lang)}</p>
<form method="get" action="/compliance" class="chooser period">
  <div class="field"><label for="from">${t('counter.compliance.from', lang)}</label><input id="from" name="from" type="date" value="${report.period.from}" required></div>
  <div class="field"><label for="to">${t('counter.compliance.to', lang)}</label><input id="to" name="to" type="date" value="${report.period.to}" required></div>
  <button type="submit">${t('counter.compliance.show', lang)}</button>
</form>
<section aria-labelledby="units-heading">
  <h2 id="units-heading">${t('counter.compliance.units_heading', lang)}</h2>
  <div class="table-scroll"><table class="compliance">
    <thead><tr>
      <th scope="col">${t('web.sla.unit', lang)}</th>
      <th scope="col">${t('counter.compliance.received', lang)}</th>
      <th scope="col">${t('counter.compliance.digitized_sealed', lang)}</th>
      <th scope="col">${t('counter.compliance.pending', lang)}</th>
      <th scope="col">${t('counter.compliance.exceptions', lang)}</th>
      <th scope="col">${t('counter.compliance.share', lang)}</th>
    </tr></thead>
    <tbody>${report.units.map((unit) => html`<tr>
      <th scope="row">${unit.unit[lang]}</th>
      ${renderFigures(unit, lang)}
    </tr>`)}</tbody>
    <tfoot><tr><th scope="row">${t('counter.compliance.total', lang)}</th>${renderFigures(report.total, lang)}</tr></tfoot>
  </table></div>
  <p class="hint">${t('counter.compliance.definition', lang)}</p>
</section>
<section aria-labelledby="exceptions-heading">
  <h2 id="exceptions-heading">${t('counter.compliance.exceptions_heading', lang)}</h2>
  ${report.exceptions.length === 0 ? html`<p class="muted">${t('counter.compliance.no_exceptions', lang)}</p>` : html`<div class="table-scroll"><table class="exceptions">
    <thead><tr>
      <th scope="col">${t('web.dossier.reference', lang)}</th>
      <th scope="col">${t('web.document.component', lang)}</th>
      <th scope="col">${t('counter.exception.reason', lang)}</th>
      <th scope="col">${t('counter.compliance.officer', lang)}</th>
      <th scope="col">${t('counter.compliance.recorded_at', lang)}</th>
    </tr></thead>
    <tbody>${report.exceptions.map((row) => html`<tr>
      <td><a href="/portal/dossiers/${row.dossier_id}">${ltrText(row.reference)}</a></td>
      <td>${componentName(row.procedure_code, row.component_code)}</td>
      <td>${t(`counter.exception_reason.${row.reason}`, lang)}${row.note ? html`<br><span class="reason">${row.note}</span>` : ''}</td>
      <td>${row.officer_name}</td>
      <td>${formatDateTime(row.recorded_at, lang, timeZone)}</td>
    </tr>`)}</tbody>
  </table></div>`}
</section>`;
  return renderPage(page, { title: t('counter.compliance.title', lang), body });
}
