// verify: decides the validity basis of every document of the dossier not yet
// judged. A signed PDF is judged by its validation report against the
// configured trust anchors; an unsigned upload counts as self_declared only
// with the applicant's declaration. A basis the component does not accept is
// recorded and reported to the officer (basisNotAccepted), never used silently.
import { signerPoliciesOf } from '../../src/config.ts';
import { listDossierDocuments, recordDocumentValidity, type DocumentRow } from '../../src/db/documents.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { getProcedure } from '../../src/domain/catalogue.ts';
import { findComponent } from '../../src/domain/procedures.ts';
import { basisNotAcceptedReason, judgeUpload, type Judgement, type SignatureVerdict } from '../../src/domain/validity.ts';
import { loadTrustAnchors } from '../../src/domain/trust.ts';
import { validatePdfSignatures } from '../../src/signatures/validate-pdf.ts';
import { revocationOptionsFor } from '../../src/signatures/services.ts';
import type { WorkerContext } from '../context.ts';
import { loadJobDossier, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const verifyWorker: WorkerDefinition = {
  type: 'verify',
  fetchVariables: ['dossierId'],
  timeoutMs: 120_000,
  concurrency: 2,
  async handle(job, ctx) {
    const dossier = await loadJobDossier(job, ctx);
    const dossierId = dossier.id;
    const procedure = await getProcedure(ctx.db, dossier.procedure_code);
    const pending = (await listDossierDocuments(ctx.db, dossierId)).filter((doc) => doc.kind === 'upload' && doc.validity_basis === null);

    const notAccepted: string[] = [];
    let invalid = 0;
    for (const doc of pending) {
      const verdicts = await verdictsOf(doc, ctx);
      const component = doc.component_code ? findComponent(procedure, doc.component_code) : undefined;
      const judgement = judgeUpload(verdicts.reports, doc.declaration !== null, component);
      if (judgement.basis === 'invalid') invalid += 1;
      if (judgement.basis !== 'invalid' && !judgement.acceptedByComponent) notAccepted.push(doc.id);
      const reason = judgement.basis !== 'invalid' && !judgement.acceptedByComponent
        ? { ar: `${judgement.reason.ar} ${basisNotAcceptedReason(judgement.basis).ar}`, en: `${judgement.reason.en} ${basisNotAcceptedReason(judgement.basis).en}` }
        : judgement.reason;
      await ctx.db.transaction(async (tx) => {
        await recordDocumentValidity(tx, doc.id, { basis: judgement.basis, reason, report: verdicts.full, status: documentStatusOf(judgement) });
        await recordAudit(tx, { actor: 'worker:verify', action: 'document.validity_recorded', dossierId, subject: doc.id, details: { basis: judgement.basis, sha256: doc.sha256, signatures: verdicts.reports.map((r) => r.indication) } });
      });
    }
    return JobOutcome.complete({ documentsVerified: pending.length, invalidDocuments: invalid, basisNotAccepted: notAccepted });
  },
};

/** valid, invalid, or not_accepted: valid on a basis the component does not accept, so not usable as it is. */
function documentStatusOf(judgement: Judgement): string {
  if (judgement.basis === 'invalid') return 'invalid';
  return judgement.acceptedByComponent ? 'valid' : 'not_accepted';
}

async function verdictsOf(doc: DocumentRow, ctx: WorkerContext): Promise<{ reports: SignatureVerdict[]; full: unknown }> {
  if (doc.media_type !== 'application/pdf') return { reports: [], full: [] };
  const bytes = await ctx.blobs.get(doc.sha256);
  const reports = await validatePdfSignatures(bytes, {
    trustAnchors: await loadTrustAnchors(ctx), at: ctx.now(), revocation: await revocationOptionsFor(ctx), signerPolicies: signerPoliciesOf(ctx.config),
  });
  return {
    reports: reports.map((report) => ({ indication: report.indication, subIndication: report.subIndication, signer: report.signer?.commonName ?? report.signer?.subject })),
    full: reports,
  };
}
