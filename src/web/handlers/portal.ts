// Citizen portal: my dossiers, the application form of a procedure and its
// submission, one dossier (the receipt) and the supplement upload. The
// dossier page also serves staff, who see the dossiers of their units.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { visibleDossier } from '../../api/routes/dossiers.ts';
import type { AppContext } from '../../context.ts';
import { listDossierDocuments } from '../../db/documents.ts';
import { findDossier, listDossiersOfApplicant, type DossierRow } from '../../db/dossiers.ts';
import { workingTimeLeft } from '../../domain/calendar.ts';
import { getProcedure, listProcedures } from '../../domain/catalogue.ts';
import { addDossierDocuments } from '../../domain/dossiers/add-documents.ts';
import { submitDossier } from '../../domain/dossiers/submit.ts';
import { SijillError } from '../../errors.ts';
import { issuedResultOf } from '../components/documents.ts';
import { formErrorOf, procedureLabels, type FormError } from '../components/forms.ts';
import { applicationFormOf, declarationOf, incomingFilesOf, readPageForm } from '../form-data.ts';
import { renderApplyPage } from '../pages/apply.ts';
import { renderDossierPage } from '../pages/dossier.ts';
import { renderPortalPage } from '../pages/portal.ts';
import { pageContextOf, requireApplicant, requirePageActor, seeOther, sendHtml } from '../request.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dossierIdOf(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!uuidPattern.test(id)) throw new SijillError('request.not_found');
  return id;
}

export async function portalPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/portal', async (request, reply) => {
    const { applicantId } = requireApplicant(request);
    const names = new Map((await listProcedures(ctx.db)).map((procedure) => [procedure.code, procedure.name]));
    const dossiers = [];
    for (const dossier of await listDossiersOfApplicant(ctx.db, applicantId)) {
      const result = dossier.completed_at ? issuedResultOf(await listDossierDocuments(ctx.db, dossier.id)) : undefined;
      dossiers.push({ dossier, procedureName: names.get(dossier.procedure_code) ?? null, result });
    }
    return sendHtml(reply, renderPortalPage(pageContextOf(ctx, request), dossiers));
  });

  app.get('/portal/apply/:code', async (request, reply) => {
    requireApplicant(request);
    const procedure = await procedureOf(ctx, (request.params as { code: string }).code);
    return sendHtml(reply, renderApplyPage(pageContextOf(ctx, request), procedure, { values: {}, idempotencyKey: randomUUID(), error: null }));
  });

  app.post('/portal/apply/:code', async (request, reply) => {
    const { actor, applicantId } = requireApplicant(request);
    const procedure = await procedureOf(ctx, (request.params as { code: string }).code);
    const page = pageContextOf(ctx, request);
    let fields: Record<string, string> = {};
    try {
      const form = await readPageForm(ctx, request);
      fields = form.fields;
      const result = await submitDossier(ctx, {
        procedureCode: procedure.code,
        applicantId,
        channel: 'online',
        form: applicationFormOf(fields),
        files: incomingFilesOf(form, false),
        declaration: declarationOf(fields),
        idempotencyKey: uuidPattern.test(fields['idempotencyKey'] ?? '') ? (fields['idempotencyKey'] as string) : null,
        actorAccountId: actor.account.id,
      });
      return seeOther(reply, `/portal/dossiers/${result.dossier.id}?notice=submitted`);
    } catch (error) {
      if (!(error instanceof SijillError)) throw error;
      request.log.info({ code: error.code, procedure: procedure.code }, 'application rejected');
      const formError = formErrorOf(error, page.lang, procedureLabels(procedure, page.lang));
      const idempotencyKey = uuidPattern.test(fields['idempotencyKey'] ?? '') ? (fields['idempotencyKey'] as string) : randomUUID();
      return sendHtml(reply, renderApplyPage(page, procedure, { values: fields, idempotencyKey, error: formError }), error.status);
    }
  });

  app.get('/portal/dossiers/:id', async (request, reply) => {
    const actor = requirePageActor(request);
    const dossier = await visibleDossier(ctx, actor, dossierIdOf(request));
    const notice = (request.query as Record<string, unknown>)['notice'];
    return sendHtml(reply, await dossierPage(ctx, request, dossier, notice === 'submitted' || notice === 'supplement_sent' ? notice : null, null));
  });

  app.post('/portal/dossiers/:id/documents', async (request, reply) => {
    const actor = requirePageActor(request);
    const dossier = await visibleDossier(ctx, actor, dossierIdOf(request));
    if (dossier.applicant_id !== actor.account.applicant_id || dossier.status !== 'supplement_requested') {
      throw new SijillError('request.conflict');
    }
    try {
      const form = await readPageForm(ctx, request);
      await addDossierDocuments(ctx, dossier, { files: incomingFilesOf(form, false), declaration: declarationOf(form.fields), actorAccountId: actor.account.id });
      return seeOther(reply, `/portal/dossiers/${dossier.id}?notice=supplement_sent`);
    } catch (error) {
      if (!(error instanceof SijillError)) throw error;
      const page = pageContextOf(ctx, request);
      const procedure = await getProcedure(ctx.db, dossier.procedure_code).catch(() => null);
      const formError = formErrorOf(error, page.lang, procedure ? procedureLabels(procedure, page.lang) : {});
      return sendHtml(reply, await dossierPage(ctx, request, dossier, null, formError), error.status);
    }
  });
}

async function procedureOf(ctx: AppContext, code: string) {
  if (!/^[A-Z]{2}-[0-9]{2}$/.test(code)) throw new SijillError('request.not_found');
  return getProcedure(ctx.db, code).catch((error: unknown) => {
    throw error instanceof SijillError ? new SijillError('request.not_found') : error;
  });
}

async function dossierPage(ctx: AppContext, request: FastifyRequest, stale: DossierRow, notice: 'submitted' | 'supplement_sent' | null, supplementError: FormError | null): Promise<string> {
  const dossier = (await findDossier(ctx.db, stale.id)) ?? stale;
  const actor = requirePageActor(request);
  const procedure = await getProcedure(ctx.db, dossier.procedure_code).catch(() => null);
  const documents = await listDossierDocuments(ctx.db, dossier.id);
  return renderDossierPage(pageContextOf(ctx, request), {
    dossier,
    procedure,
    documents,
    workingMinutesLeft: dossier.completed_at ? null : Math.round(workingTimeLeft(ctx.now(), new Date(dossier.deadline_at), ctx.calendar)),
    notice,
    canSupplement: dossier.status === 'supplement_requested' && dossier.applicant_id === actor.account.applicant_id,
    supplementError,
  });
}
