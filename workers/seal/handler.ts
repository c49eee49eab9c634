// seal: signs every digitized document the reception officer confirmed with
// the competent unit's seal (PAdES, incremental update), and records it as
// digitized_signed. The agency seals only PDFs it produced itself through
// digitization, so no content prepared before sealing rides under the seal.
import { randomUUID } from 'node:crypto';
import { signerPoliciesOf } from '../../src/config.ts';
import { findUnit } from '../../src/db/city.ts';
import { findDerivedDocument, insertDocument, listDossierDocuments, setDocumentStatus } from '../../src/db/documents.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { getProcedure } from '../../src/domain/catalogue.ts';
import { loadTrustAnchors } from '../../src/domain/trust.ts';
import { findComponent } from '../../src/domain/procedures.ts';
import { sealedJudgement } from '../../src/domain/validity.ts';
import { signPdf } from '../../src/signatures/sign-pdf.ts';
import { revocationOptionsFor, signingOptionsFor } from '../../src/signatures/services.ts';
import { validatePdfSignatures } from '../../src/signatures/validate-pdf.ts';
import { loadJobDossier, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const sealWorker: WorkerDefinition = {
  type: 'seal',
  fetchVariables: ['dossierId'],
  timeoutMs: 60_000,
  concurrency: 4,
  async handle(job, ctx) {
    const dossier = await loadJobDossier(job, ctx);
    const dossierId = dossier.id;
    const procedure = await getProcedure(ctx.db, dossier.procedure_code);
    const unit = await findUnit(ctx.db, dossier.unit_id);
    const confirmed = (await listDossierDocuments(ctx.db, dossierId)).filter((doc) => doc.kind === 'digitized' && doc.status === 'confirmed');
    if (confirmed.length === 0) return JobOutcome.complete({ sealedDocuments: [] });

    const signer = await ctx.signingKeys.signerFor('seal', dossier.unit_id);
    const signing = await signingOptionsFor(ctx, 'B-T');
    const validation = { trustAnchors: await loadTrustAnchors(ctx), revocation: await revocationOptionsFor(ctx), signerPolicies: signerPoliciesOf(ctx.config) };
    const sealed: string[] = [];
    for (const doc of confirmed) {
      const existing = await findDerivedDocument(ctx.db, doc.id, 'digitized', 'sealed');
      if (existing) {
        sealed.push(existing.id);
        continue;
      }
      const signedPdf = await signPdf(await ctx.blobs.get(doc.sha256), signer, {
        reason: 'رُقمن ووُقّع عند الاستلام / Digitized and sealed at receipt',
        location: unit?.name_ar ?? dossier.unit_id,
        name: unit?.name_ar ?? dossier.unit_id,
        ...signing,
      });
      const blob = await ctx.blobs.put(signedPdf);
      // The seal's own validation report, so the officer's view shows who sealed it and that it verifies.
      const report = await validatePdfSignatures(signedPdf, { ...validation, at: ctx.now() });
      const judgement = sealedJudgement(unit?.name_ar ?? dossier.unit_id, doc.component_code ? findComponent(procedure, doc.component_code) : undefined);
      const id = randomUUID();
      await ctx.db.transaction(async (tx) => {
        await insertDocument(tx, {
          id,
          dossier_id: dossierId,
          applicant_id: doc.applicant_id,
          component_code: doc.component_code,
          kind: 'digitized',
          sha256: blob.sha256,
          media_type: 'application/pdf',
          byte_size: blob.byteSize,
          file_name: doc.file_name,
          page_count: doc.page_count,
          source_document_id: doc.id,
          status: 'sealed',
          declaration: null,
          validity_basis: judgement.basis,
          validity_reason: judgement.reason,
          validation_report: report,
          ocr_text: doc.ocr_text,
          ocr_languages: doc.ocr_languages,
          created_by: null,
        });
        await setDocumentStatus(tx, doc.id, 'superseded');
        await recordAudit(tx, {
          actor: 'worker:seal', action: 'document.sealed', dossierId, subject: id,
          details: { unsealed: doc.sha256, sealed: blob.sha256, signatures: report.map((entry) => entry.indication) },
        });
      });
      sealed.push(id);
    }
    return JobOutcome.complete({ sealedDocuments: sealed });
  },
};
