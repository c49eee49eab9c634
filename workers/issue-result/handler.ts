// issue-result: renders the procedure's result (a licence, a certificate, or
// the decision rejecting the application) in Arabic as PDF/A, signs it with
// the approver's key, files it in the applicant's vault and completes the
// dossier. A certified e-copy (result template certified_copy) is instead
// the sealed digitization of the paper original, countersigned by the
// approver by incremental update, and filed as certified_copy. Every dossier ends with an electronically issued, signed result.
// A redelivered job finds the issued result and issues nothing twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { publicUrl } from '../../src/config.ts';
import { findAccount, findApplicant, findUnit } from '../../src/db/city.ts';
import { findDossierResult, insertDocument, listDossierDocuments } from '../../src/db/documents.ts';
import { completeDossierRow, type DossierRow } from '../../src/db/dossiers.ts';
import { recordAudit } from '../../src/domain/audit.ts';
import { getProcedure } from '../../src/domain/catalogue.ts';
import type { Procedure } from '../../src/domain/procedures.ts';
import { renderResultDocument } from '../../src/results/result-document.ts';
import { signPdf } from '../../src/signatures/sign-pdf.ts';
import { signingOptionsFor } from '../../src/signatures/services.ts';
import type { WorkerContext } from '../context.ts';
import { loadJobDossier, type WorkerDefinition } from '../definition.ts';
import { JobOutcome } from '../outcome.ts';

export const issueResultWorker: WorkerDefinition = {
  type: 'issue-result',
  fetchVariables: ['dossierId'],
  timeoutMs: 60_000,
  concurrency: 4,
  async handle(job, ctx) {
    const dossier = await loadJobDossier(job, ctx);
    const dossierId = dossier.id;
    const issued = await findDossierResult(ctx.db, dossierId);
    if (issued) return JobOutcome.complete({ resultDocumentId: issued.id, verificationCode: issued.verification_code });
    if (!dossier.decision || !dossier.decided_by) {
      return JobOutcome.bpmnError('no-decision', `dossier ${dossier.reference} has no recorded decision`);
    }
    const procedure = await getProcedure(ctx.db, dossier.procedure_code);
    const approver = await findAccount(ctx.db, dossier.decided_by);
    if (!approver) return JobOutcome.fail(`approver ${dossier.decided_by} not found`);

    const verificationCode = randomBytes(6).toString('hex').toUpperCase();
    const certifying = dossier.decision === 'approved' && procedure.result.template === 'certified_copy';
    const original = certifying ? (await listDossierDocuments(ctx.db, dossierId)).find((doc) => doc.kind === 'digitized' && doc.status === 'sealed') : undefined;
    if (certifying && !original) {
      return JobOutcome.bpmnError('no-sealed-copy', `dossier ${dossier.reference} has no sealed digitization to certify`);
    }
    const pdf = original ? await ctx.blobs.get(original.sha256) : await renderFor(ctx, dossier, procedure, verificationCode);
    const signer = await ctx.signingKeys.signerFor('officer', approver.username);
    const signed = await signPdf(pdf, signer, {
      reason: dossier.decision === 'approved' ? `${procedure.result.title.ar} / ${procedure.result.title.en}` : 'قرار / Decision',
      name: approver.display_name,
      location: dossier.unit_id,
      ...await signingOptionsFor(ctx, 'B-LTA'),
    });
    const blob = await ctx.blobs.put(signed);
    const id = randomUUID();
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      await insertDocument(tx, {
        id,
        dossier_id: dossier.id,
        applicant_id: dossier.applicant_id,
        component_code: null,
        kind: 'result',
        sha256: blob.sha256,
        media_type: 'application/pdf',
        byte_size: blob.byteSize,
        file_name: `${dossier.reference}.pdf`,
        page_count: original?.page_count ?? 1,
        source_document_id: original?.id ?? null,
        status: 'issued',
        declaration: null,
        validity_basis: original ? 'certified_copy' : 'e_authenticated',
        validity_reason: original
          ? { ar: `نسخة إلكترونية مصدّقة من الأصل الورقي، صدّقها ${approver.display_name}.`, en: `Electronic copy of the paper original, certified by ${approver.display_name}.` }
          : { ar: `صادر وموقّع إلكترونياً من ${approver.display_name}.`, en: `Issued and digitally signed by ${approver.display_name}.` },
        verification_code: verificationCode,
        created_by: approver.id,
      });
      await completeDossierRow(tx, dossier.id, 'completed', now);
      await recordAudit(tx, { actor: 'worker:issue-result', action: 'result.issued', dossierId, subject: id, details: { sha256: blob.sha256, decision: dossier.decision, signer: approver.username, verificationCode } }, now);
    });
    ctx.logger.info({ dossierId, resultDocumentId: id, decision: dossier.decision }, 'result issued');
    return JobOutcome.complete({ resultDocumentId: id, verificationCode });
  },
};

async function renderFor(ctx: WorkerContext, dossier: DossierRow, procedure: Procedure, verificationCode: string): Promise<Uint8Array> {
  const applicant = await findApplicant(ctx.db, dossier.applicant_id);
  const unit = await findUnit(ctx.db, dossier.unit_id);
  const issuedAt = ctx.now();
  const approved = dossier.decision === 'approved';
  const validForDays = approved ? procedure.result.validForDays : undefined;
  return renderResultDocument({
    kind: approved ? procedure.result.template : 'decision',
    procedure: procedure.name,
    reference: dossier.reference,
    applicant: {
      name: applicant?.full_name ?? '-',
      identifier: applicant?.identifier ?? '-',
      identifierKind: applicant?.kind === 'organization' ? 'registration_number' : 'national_id',
    },
    issuer: { ar: unit?.name_ar ?? dossier.unit_id, en: unit?.name_en ?? dossier.unit_id },
    decision: approved ? { outcome: 'approved' } : { outcome: 'rejected', reason: dossier.decision_note ?? '-' },
    issuedAt,
    validUntil: validForDays ? new Date(issuedAt.getTime() + validForDays * 86_400_000) : null,
    fields: procedure.form
      .filter((field) => dossier.form[field.name] !== undefined)
      .map((field) => ({ label: field.label.ar, value: String(dossier.form[field.name]) })),
    verification: { code: verificationCode, url: `${publicUrl(ctx.config)}/verify/${verificationCode}` },
    timeZone: ctx.config.SIJILL_TIMEZONE,
  });
}
