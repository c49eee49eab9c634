// Digitization progress of the dossiers a reception officer just registered:
// each paper document with its stage (queued for OCR, awaiting confirmation,
// confirmed, sealed, or recorded as an exception) and a progress bar. The
// web-forms bundle polls /counter/intake/status and updates the bars while
// any dossier is unfinished; without JavaScript the "refresh" link reloads.
import { intakeStages, type DossierProgress, type IntakeStage } from '../../domain/counter/intake-progress.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { findComponent } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { codeLabel } from '../components/labels.ts';
import { formatDateTime } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface IntakePageData {
  progress: DossierProgress[];
  procedures: Procedure[];
  /** The query string of this page (`dossier=…&dossier=…`), which the status endpoint takes too. */
  query: string;
}

export function stageLabel(stage: IntakeStage, lang: Language): string {
  return t(`counter.stage.${stage}`, lang);
}

function componentLabel(code: string | null, procedure: Procedure | undefined, lang: Language): string {
  if (!code) return '—';
  return (procedure ? findComponent(procedure, code)?.name[lang] : undefined) ?? code;
}

function renderDossier(entry: DossierProgress, procedure: Procedure | undefined, page: PageContext): Html {
  const { lang, timeZone } = page;
  const { dossier } = entry;
  return html`<section class="card intake-dossier" data-dossier="${dossier.id}" aria-labelledby="intake-${dossier.id}">
  <h2 id="intake-${dossier.id}"><a href="/portal/dossiers/${dossier.id}">${ltrText(dossier.reference)}</a>
    <small>${procedure ? procedure.name[lang] : dossier.procedure_code} · ${codeLabel('web.channel', dossier.channel, lang)} · ${formatDateTime(dossier.received_at, lang, timeZone)}</small></h2>
  ${entry.components.length === 0 ? html`<p class="muted">${t('counter.intake.no_paper', lang)}</p>` : html`<table class="intake">
    <thead><tr>
      <th scope="col">${t('web.document.component', lang)}</th>
      <th scope="col">${t('web.document.file', lang)}</th>
      <th scope="col">${t('counter.intake.stage', lang)}</th>
    </tr></thead>
    <tbody>${entry.components.map((component) => html`<tr data-component="${component.componentCode ?? ''}">
      <td>${componentLabel(component.componentCode, procedure, lang)}</td>
      <td>${component.stage === 'exception'
        ? html`<span class="muted">${component.exceptionReason ? t(`counter.exception_reason.${component.exceptionReason}`, lang) : ''}</span>`
        : html`<small class="muted">${codeLabel('web.document_kind', 'counter_original', lang)}</small><br>${component.fileNames.map((name) => html`<bdi>${name}</bdi> `)}`}</td>
      <td><progress max="${intakeStages.length}" value="${component.step}" aria-label="${componentLabel(component.componentCode, procedure, lang)}"></progress>
        <span class="stage stage-${component.stage}">${stageLabel(component.stage, lang)}</span></td>
    </tr>`)}</tbody>
  </table>`}
</section>`;
}

export function renderIntakePage(page: PageContext, data: IntakePageData): string {
  const { lang } = page;
  const byCode = new Map(data.procedures.map((procedure) => [procedure.code, procedure]));
  const unfinished = data.progress.some((entry) => !entry.done);
  const body = html`<h1>${t('counter.intake.heading', lang)}</h1>
<p class="lead">${t('counter.intake.lead', lang)}</p>
<p><a href="/counter">${t('counter.intake.register_another', lang)}</a> · <a href="/counter/intake${data.query ? `?${data.query}` : ''}">${t('counter.intake.refresh', lang)}</a></p>
<div class="intake-list"${unfinished ? html` data-intake-poll="/counter/intake/status${data.query ? `?${data.query}` : ''}"` : ''}>
${data.progress.length === 0 ? html`<p class="muted">${t('counter.intake.empty', lang)}</p>` : data.progress.map((entry) => renderDossier(entry, byCode.get(entry.dossier.procedure_code), page))}
</div>`;
  return renderPage(page, { title: t('counter.intake.title', lang), body });
}
