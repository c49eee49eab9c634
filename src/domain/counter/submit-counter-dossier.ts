// Counter submission with paper exceptions. Without exceptions it is
// submitDossier unchanged. With them, the same steps run in the same order
// (idempotency key, form and component checks, files stored first, one
// transaction for the dossier, its documents, its exceptions and the audit
// events, then the process start), except that a required component is also
// satisfied by an exception instead of a scan.
// NOTE: this mirrors the transaction of src/domain/dossiers/submit.ts, whose
// component check cannot take exceptions. A change to submission rules there
// must be made here too, until submitDossier accepts exceptions itself.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { findDossierByIdempotencyKey, findOpenDossier, insertDossier, lockApplicantProcedure } from '../../db/dossiers.ts';
import { SijillError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { computeDeadline } from '../calendar.ts';
import { getProcedure } from '../catalogue.ts';
import { checkForm } from '../dossiers/form.ts';
import { insertStoredDocuments, storeFiles } from '../dossiers/store-files.ts';
import { startDossierProcess, submitDossier, type SubmitDossierInput, type SubmitResult } from '../dossiers/submit.ts';
import { findComponent, uploadComponents, type Procedure } from '../procedures.ts';
import { checkPaperExceptions, recordPaperExceptions, type PaperExceptionInput } from './paper-exceptions.ts';

export interface CounterSubmissionInput extends SubmitDossierInput {
  channel: 'counter' | 'postal';
  actorAccountId: string;
  paperExceptions: PaperExceptionInput[];
}

export async function submitCounterDossier(ctx: AppContext, input: CounterSubmissionInput): Promise<SubmitResult> {
  if (input.paperExceptions.length === 0) return submitDossier(ctx, input);
  if (input.idempotencyKey) {
    const earlier = await findDossierByIdempotencyKey(ctx.db, input.idempotencyKey);
    if (earlier) return { dossier: earlier, created: false };
  }
  const procedure = await getProcedure(ctx.db, input.procedureCode);
  const form = checkForm(procedure, input.form);
  checkPaperExceptions(procedure, input.paperExceptions, input.files);
  checkComponents(procedure, input);

  const stored = await storeFiles(ctx, input.files, input.actorAccountId);
  const receivedAt = ctx.now();
  const deadlineAt = computeDeadline(receivedAt, procedure.legalWorkingDays, ctx.calendar) as Date;
  let outcome: SubmitResult;
  try {
    outcome = await ctx.db.transaction(async (tx): Promise<SubmitResult> => {
      await lockApplicantProcedure(tx, input.applicantId, procedure.code);
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
      await insertStoredDocuments(tx, row, stored, null, input.actorAccountId);
      await recordAudit(tx, {
        actor: input.actorAccountId,
        action: 'dossier.submitted',
        dossierId: row.id,
        subject: row.reference,
        details: {
          channel: input.channel,
          procedure: procedure.code,
          documents: stored.map((file) => file.sha256),
          paperExceptions: input.paperExceptions.map((exception) => exception.componentCode),
          deadlineAt: deadlineAt.toISOString(),
        },
      }, receivedAt);
      await recordPaperExceptions(tx, row, input.paperExceptions, input.actorAccountId, receivedAt);
      return { dossier: row, created: true };
    });
  } catch (error) {
    if (input.idempotencyKey && (error as { code?: unknown }).code === '23505') {
      const earlier = await findDossierByIdempotencyKey(ctx.db, input.idempotencyKey);
      if (earlier) return { dossier: earlier, created: false };
    }
    throw error;
  }
  if (!outcome.created) return outcome;
  ctx.logger.info({ dossierId: outcome.dossier.id, reference: outcome.dossier.reference, channel: input.channel, paperExceptions: input.paperExceptions.length }, 'dossier submitted');
  return { dossier: await startDossierProcess(ctx, outcome.dossier, procedure), created: true };
}

/** Every file names an upload component, and every required component has a scan or an exception. */
function checkComponents(procedure: Procedure, input: CounterSubmissionInput): void {
  for (const file of input.files) {
    const component = findComponent(procedure, file.componentCode);
    if (!component || component.filledBy === 'form') throw new SijillError('dossier.component_unknown', { component: file.componentCode });
  }
  for (const component of uploadComponents(procedure)) {
    const covered = input.files.some((file) => file.componentCode === component.code)
      || input.paperExceptions.some((exception) => exception.componentCode === component.code);
    if (component.required && !covered) throw new SijillError('dossier.component_missing', { component: component.code });
  }
}
