// Officer screens: the tasklist, one task with its form, and counter intake.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findApplicant, upsertApplicant } from '../../db/city.ts';
import { listDossierDocuments } from '../../db/documents.ts';
import type { Actor } from '../../domain/access.ts';
import { workingTimeLeft } from '../../domain/calendar.ts';
import { getProcedure, listProcedures } from '../../domain/catalogue.ts';
import { addDossierDocuments } from '../../domain/dossiers/add-documents.ts';
import { completeOfficerTask, type TaskCompletion, type TaskForm } from '../../domain/dossiers/officer-tasks.ts';
import { submitDossier } from '../../domain/dossiers/submit.ts';
import type { Procedure } from '../../domain/procedures.ts';
import { SijillError } from '../../errors.ts';
import { formErrorOf, procedureLabels, type FormError } from '../components/forms.ts';
import { applicationFormOf, incomingFilesOf, readPageForm } from '../form-data.ts';
import { loadOpenTask, listOpenTasks } from '../officer-tasks.ts';
import { renderCounterPage } from '../pages/counter.ts';
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
    return sendTaskPage(ctx, request, reply, actor, {}, null);
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

  app.get('/counter', async (request, reply) => {
    requirePageRole(request, 'reception-officer');
    const code = (request.query as Record<string, unknown>)['procedure'];
    const procedures = await listProcedures(ctx.db);
    const procedure = procedures.find((entry) => entry.code === code) ?? null;
    const html = renderCounterPage(pageContextOf(ctx, request), { procedures, procedure, values: {}, idempotencyKey: randomUUID(), error: null });
    return sendHtml(reply, html);
  });

  app.post('/counter', async (request, reply) => {
    const actor = requirePageRole(request, 'reception-officer');
    const page = pageContextOf(ctx, request);
    const procedures = await listProcedures(ctx.db);
    let fields: Record<string, string> = {};
    let procedure: Procedure | null = null;
    try {
      const posted = await readPageForm(ctx, request);
      fields = posted.fields;
      procedure = procedures.find((entry) => entry.code === fields['procedureCode']) ?? null;
      if (!procedure) throw new SijillError('dossier.unknown_procedure', { code: fields['procedureCode'] ?? '' });
      const applicantId = await registerApplicant(ctx, fields);
      const result = await submitDossier(ctx, {
        procedureCode: procedure.code,
        applicantId,
        channel: fields['channel'] === 'postal' ? 'postal' : 'counter',
        form: applicationFormOf(fields),
        files: incomingFilesOf(posted, true),
        declaration: null,
        idempotencyKey: /^[0-9a-f-]{36}$/i.test(fields['idempotencyKey'] ?? '') ? (fields['idempotencyKey'] as string) : null,
        actorAccountId: actor.account.id,
      });
      return seeOther(reply, `/portal/dossiers/${result.dossier.id}?notice=submitted`);
    } catch (error) {
      if (!(error instanceof SijillError)) throw error;
      request.log.info({ code: error.code }, 'counter intake rejected');
      const labels = procedure ? procedureLabels(procedure, page.lang) : {};
      const formError = formErrorOf(error, page.lang, labels, 'paper');
      const idempotencyKey = /^[0-9a-f-]{36}$/i.test(fields['idempotencyKey'] ?? '') ? (fields['idempotencyKey'] as string) : randomUUID();
      return sendHtml(reply, renderCounterPage(page, { procedures, procedure, values: fields, idempotencyKey, error: formError }), error.status);
    }
  });
}

/** Creates or updates the applicant the officer registers at the counter; the identifier is the key. */
async function registerApplicant(ctx: AppContext, fields: Record<string, string>): Promise<string> {
  const identifier = (fields['applicantIdentifier'] ?? '').trim();
  const name = (fields['applicantName'] ?? '').trim();
  const email = (fields['applicantEmail'] ?? '').trim();
  if (!/^[0-9A-Za-z-]{4,32}$/.test(identifier)) throw new SijillError('dossier.field_invalid', { field: 'applicantIdentifier' });
  if (!name) throw new SijillError('dossier.field_missing', { field: 'applicantName' });
  const applicant = await upsertApplicant(ctx.db, {
    id: randomUUID(), kind: fields['applicantKind'] === 'organization' ? 'organization' : 'individual', identifier, full_name: name, email: email || null, phone: null,
  });
  return applicant.id;
}

async function sendTaskPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, string>, error: SijillError | null) {
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
  });
  return sendHtml(reply, html, error ? error.status : 200);
}
