// Document routes: metadata with the validation report, and the bytes, served
// as an attachment with nosniff so a browser never runs uploaded content.
// The validation report also downloads on its own, as JSON and as a PDF.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findUnit } from '../../db/city.ts';
import { findDocument, findDocumentByVerificationCode, type DocumentRow } from '../../db/documents.ts';
import { findDossier } from '../../db/dossiers.ts';
import { canSeeDossier, type Actor } from '../../domain/access.ts';
import { SijillError } from '../../errors.ts';
import { t } from '../../i18n/index.ts';
import { renderValidationReportPdf } from '../../results/validation-report.ts';
import { requireActor } from '../session.ts';
import { documentView } from '../views.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

export async function documentRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/api/documents/:id', { schema: { params: idParams } }, async (request) => {
    const doc = await visibleDocument(ctx, requireActor(request), (request.params as { id: string }).id);
    return { document: { ...documentView(doc), validationReport: doc.validation_report, ocrText: doc.ocr_text } };
  });

  app.get('/api/documents/:id/content', { schema: { params: idParams } }, async (request, reply) => {
    const doc = await visibleDocument(ctx, requireActor(request), (request.params as { id: string }).id);
    return sendDocument(ctx, doc, reply);
  });

  app.get('/api/documents/:id/validation-report.json', { schema: { params: idParams } }, async (request, reply) => {
    const doc = await visibleDocument(ctx, requireActor(request), (request.params as { id: string }).id);
    const signatures = storedReport(doc);
    const body = {
      document: { id: doc.id, fileName: doc.file_name, sha256: doc.sha256, validityBasis: doc.validity_basis, validityReason: doc.validity_reason },
      generatedAt: ctx.now().toISOString(),
      signatures,
    };
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', attachmentHeader(reportFileName(doc, 'json')))
      .send(JSON.stringify(body, null, 2));
  });

  app.get('/api/documents/:id/validation-report.pdf', { schema: { params: idParams } }, async (request, reply) => {
    const doc = await visibleDocument(ctx, requireActor(request), (request.params as { id: string }).id);
    const signatures = storedReport(doc);
    const dossier = doc.dossier_id ? await findDossier(ctx.db, doc.dossier_id) : null;
    const unit = dossier ? await findUnit(ctx.db, dossier.unit_id) : null;
    const issuer = unit ? { ar: unit.name_ar, en: unit.name_en } : { ar: t('app.name', 'ar'), en: t('app.name', 'en') };
    const pdf = renderValidationReportPdf({
      issuer,
      document: { id: doc.id, fileName: doc.file_name, sha256: doc.sha256, validityBasis: doc.validity_basis, validityReason: doc.validity_reason },
      signatures,
      generatedAt: ctx.now(),
      timeZone: ctx.config.SIJILL_TIMEZONE,
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentHeader(reportFileName(doc, 'pdf')))
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(pdf));
  });

  // Public: anyone holding a result checks it by the code printed on it.
  app.get('/api/verify/:code', { schema: { params: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9A-F]{12}$' } } } } }, async (request) => {
    const doc = await findDocumentByVerificationCode(ctx.db, (request.params as { code: string }).code);
    if (!doc || doc.kind !== 'result') throw new SijillError('request.not_found');
    const dossier = doc.dossier_id ? await findDossier(ctx.db, doc.dossier_id) : null;
    return {
      result: {
        reference: dossier?.reference ?? null,
        procedureCode: dossier?.procedure_code ?? null,
        decision: dossier?.decision ?? null,
        issuedAt: new Date(doc.received_at).toISOString(),
        sha256: doc.sha256,
        status: doc.status,
        validityReason: doc.validity_reason,
      },
    };
  });

  app.get('/api/verify/:code/content', { schema: { params: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9A-F]{12}$' } } } } }, async (request, reply) => {
    const doc = await findDocumentByVerificationCode(ctx.db, (request.params as { code: string }).code);
    if (!doc || doc.kind !== 'result') throw new SijillError('request.not_found');
    return sendDocument(ctx, doc, reply);
  });
}

async function visibleDocument(ctx: AppContext, actor: Actor, id: string): Promise<DocumentRow> {
  const doc = await findDocument(ctx.db, id);
  if (!doc) throw new SijillError('request.not_found');
  const dossier = doc.dossier_id ? await findDossier(ctx.db, doc.dossier_id) : null;
  const own = actor.account.applicant_id !== null && actor.account.applicant_id === doc.applicant_id;
  if (!own && !(dossier && canSeeDossier(actor, dossier))) throw new SijillError('request.not_found');
  return doc;
}

/** Returns the stored SignatureReport[] of a PDF. Throws report.not_pdf or report.not_verified when there is none. */
function storedReport(doc: DocumentRow): unknown[] {
  if (doc.media_type !== 'application/pdf') throw new SijillError('report.not_pdf', { fileName: doc.file_name });
  if (!Array.isArray(doc.validation_report)) throw new SijillError('report.not_verified', { fileName: doc.file_name });
  return doc.validation_report as unknown[];
}

function reportFileName(doc: DocumentRow, extension: 'json' | 'pdf'): string {
  return `${doc.file_name.replace(/\.pdf$/i, '')}.validation-report.${extension}`;
}

/** Builds a Content-Disposition attachment header with an ASCII fallback name and the UTF-8 name (RFC 6266). */
function attachmentHeader(fileName: string): string {
  const asciiName = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function sendDocument(ctx: AppContext, doc: DocumentRow, reply: FastifyReply) {
  if (doc.flags.length > 0) throw new SijillError('document.active_content_withheld', { flags: doc.flags.join(', ') });
  const bytes = await ctx.blobs.get(doc.sha256);
  return reply
    .header('content-type', doc.media_type)
    .header('content-disposition', attachmentHeader(doc.file_name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(bytes));
}
