// receive: records the electronic receipt of a dossier (الاستلام الإلكتروني)
// and starts its handling. The clock already runs from received_at; this job
// moves the dossier to in_progress and writes the audit event, once.
import { setDossierStatus } from '../../src/db/dossiers.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { loadJobDossier, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const receiveWorker: WorkerDefinition = {
  type: 'receive',
  fetchVariables: ['dossierId'],
  timeoutMs: 30_000,
  concurrency: 8,
  async handle(job, ctx) {
    const dossier = await loadJobDossier(job, ctx);
    const dossierId = dossier.id;
    if (dossier.status === 'submitted') {
      await ctx.db.transaction(async (tx) => {
        await setDossierStatus(tx, dossierId, 'in_progress');
        await recordAudit(tx, { actor: 'worker:receive', action: 'dossier.receipt_recorded', dossierId, subject: dossier.reference, details: { receivedAt: new Date(dossier.received_at).toISOString() } });
      });
    }
    return JobOutcome.complete({ receivedAt: new Date(dossier.received_at).toISOString() });
  },
};
