// Officer screens: the tasklist and one task with its form. Counter intake,
// page edits and search are in counter.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findApplicant } from '../../db/city.ts';
import { listDossierDocuments } from '../../db/documents.ts';
import type { Actor } from '../../domain/access.ts';
import { workingTimeLeft } from '../../domain/calendar.ts';
import { getProcedure } from '../../domain/catalogue.ts';
import { addDossierDocuments } from '../../domain/dossiers/add-documents.ts';
import { completeOfficerTask, type TaskCompletion, type TaskForm } from '../../domain/dossiers/officer-tasks.ts';
import { SijillError } from '../../errors.ts';
import { formErrorOf, procedureLabels, type FormError } from '../components/forms.ts';
import { incomingFilesOf, readPageForm } from '../form-data.ts';
import { loadOpenTask, listOpenTasks } from '../../domain/dossiers/task-list.ts';
import { renderTaskPage } from '../pages/task.ts';
import { renderTasksPage } from '../pages/tasks.ts';
import { pageContextOf, requirePageRole, seeOther, sendHtml } from '../request.ts';

const taskRoles = ['reception-officer', 'processing-officer', 'approver'] as const;

/** Turns the radio answer of a task form into the completion the domain records; throws task.answer_missing when none was chosen. */
export function completionOf(form: TaskForm, fields: Record<string, string>): TaskCompletion {
  const answer = fields['answer'];
  const note = fields['note']?.trim() || undefined;
  switch (form) {
    case 'confirm-digitization':
      if (answer !== 'matches' && answer !== 'differs') throw new SijillError('task.answer_missing', { field: 'matches' });
      return { matches: answer === 'matches', note };
    case 'reception-check':
    case 'specialist-review':
      if (answer !== 'continue' && answer !== 'supplement') throw new SijillError('task.answer_missing', { field: 'supplementRequested' });
      return { supplementRequested: answer === 'supplement', note };
    case 'approval':
      if (answer !== 'approved' && answer !== 'rejected') throw new SijillError('task.answer_missing', { field: 'decision' });
      return { decision: answer, note };
  }
}

export async function officerPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/tasks', async (request, reply) => {
    const actor = requirePageRole(request, ...taskRoles);
    const done = (request.query as Record<string, unknown>)['done'];
    const reference = typeof done === 'string' && /^[A-Z0-9-]{1,40}$/.test(done) ? done : null;
    return sendHtml(reply, renderTasksPage(pageContextOf(ctx, request), await listOpenTasks(ctx, actor), reference));
  });

  app.get('/tasks/:key', async (request, reply) => {
    const actor = requirePageRole(request, ...taskRoles);
    const pagesEdited = (request.query as Record<string, unknown>)['pages'] === 'edited';
    return sendTaskPage(ctx, request, reply, actor, {}, null, { pagesEdited });
  });

  app.post('/tasks/:key', async (request, reply) => {
    const actor = requirePageRole(request, ...taskRoles);
    const { key } = request.params as { key: string };
    const { form, dossier } = await loadOpenTask(ctx, actor, key);
    let fields: Record<string, string> = {};
    try {
      const posted = await readPageForm(ctx, request);
      fields = posted.fields;
      const completion = completionOf(form, fields);
      const rescans = form === 'confirm-digitization' ? incomingFilesOf(posted, true).filter((file) => file.paperOriginal) : [];
      if (completion.matches === false && rescans.length === 0) throw new SijillError('web.rescan_missing');
      // The rescan is stored before the task completes, so the second digitization finds it.
      if (rescans.length > 0 && completion.matches === false) {
        await addDossierDocuments(ctx, dossier, { files: rescans, declaration: null, actorAccountId: actor.account.id });
      }
      await completeOfficerTask(ctx, actor, key, completion);
      return seeOther(reply, `/tasks?done=${encodeURIComponent(dossier.reference)}`);
    } catch (error) {
      if (!(error instanceof SijillError) || error.code === 'request.not_found') throw error;
      request.log.info({ code: error.code, taskKey: key }, 'task answer rejected');
      return sendTaskPage(ctx, request, reply, actor, fields, error);
    }
  });
}

/** Notices of a task page besides the task itself: a page edit just saved, or one rejected. */
export interface TaskPageExtras {
  pagesEdited?: boolean;
  pageEditError?: { documentId: string; error: SijillError } | null;
}

/** Renders the open task of the request's :key, with the officer's answer and its error when the form is shown again. */
export async function sendTaskPage(
  ctx: AppContext, request: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, string>, error: SijillError | null, extras: TaskPageExtras = {},
) {
  const { key } = request.params as { key: string };
  const { task, form, dossier } = await loadOpenTask(ctx, actor, key);
  const page = pageContextOf(ctx, request);
  const procedure = await getProcedure(ctx.db, dossier.procedure_code).catch(() => null);
  const formError: FormError | null = error ? formErrorOf(error, page.lang, procedure ? procedureLabels(procedure, page.lang) : {}, 'paper') : null;
  const html = renderTaskPage(page, {
    taskKey: task.userTaskKey,
    taskName: task.name,
    form,
    dossier,
    applicant: await findApplicant(ctx.db, dossier.applicant_id),
    procedure,
    documents: await listDossierDocuments(ctx.db, dossier.id),
    workingMinutesLeft: Math.round(workingTimeLeft(ctx.now(), new Date(dossier.deadline_at), ctx.calendar)),
    values,
    error: formError,
    pagesEdited: extras.pagesEdited === true,
    pageEditError: extras.pageEditError
      ? { documentId: extras.pageEditError.documentId, error: formErrorOf(extras.pageEditError.error, page.lang) }
      : null,
  });
  const status = error?.status ?? extras.pageEditError?.error.status ?? 200;
  return sendHtml(reply, html, status);
}
