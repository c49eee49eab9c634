// Checks each incoming file by its content and stores it in the blob store.
// Runs before any database write, so a dossier row never points at bytes
// that were not stored.
import type { AppContext } from '../../context.ts';
import { inspectUpload, uploadLimitsFromConfig } from '../../intake/inspect-upload.ts';

export interface IncomingFile {
  componentCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** A paper original scanned at the counter: it is digitized and sealed before use. */
  paperOriginal: boolean;
}

export interface StoredFile {
  file: IncomingFile;
  sha256: string;
  byteSize: number;
  mediaType: string;
  pageCount: number | null;
  safeFileName: string;
  signed: boolean;
}

/** Inspects every file first, so one bad file rejects the submission before anything is stored. */
export async function storeFiles(ctx: AppContext, files: IncomingFile[]): Promise<StoredFile[]> {
  const limits = uploadLimitsFromConfig(ctx.config);
  const inspections = [];
  for (const file of files) inspections.push(await inspectUpload(file.bytes, file.fileName, limits));

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
    });
  }
  return stored;
}
