// Page edits before the digitization check: the reception officer rotates,
// reorders or removes pages of a digitized PDF/A that awaits confirmation.
// Documents are never modified. An edit stores a new file and a new document
// row whose source_document_id names the version it was made from; that
// version becomes `superseded`, and the audit trail records the edit in the
// same transaction. Versions of one digitized document:
//   awaiting_confirmation ──edit──▶ superseded   (the new version is awaiting_confirmation)
//   awaiting_confirmation ──confirm──▶ confirmed ──seal──▶ superseded (sealed copy)
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { findDocumentForUpdate } from '../../db/counter-documents.ts';
import { findDocument, insertDocument, setDocumentStatus, type DocumentRow } from '../../db/documents.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import { SijillError } from '../../errors.ts';
import { canSeeDossier, hasRole, type Actor } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { rearrangePdf, type PagePlacement } from './rearrange-pdf.ts';

export type { PagePlacement };

function isEditable(doc: DocumentRow | null, dossier: DossierRow): doc is DocumentRow {
  return doc !== null && doc.dossier_id === dossier.id && doc.kind === 'digitized' && doc.status === 'awaiting_confirmation';
}

function isUnchanged(doc: DocumentRow, pages: PagePlacement[]): boolean {
  return pages.length === doc.page_count && pages.every((page, index) => page.sourcePage === index + 1 && page.rotation === 0);
}

/**
 * Stores the edited version of a digitized document and returns it; returns
 * the document itself when `pages` keeps every page in place unturned.
 * Throws request.not_found when the actor is no reception officer of the
 * dossier's units, counter.document_not_editable when the document is not
 * awaiting confirmation in this dossier, and counter.page_edit_invalid for a
 * page list rearrangePdf rejects.
 */
export async function editDigitizedPages(ctx: AppContext, actor: Actor, dossier: DossierRow, documentId: string, pages: PagePlacement[]): Promise<DocumentRow> {
  if (!hasRole(actor, 'reception-officer') || !canSeeDossier(actor, dossier)) throw new SijillError('request.not_found');
  const doc = await findDocument(ctx.db, documentId);
  if (!isEditable(doc, dossier)) throw new SijillError('counter.document_not_editable', { document: documentId });
  if (isUnchanged(doc, pages)) return doc;

  let edited;
  try {
    edited = await rearrangePdf(await ctx.blobs.get(doc.sha256), doc.ocr_text ?? '', pages);
  } catch (error) {
    if (error instanceof RangeError) throw new SijillError('counter.page_edit_invalid', { detail: error.message }, { cause: error });
    throw error;
  }
  const blob = await ctx.blobs.put(edited.pdf);
  const id = randomUUID();

  const version = await ctx.db.transaction(async (tx) => {
    const current = await findDocumentForUpdate(tx, doc.id);
    if (!isEditable(current, dossier)) throw new SijillError('counter.document_not_editable', { document: documentId });
    const inserted = await insertDocument(tx, {
      id,
      dossier_id: dossier.id,
      applicant_id: doc.applicant_id,
      component_code: doc.component_code,
      kind: 'digitized',
      sha256: blob.sha256,
      media_type: 'application/pdf',
      byte_size: blob.byteSize,
      file_name: doc.file_name,
      page_count: edited.pageCount,
      source_document_id: doc.id,
      status: 'awaiting_confirmation',
      declaration: null,
      ocr_text: edited.text,
      ocr_languages: doc.ocr_languages,
      created_by: actor.account.id,
    });
    await setDocumentStatus(tx, doc.id, 'superseded');
    await recordAudit(tx, {
      actor: actor.account.id,
      action: 'document.pages_edited',
      dossierId: dossier.id,
      subject: id,
      details: { previous: doc.sha256, edited: blob.sha256, pages, previousPageCount: doc.page_count },
    }, ctx.now());
    return inserted;
  });
  ctx.logger.info({ dossierId: dossier.id, documentId: id, previousDocumentId: doc.id, pageCount: edited.pageCount }, 'digitized pages edited');
  return version;
}
