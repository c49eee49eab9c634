// SLA board: for supervisors and approvers, the open dossiers of their units
// per unit (open and breached counts, with a bar chart) and one by one with
// the working time left, red once the deadline has passed.
import type { SlaDossier, SlaUnit } from '../../domain/dossiers/sla-board.ts';
import { t } from '../../i18n/index.ts';
import { dossierStatusBadge } from '../components/labels.ts';
import { formatDateTime, formatWorkingMinutes } from '../format.ts';
import { html, ltrText, scriptJson } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

/** Data the chart bundle reads from #sla-chart-data. */
export interface SlaChartData {
  dir: 'rtl' | 'ltr';
  units: string[];
  onTime: number[];
  breached: number[];
  labels: { onTime: string; breached: string };
}

export function renderSlaPage(page: PageContext, units: SlaUnit[], dossiers: SlaDossier[]): string {
  const { lang, timeZone } = page;
  const chart: SlaChartData = {
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    units: units.map((unit) => unit.name[lang]),
    onTime: units.map((unit) => unit.open - unit.breached),
    breached: units.map((unit) => unit.breached),
    labels: { onTime: t('web.sla.on_time', lang), breached: t('web.sla.breached', lang) },
  };
  const body = html`<h1>${t('web.sla.heading', lang)}</h1>
<p class="lead">${t('web.sla.lead', lang)}</p>
<section aria-labelledby="units-heading">
  <h2 id="units-heading">${t('web.sla.units_heading', lang)}</h2>
  ${units.length === 0 ? html`<p class="muted">${t('web.sla.empty', lang)}</p>` : html`<div class="sla-summary">
  <div class="table-scroll"><table class="units">
    <thead><tr>
      <th scope="col">${t('web.sla.unit', lang)}</th>
      <th scope="col">${t('web.sla.open', lang)}</th>
      <th scope="col">${t('web.sla.breached', lang)}</th>
    </tr></thead>
    <tbody>${units.map((unit) => html`<tr>
      <td>${unit.name[lang]}</td>
      <td class="number">${unit.open}</td>
      <td class="number${unit.breached > 0 ? ' breached' : ''}">${unit.breached}</td>
    </tr>`)}</tbody>
  </table></div>
  <div id="sla-chart" class="chart" dir="ltr" role="img" aria-label="${t('web.sla.chart_label', lang)}"></div>
  <script type="application/json" id="sla-chart-data">${scriptJson(chart)}</script>
  </div>`}
</section>
<section aria-labelledby="open-heading">
  <h2 id="open-heading">${t('web.sla.dossiers_heading', lang)}</h2>
  ${dossiers.length === 0 ? html`<p class="muted">${t('web.sla.empty', lang)}</p>` : html`<div class="table-scroll"><table class="sla-dossiers">
    <thead><tr>
      <th scope="col">${t('web.dossier.reference', lang)}</th>
      <th scope="col">${t('web.dossier.procedure', lang)}</th>
      <th scope="col">${t('web.sla.unit', lang)}</th>
      <th scope="col">${t('web.dossier.status', lang)}</th>
      <th scope="col">${t('web.dossier.deadline', lang)}</th>
      <th scope="col">${t('web.tasks.time_left', lang)}</th>
    </tr></thead>
    <tbody>${dossiers.map((dossier) => html`<tr class="${dossier.workingMinutesLeft < 0 ? 'breached' : ''}">
      <td><a href="/portal/dossiers/${dossier.id}">${ltrText(dossier.reference)}</a></td>
      <td>${dossier.procedureName ? dossier.procedureName[lang] : ltrText(dossier.procedureCode)}</td>
      <td>${dossier.unitName[lang]}</td>
      <td>${dossierStatusBadge(dossier.status, lang)}</td>
      <td>${formatDateTime(dossier.deadlineAt, lang, timeZone)}</td>
      <td class="time-left">${formatWorkingMinutes(dossier.workingMinutesLeft, lang)}</td>
    </tr>`)}</tbody>
  </table></div>`}
</section>`;
  return renderPage(page, { title: t('web.sla.title', lang), body, scripts: ['web-sla'] });
}
