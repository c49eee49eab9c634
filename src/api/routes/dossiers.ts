// Dossier routes: submission (multipart, any channel), listing, one dossier
// with its documents, supplements, and documents added at the counter.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { upsertApplicant } from '../../db/city.ts';
import { listDossierDocuments } from '../../db/documents.ts';
import { findDossier, listDossiersInUnits, listDossiersOfApplicant, type DossierRow } from '../../db/dossiers.ts';
import { canSeeDossier, hasRole, type Actor } from '../../domain/access.ts';
import { getProcedure, listProcedures } from '../../domain/catalogue.ts';
import { addDossierDocuments } from '../../domain/dossiers/add-documents.ts';
import { submitDossier } from '../../domain/dossiers/submit.ts';
import { SijillError } from '../../errors.ts';
import { incomingFilesOf } from '../incoming-files.ts';
import { readMultipart } from '../multipart.ts';
import { requireActor } from '../session.ts';
import { dossierView } from '../views.ts';
import { findCounterProcedure } from '../../domain/counter/procedures.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

export async function dossierRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post('/api/dossiers', { schema: { consumes: ['multipart/form-data'], summary: 'Submit a dossier' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { fields, files } = await readMultipart(request);
    const staff = hasRole(actor, 'reception-officer');
    if (staff) await findCounterProcedure(ctx, actor, fields['procedureCode'] ?? '');
    const channel = staff ? (fields['channel'] === 'postal' ? 'postal' : 'counter') : 'online';
    const applicantId = staff ? await counterApplicant(ctx, fields) : citizenApplicant(actor);
    const form: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name.startsWith('form.')) form[name.slice(5)] = value;
    }
    const result = await submitDossier(ctx, {
      procedureCode: fields['procedureCode'] ?? '',
      applicantId,
      channel,
      form,
      files: incomingFilesOf({ fields, files }, staff),
      declaration: fields['declaration'] === 'on' || fields['declaration'] === 'true' ? 'declared-true-copies' : null,
      idempotencyKey: fields['idempotencyKey'] || null,
      actorAccountId: actor.account.id,
    });
    return reply.status(result.created ? 201 : 200).send({ created: result.created, dossier: await viewOf(ctx, result.dossier) });
  });

  app.get('/api/dossiers', { schema: { summary: 'Dossiers the caller may see' } }, async (request) => {
    const actor = requireActor(request);
    const rows = actor.account.applicant_id && actor.unitIds.length === 0
      ? await listDossiersOfApplicant(ctx.db, actor.account.applicant_id)
      : await listDossiersInUnits(ctx.db, actor.unitIds, false);
    const procedures = new Map((await listProcedures(ctx.db)).map((p) => [p.code, p]));
    return { dossiers: rows.map((row) => dossierView(row, [], procedures.get(row.procedure_code) ?? null, ctx.calendar, ctx.now())) };
  });

  app.get('/api/dossiers/:id', { schema: { params: idParams } }, async (request) => {
    const dossier = await visibleDossier(ctx, requireActor(request), (request.params as { id: string }).id);
    return { dossier: await viewOf(ctx, dossier) };
  });

  app.post('/api/dossiers/:id/documents', { schema: { params: idParams, consumes: ['multipart/form-data'], summary: 'Add documents: a supplement, or a paper document scanned at the counter' } }, async (request, reply) => {
    const actor = requireActor(request);
    const dossier = await visibleDossier(ctx, actor, (request.params as { id: string }).id);
    const { fields, files } = await readMultipart(request);
    const staff = hasRole(actor, 'reception-officer');
    await addDossierDocuments(ctx, dossier, {
      files: incomingFilesOf({ fields, files }, staff),
      declaration: fields['declaration'] === 'on' || fields['declaration'] === 'true' ? 'declared-true-copies' : null,
      actorAccountId: actor.account.id,
    });
    return reply.status(201).send({ dossier: await viewOf(ctx, (await findDossier(ctx.db, dossier.id)) as DossierRow) });
  });
}

function citizenApplicant(actor: Actor): string {
  if (!actor.account.applicant_id) throw new SijillError('request.not_found');
  return actor.account.applicant_id;
}

async function counterApplicant(ctx: AppContext, fields: Record<string, string>): Promise<string> {
  const identifier = (fields['applicantIdentifier'] ?? '').trim();
  const name = (fields['applicantName'] ?? '').trim();
  if (!/^[0-9A-Za-z-]{4,32}$/.test(identifier)) throw new SijillError('dossier.field_invalid', { field: 'applicantIdentifier' });
  if (!name) throw new SijillError('dossier.field_missing', { field: 'applicantName' });
  const applicant = await upsertApplicant(ctx.db, {
    id: randomUUID(), kind: fields['applicantKind'] === 'organization' ? 'organization' : 'individual', identifier, full_name: name,
    email: fields['applicantEmail'] || null, phone: fields['applicantPhone'] || null,
  });
  return applicant.id;
}

export async function visibleDossier(ctx: AppContext, actor: Actor, id: string): Promise<DossierRow> {
  const dossier = await findDossier(ctx.db, id);
  if (!dossier || !canSeeDossier(actor, dossier)) throw new SijillError('request.not_found');
  return dossier;
}

export async function viewOf(ctx: AppContext, dossier: DossierRow) {
  const procedure = await getProcedure(ctx.db, dossier.procedure_code).catch(() => null);
  return dossierView(dossier, await listDossierDocuments(ctx.db, dossier.id), procedure, ctx.calendar, ctx.now());
}
