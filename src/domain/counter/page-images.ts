// Page thumbnails of digitized PDFs for the digitization check, rendered on
// the server with poppler's pdftoppm and cached on disk by content hash and
// page. Only PDFs Sijill produced itself (kind `digitized`) are rendered,
// because staff never open active content that someone else prepared.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AppContext } from '../../context.ts';
import { dataPath } from '../../config.ts';
import type { DocumentRow } from '../../db/documents.ts';

const run = promisify(execFile);

/** Longest side of a thumbnail, in pixels. */
export const thumbnailSize = 480;
const renderTimeoutMs = 30_000;

function cacheRoot(ctx: AppContext): string {
  return dataPath(ctx.config, 'cache', 'page-images');
}

function cachePath(ctx: AppContext, sha256: string, page: number): string {
  return path.join(cacheRoot(ctx), sha256.slice(0, 2), `${sha256}-${page}-${thumbnailSize}.png`);
}

/**
 * PNG of one page of a digitized document, at most thumbnailSize pixels on
 * its longer side, with the page's /Rotate applied. Renders it on first
 * request. A render is written to a private folder on the cache's own file
 * system and renamed into place, so a concurrent request never reads half a file.
 * Throws a RangeError for a page outside the document, and pdftoppm's error
 * when it fails or takes longer than 30 s.
 */
export async function renderPageImage(ctx: AppContext, doc: DocumentRow, page: number): Promise<Uint8Array> {
  if (doc.kind !== 'digitized' || doc.media_type !== 'application/pdf') throw new RangeError(`document ${doc.id} is not a digitized PDF`);
  if (!Number.isInteger(page) || page < 1 || page > (doc.page_count ?? 0)) throw new RangeError(`page ${page} is outside document ${doc.id}`);
  const target = cachePath(ctx, doc.sha256, page);
  try {
    return new Uint8Array(await readFile(target));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  await mkdir(path.join(cacheRoot(ctx), 'tmp'), { recursive: true });
  const workDir = await mkdtemp(path.join(cacheRoot(ctx), 'tmp', 'render-'));
  try {
    const input = path.join(workDir, 'document.pdf');
    await writeFile(input, await ctx.blobs.get(doc.sha256));
    const outputBase = path.join(workDir, 'page');
    await run('pdftoppm', ['-png', '-scale-to', String(thumbnailSize), '-f', String(page), '-l', String(page), '-singlefile', input, outputBase], { timeout: renderTimeoutMs });
    await mkdir(path.dirname(target), { recursive: true });
    await rename(`${outputBase}.png`, target);
    return new Uint8Array(await readFile(target));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
