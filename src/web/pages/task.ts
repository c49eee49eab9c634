// One officer task: the dossier with its applicant and form, its documents
// with validity, validation report and OCR text, and the form of the task:
//   confirm-digitization  the digitized PDF matches the paper original, or
//                         not (then a rescan of the original is uploaded);
//                         its pages can be rotated, reordered or removed first
//   reception-check,
//   specialist-review     continue, or request a supplement from the applicant
//   approval              approve, or reject with a mandatory reason
import type { ApplicantRow } from '../../db/city.ts';
import type { DocumentRow } from '../../db/documents.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import type { TaskForm } from '../../domain/dossiers/officer-tasks.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { t, type Language } from '../../i18n/index.ts';
import { renderDocumentList } from '../components/documents.ts';
import { renderDocumentWarnings } from '../components/document-warnings.ts';
import { renderComponentInputs, renderErrorSummary, type FormError } from '../components/forms.ts';
import { renderPageEditors } from '../components/page-editor.ts';
import { codeLabel, diagramName, dossierStatusBadge, procedureLabel } from '../components/labels.ts';
import { formatDateTime, formatWorkingMinutes } from '../format.ts';
import { html, ltrText, type Html } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';

export interface TaskPageData {
  taskKey: string;
  taskName: string;
  form: TaskForm;
  dossier: DossierRow;
  applicant: ApplicantRow | null;
  procedure: Procedure | null;
  documents: DocumentRow[];
  workingMinutesLeft: number;
  /** The officer's answer as sent, kept when the form is shown again with an error. */
  values: Record<string, string>;
  error: FormError | null;
  /** A page edit was just saved as a new version of a digitized document. */
  pagesEdited?: boolean;
  /** A rejected page edit and the document it was for. */
  pageEditError?: { documentId: string; error: FormError } | null;
}

interface Choice {
  value: string;
  key: string;
}

const choices: Record<TaskForm, Choice[]> = {
  'confirm-digitization': [{ value: 'matches', key: 'web.task.answer_matches' }, { value: 'differs', key: 'web.task.answer_differs' }],
  'reception-check': [{ value: 'continue', key: 'web.task.answer_continue' }, { value: 'supplement', key: 'web.task.answer_supplement' }],
  'specialist-review': [{ value: 'continue', key: 'web.task.answer_continue' }, { value: 'supplement', key: 'web.task.answer_supplement' }],
  approval: [{ value: 'approved', key: 'web.task.answer_approve' }, { value: 'rejected', key: 'web.task.answer_reject' }],
};

function renderChoices(data: TaskPageData, lang: Language): Html {
  const invalid = data.error?.target === 'answer';
  return html`<fieldset class="choices"${invalid ? html` aria-invalid="true" aria-describedby="answer-error"` : ''}>
  <legend>${t(`web.task.question.${data.form}`, lang)}</legend>
  ${choices[data.form].map((choice) => html`<label class="choice"><input type="radio" name="answer" value="${choice.value}" required${data.values['answer'] === choice.value ? html` checked` : ''}> ${t(choice.key, lang)}</label>`)}
  ${invalid ? html`<p class="field-error" id="answer-error">${data.error?.message}</p>` : ''}
</fieldset>`;
}

function renderTaskForm(data: TaskPageData, lang: Language): Html {
  const noteInvalid = data.error?.target === 'note';
  const rescan = data.form === 'confirm-digitization' && data.procedure
    ? html`<fieldset class="rescan">
    <legend>${t('web.task.rescan_heading', lang)}</legend>
    <p class="hint">${t('web.task.rescan_hint', lang)}</p>
    ${renderComponentInputs(data.procedure, 'paper', data.error, lang, { allOptional: true })}
  </fieldset>`
    : '';
  return html`<section class="card task-form" aria-labelledby="task-form-heading">
  <h2 id="task-form-heading">${t(`web.task_form.${data.form}`, lang)}</h2>
  ${renderErrorSummary(data.error, lang, data.error !== null && data.form === 'confirm-digitization')}
  <form method="post" action="/tasks/${data.taskKey}" enctype="multipart/form-data" data-submit-once>
    ${renderChoices(data, lang)}
    ${rescan}
    <div class="field">
      <label for="note">${t(data.form === 'approval' ? 'web.task.note_approval' : 'web.task.note', lang)}</label>
      <textarea id="note" name="note" rows="3" maxlength="2000"${noteInvalid ? html` aria-invalid="true" aria-describedby="note-error"` : ''}>${data.values['note'] ?? ''}</textarea>
      ${noteInvalid ? html`<p class="field-error" id="note-error">${data.error?.message}</p>` : ''}
    </div>
    <button type="submit" class="primary" data-busy-text="${t('web.form.sending', lang)}">${t('web.task.submit', lang)}</button>
  </form>
</section>`;
}

function renderFormValues(data: TaskPageData, lang: Language): Html {
  const fields = data.procedure?.form ?? [];
  const entries = Object.entries(data.dossier.form);
  if (entries.length === 0) return html``;
  return html`<dl class="facts">${entries.map(([name, value]) => {
    const label = fields.find((field) => field.name === name)?.label[lang] ?? name;
    return html`<div><dt>${label}</dt><dd><bdi>${String(value)}</bdi></dd></div>`;
  })}</dl>`;
}

export function renderTaskPage(page: PageContext, data: TaskPageData): string {
  const { lang, timeZone } = page;
  const { dossier, applicant } = data;
  const notice = data.pagesEdited ? html`<div class="notice" role="status"><p>${t('counter.pages.saved', lang)}</p></div>` : '';
  const pageEditors = data.form === 'confirm-digitization'
    ? renderPageEditors(data.documents, { taskKey: data.taskKey, procedure: data.procedure, lang, error: data.pageEditError ?? null })
    : '';
  const body = html`${notice}<p><a href="/tasks">${t('web.task.back', lang)}</a></p>
<h1>${t(`web.task_form.${data.form}`, lang)}: ${ltrText(dossier.reference)}</h1>
${renderDocumentWarnings(data.documents, data.procedure, lang, data.form === 'approval')}
<div class="task-layout">
<div class="task-main">
<section class="card" aria-labelledby="dossier-heading">
  <h2 id="dossier-heading">${t('web.task.dossier_heading', lang)}</h2>
  <dl class="facts">
    <div><dt>${t('web.dossier.procedure', lang)}</dt><dd>${procedureLabel(dossier.procedure_code, data.procedure?.name, lang)}</dd></div>
    <div><dt>${t('web.task.applicant', lang)}</dt><dd>${applicant ? html`<bdi>${applicant.full_name}</bdi> <small>(${ltrText(applicant.identifier)})</small>` : '—'}</dd></div>
    <div><dt>${t('web.dossier.channel', lang)}</dt><dd>${codeLabel('web.channel', dossier.channel, lang)}</dd></div>
    <div><dt>${t('web.dossier.status', lang)}</dt><dd>${dossierStatusBadge(dossier.status, lang)}</dd></div>
    <div><dt>${t('web.dossier.received_at', lang)}</dt><dd>${formatDateTime(dossier.received_at, lang, timeZone)}</dd></div>
    <div><dt>${t('web.dossier.deadline', lang)}</dt><dd>${formatDateTime(dossier.deadline_at, lang, timeZone)}<br><small class="${data.workingMinutesLeft < 0 ? 'breached' : ''}">${t('web.dossier.time_left', lang, { time: formatWorkingMinutes(data.workingMinutesLeft, lang) })}</small></dd></div>
  </dl>
  <h3>${t('web.task.form_values', lang)}</h3>
  ${renderFormValues(data, lang)}
</section>
<section aria-labelledby="documents-heading">
  <h2 id="documents-heading">${t('web.dossier.documents_heading', lang)}</h2>
  ${renderDocumentList(data.documents, data.procedure, { lang, timeZone, details: true })}
</section>
${pageEditors}
</div>
${renderTaskForm(data, lang)}
</div>`;
  return renderPage(page, { title: `${diagramName(data.taskName, lang)} · ${dossier.reference}`, body });
}
