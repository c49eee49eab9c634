// Officer tasklist: open tasks of the officer's roles and units, the nearest
// deadline first, with the working time left.
import { t } from '../../i18n/index.ts';
import { diagramName, dossierStatusBadge } from '../components/labels.ts';
import { formatDateTime, formatWorkingMinutes } from '../format.ts';
import { html, ltrText } from '../html.ts';
import { renderPage, type PageContext } from '../layout.ts';
import type { OpenTask } from '../../domain/dossiers/task-list.ts';

export function renderTasksPage(page: PageContext, tasks: OpenTask[], completedReference: string | null): string {
  const { lang, timeZone } = page;
  const notice = completedReference
    ? html`<div class="notice" role="status"><p>${t('web.tasks.completed_notice', lang)} ${ltrText(completedReference)}</p></div>`
    : '';
  const body = html`${notice}
<h1>${t('web.tasks.heading', lang)}</h1>
${tasks.length === 0 ? html`<p class="muted">${t('web.tasks.empty', lang)}</p>` : html`<div class="table-scroll"><table class="tasks">
  <thead><tr>
    <th scope="col">${t('web.tasks.task', lang)}</th>
    <th scope="col">${t('web.dossier.reference', lang)}</th>
    <th scope="col">${t('web.dossier.procedure', lang)}</th>
    <th scope="col">${t('web.dossier.status', lang)}</th>
    <th scope="col">${t('web.dossier.deadline', lang)}</th>
    <th scope="col">${t('web.tasks.time_left', lang)}</th>
  </tr></thead>
  <tbody>${tasks.map((task) => html`<tr class="${task.workingMinutesLeft < 0 ? 'breached' : ''}">
    <td><a href="/tasks/${task.key}">${t(`web.task_form.${task.form}`, lang)}</a><br><small class="muted">${diagramName(task.name, lang)}</small></td>
    <td>${ltrText(task.dossier.reference)}</td>
    <td>${task.procedureName ? task.procedureName[lang] : ltrText(task.dossier.procedure_code)}</td>
    <td>${dossierStatusBadge(task.dossier.status, lang)}</td>
    <td>${formatDateTime(task.dossier.deadline_at, lang, timeZone)}</td>
    <td class="time-left">${formatWorkingMinutes(task.workingMinutesLeft, lang)}</td>
  </tr>`)}</tbody>
</table></div>`}`;
  return renderPage(page, { title: t('web.tasks.title', lang), body });
}
