// Submission of a dossier (ملف المعاملة), from any channel. The lifecycle of
// a dossier (status column):
//   submitted → in_progress → [supplement_requested → in_progress]* → decided
//     → completed
// The processing clock starts at electronic receipt: the moment the complete
// file is stored, recorded as received_at, from which the deadline counts.
//
// Order of effects, so nothing is lost: every file is checked and stored in
// the blob store first; then one transaction inserts the dossier, its
// documents and the audit event; only then is the process instance started.
// A dossier left without an instance by a crash is started by
// resumeUnstartedDossiers at the next start-up.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { countDossierDocumentsOfKind } from '../../db/documents.ts';
import {
  findDossierByIdempotencyKey, findOpenDossier, insertDossier, listDossiersWithoutInstance, lockApplicantProcedure,
  setDossierInstance, type DossierRow,
} from '../../db/dossiers.ts';
import { SijillError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { computeDeadline } from '../calendar.ts';
import { getProcedure } from '../catalogue.ts';
import { findComponent, uploadComponents, type Procedure } from '../procedures.ts';
import { checkPaperExceptions, recordPaperExceptions, type PaperExceptionInput } from '../counter/paper-exceptions.ts';
import { checkForm } from './form.ts';
import { insertStoredDocuments, storeFiles, type IncomingFile } from './store-files.ts';

export type { IncomingFile };

export interface SubmitDossierInput {
  procedureCode: string;
  applicantId: string;
  channel: 'online' | 'counter' | 'postal';
  form: Record<string, unknown>;
  files: IncomingFile[];
  /** The applicant's declaration that unsigned uploads are true copies (self_declared). */
  declaration: string | null;
  /** The client's key for this submission: a repeated submit returns the first dossier. */
  idempotencyKey: string | null;
  /** The account acting: the citizen online, the reception officer at the counter. */
  actorAccountId: string | null;
  /** Counter only: paper documents the officer could not digitize, each in place of its component's scan. */
  paperExceptions?: PaperExceptionInput[];
}

export interface SubmitResult {
  dossier: DossierRow;
  /** False when the idempotency key matched an earlier submission. */
  created: boolean;
}

export async function submitDossier(ctx: AppContext, input: SubmitDossierInput): Promise<SubmitResult> {
  if (input.idempotencyKey) {
    const earlier = await findDossierByIdempotencyKey(ctx.db, input.idempotencyKey);
    if (earlier) return { dossier: earlier, created: false };
  }
  const procedure = await getProcedure(ctx.db, input.procedureCode);
  const form = checkForm(procedure, input.form);
  const exceptions = input.paperExceptions ?? [];
  if (exceptions.length > 0) {
    if (input.channel === 'online' || !input.actorAccountId) throw new SijillError('request.not_found');
    checkPaperExceptions(procedure, exceptions, input.files);
  }
  checkComponents(procedure, input.files, exceptions);

  const stored = await storeFiles(ctx, input.files, input.actorAccountId ?? 'applicant');
  const needsDeclaration = input.channel === 'online' && stored.some((file) => !file.signed && !file.file.paperOriginal);
  if (needsDeclaration && !input.declaration?.trim()) throw new SijillError('dossier.declaration_missing');

  const receivedAt = ctx.now();
  const deadlineAt = computeDeadline(receivedAt, procedure.legalWorkingDays, ctx.calendar) as Date;
  let outcome: SubmitResult;
  try {
    outcome = await ctx.db.transaction(async (tx): Promise<SubmitResult> => {
      await lockApplicantProcedure(tx, input.applicantId, procedure.code);
      // A double-clicked submit waited on the lock above while the first one committed.
      const earlier = input.idempotencyKey ? await findDossierByIdempotencyKey(tx, input.idempotencyKey) : null;
      if (earlier) return { dossier: earlier, created: false };
      const open = await findOpenDossier(tx, input.applicantId, procedure.code);
      if (open) throw new SijillError('dossier.parallel_track', { reference: open.reference });

      const row = await insertDossier(tx, {
        id: randomUUID(),
        procedure_code: procedure.code,
        applicant_id: input.applicantId,
        unit_id: procedure.unit,
        channel: input.channel,
        status: 'submitted',
        form,
        idempotency_key: input.idempotencyKey,
        received_at: receivedAt,
        deadline_at: deadlineAt,
        created_by: input.actorAccountId,
      });
      await insertStoredDocuments(tx, row, stored, input.declaration, input.actorAccountId);
      await recordAudit(tx, {
        actor: input.actorAccountId ?? 'applicant',
        action: 'dossier.submitted',
        dossierId: row.id,
        subject: row.reference,
        details: {
          channel: input.channel,
          procedure: procedure.code,
          documents: stored.map((f) => f.sha256),
          ...(exceptions.length > 0 ? { paperExceptions: exceptions.map((exception) => exception.componentCode) } : {}),
          deadlineAt: deadlineAt.toISOString(),
        },
      }, receivedAt);
      if (exceptions.length > 0) await recordPaperExceptions(tx, row, exceptions, input.actorAccountId as string, receivedAt);
      return { dossier: row, created: true };
    });
  } catch (error) {
    // Two submits with one idempotency key raced: the loser returns the winner's dossier.
    if (input.idempotencyKey && isUniqueViolation(error)) {
      const earlier = await findDossierByIdempotencyKey(ctx.db, input.idempotencyKey);
      if (earlier) return { dossier: earlier, created: false };
    }
    throw error;
  }
  if (!outcome.created) return outcome;
  const { dossier } = outcome;
  ctx.logger.info({ dossierId: dossier.id, reference: dossier.reference, channel: input.channel }, 'dossier submitted');
  return { dossier: await startDossierProcess(ctx, dossier, procedure), created: true };
}

/** Every file names an upload component, and every required component has a file or a paper exception. */
function checkComponents(procedure: Procedure, files: IncomingFile[], exceptions: PaperExceptionInput[]): void {
  for (const file of files) {
    const component = findComponent(procedure, file.componentCode);
    if (!component || component.filledBy === 'form') throw new SijillError('dossier.component_unknown', { component: file.componentCode });
  }
  for (const component of uploadComponents(procedure)) {
    const covered = files.some((file) => file.componentCode === component.code)
      || exceptions.some((exception) => exception.componentCode === component.code);
    if (component.required && !covered) throw new SijillError('dossier.component_missing', { component: component.code });
  }
}

/** Starts the procedure's process for a stored dossier and records the instance key. */
export async function startDossierProcess(ctx: AppContext, dossier: DossierRow, procedure?: Procedure): Promise<DossierRow> {
  const proc = procedure ?? (await getProcedure(ctx.db, dossier.procedure_code));
  const paperOriginals = await countDossierDocumentsOfKind(ctx.db, dossier.id, 'counter_original');
  const instance = await ctx.engine.createProcessInstance({
    bpmnProcessId: proc.bpmnProcessId,
    variables: {
      dossierId: dossier.id,
      reference: dossier.reference,
      procedureCode: proc.code,
      unitId: dossier.unit_id,
      deadlineAt: new Date(dossier.deadline_at).toISOString(),
      hasPaperDocuments: paperOriginals > 0,
    },
  });
  await setDossierInstance(ctx.db, dossier.id, instance.processInstanceKey, instance.version);
  return { ...dossier, process_instance_key: instance.processInstanceKey, process_version: instance.version };
}

/** Starts the process of every dossier stored without one; returns how many were started. */
export async function resumeUnstartedDossiers(ctx: AppContext): Promise<number> {
  const pending = await listDossiersWithoutInstance(ctx.db);
  for (const dossier of pending) {
    ctx.logger.warn({ dossierId: dossier.id }, 'starting process of dossier left without one');
    await startDossierProcess(ctx, dossier);
  }
  return pending.length;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
