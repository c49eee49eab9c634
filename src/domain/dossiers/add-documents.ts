// Adds documents to a dossier already submitted: a supplement the applicant
// sends after a request (the paused process resumes through the
// `supplement-received` message), or a paper document the reception officer
// scans at the counter (it goes through digitization like the others).
import type { AppContext } from '../../context.ts';
import { setDossierStatus, type DossierRow } from '../../db/dossiers.ts';
import { SijillError } from '../../errors.ts';
import { recordAudit } from '../audit.ts';
import { getProcedure } from '../catalogue.ts';
import { findComponent } from '../procedures.ts';
import { resumeClock } from './clock.ts';
import { insertStoredDocuments, storeFiles, type IncomingFile } from './store-files.ts';

export const supplementMessage = 'supplement-received';

export interface AddDocumentsInput {
  files: IncomingFile[];
  declaration: string | null;
  actorAccountId: string;
}

export async function addDossierDocuments(ctx: AppContext, dossier: DossierRow, input: AddDocumentsInput): Promise<void> {
  if (dossier.completed_at) throw new SijillError('dossier.not_open', { reference: dossier.reference });
  if (input.files.length === 0) throw new SijillError('dossier.component_missing', { component: '-' });
  const procedure = await getProcedure(ctx.db, dossier.procedure_code);
  for (const file of input.files) {
    const component = findComponent(procedure, file.componentCode);
    if (!component || component.filledBy === 'form') throw new SijillError('dossier.component_unknown', { component: file.componentCode });
  }
  const stored = await storeFiles(ctx, input.files, input.actorAccountId ?? 'applicant');
  const supplement = stored.some((file) => !file.file.paperOriginal);
  if (supplement && stored.some((file) => !file.signed && !file.file.paperOriginal) && !input.declaration) {
    throw new SijillError('dossier.declaration_missing');
  }
  await ctx.db.transaction(async (tx) => {
    await insertStoredDocuments(tx, dossier, stored, input.declaration, input.actorAccountId);
    if (supplement && dossier.status === 'supplement_requested') {
      await setDossierStatus(tx, dossier.id, 'in_progress');
      const deadline = await resumeClock(tx, dossier, procedure, ctx.calendar, ctx.now());
      if (deadline) ctx.logger.info({ dossierId: dossier.id, deadlineAt: deadline.toISOString() }, 'clock resumed');
    }
    await recordAudit(tx, {
      actor: input.actorAccountId,
      action: supplement ? 'dossier.supplement_received' : 'dossier.paper_document_added',
      dossierId: dossier.id,
      subject: dossier.reference,
      details: { documents: stored.map((file) => file.sha256) },
    });
  });
  if (supplement) {
    await ctx.engine.publishMessage({ name: supplementMessage, correlationKey: dossier.id, variables: { supplementRequested: false }, timeToLiveMs: 24 * 3600_000 });
  }
}
