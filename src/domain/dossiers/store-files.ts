// Checks each incoming file by its content and stores it in the blob store.
// Runs before any database write, so a dossier row never points at bytes
// that were not stored.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/client.ts';
import { insertDocument } from '../../db/documents.ts';
import type { OcrLanguageChoice } from '../../digitize/language.ts';
import { SijillError } from '../../errors.ts';
import { inspectUpload, uploadLimitsFromConfig } from '../../intake/inspect-upload.ts';
import { sha256Hex } from '../../storage/blob-store.ts';
import { recordAudit } from '../audit.ts';

export interface IncomingFile {
  componentCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** A paper original scanned at the counter: it is digitized and sealed before use. */
  paperOriginal: boolean;
  /** OCR languages the officer chose for a paper original ("auto" to detect them); undefined for the configured default. */
  ocrLanguages?: OcrLanguageChoice;
}

export interface StoredFile {
  file: IncomingFile;
  sha256: string;
  byteSize: number;
  mediaType: string;
  pageCount: number | null;
  safeFileName: string;
  signed: boolean;
  /** Active content found in the file (JavaScript, launch actions, attachments): kept, flagged, never served. */
  flags: string[];
}

/**
 * Inspects every file first, so one bad file rejects the submission before
 * anything is stored. A rejection is recorded in the audit trail (hash, size
 * and reason; the bytes are not kept) and rethrown.
 */
export async function storeFiles(ctx: AppContext, files: IncomingFile[], actor: string): Promise<StoredFile[]> {
  const limits = uploadLimitsFromConfig(ctx.config);
  const inspections = [];
  for (const file of files) {
    try {
      inspections.push(await inspectUpload(file.bytes, file.fileName, limits));
    } catch (error) {
      if (error instanceof SijillError) {
        const details = { code: error.code, component: file.componentCode, sha256: sha256Hex(file.bytes), byteSize: file.bytes.byteLength };
        await ctx.db.transaction((tx) => recordAudit(tx, { actor, action: 'upload.rejected', details }));
        ctx.logger.info(details, 'upload rejected');
        // Name the file and its component, so a form with several files shows the error at the right one.
        throw new SijillError(error.code, { ...error.params, component: file.componentCode, fileName: file.fileName }, { cause: error });
      }
      throw error;
    }
  }

  const stored: StoredFile[] = [];
  for (const [index, file] of files.entries()) {
    const inspected = inspections[index] as (typeof inspections)[number];
    const blob = await ctx.blobs.put(file.bytes);
    stored.push({
      file,
      sha256: blob.sha256,
      byteSize: blob.byteSize,
      mediaType: inspected.mediaType,
      pageCount: inspected.pageCount,
      safeFileName: inspected.safeFileName,
      signed: inspected.signed,
      flags: inspected.activeContent,
    });
  }
  return stored;
}

/** Inserts one document row per stored file, in the caller's transaction. */
export async function insertStoredDocuments(
  tx: Queryable,
  dossier: { id: string; applicant_id: string },
  stored: StoredFile[],
  declaration: string | null,
  actorAccountId: string | null,
): Promise<void> {
  for (const file of stored) {
    await insertDocument(tx, {
      id: randomUUID(),
      dossier_id: dossier.id,
      applicant_id: dossier.applicant_id,
      component_code: file.file.componentCode,
      kind: file.file.paperOriginal ? 'counter_original' : 'upload',
      sha256: file.sha256,
      media_type: file.mediaType,
      byte_size: file.byteSize,
      file_name: file.safeFileName,
      page_count: file.pageCount,
      source_document_id: null,
      status: 'received',
      // The declaration covers unsigned uploads only; paper originals are sealed instead.
      declaration: file.file.paperOriginal || file.signed ? null : declaration,
      created_by: actorAccountId,
      flags: file.flags,
      ocr_languages: file.file.paperOriginal ? (file.file.ocrLanguages ?? null) : null,
    });
  }
}
