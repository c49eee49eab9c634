// Digitization: a paper document scanned at the counter (or a scanned PDF)
// becomes a searchable PDF/A-2b with an OCR text layer. Images are OCRed by
// Tesseract from their original pixels, one process per page, and assembled
// into PDF/A here (ocr-image.ts). PDFs go through OCRmyPDF, which rasterizes
// their pages, deskews them and turns them upright first.
//
// Inputs are checked by content again, because the bytes may come from
// storage rather than fresh from intake. A signed PDF is never rewritten:
// `digitize` rejects it with `digitize.signed_pdf`, and `extractText` reads
// its text without changing it. Business outcomes (signed, illegible) are
// SijillErrors; crashes, kills and timeouts of OCRmyPDF or Tesseract are OcrFailures with
// `retryable`. All files are written in a private temporary folder that is
// removed before `digitize` settles, so nothing half-written is left behind.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { SijillError } from '../errors.ts';
import { readImageHeader, type ImageMediaType } from '../intake/image-header.ts';
import { detectMediaType, fileExtensions } from '../intake/media-type.ts';
import { openPdfDocument } from '../intake/pdf-document.ts';
import { scanPdf } from '../intake/pdf-scan.ts';
import { extractText, pageSeparator } from './extract-text.ts';
import { findIllegiblePages } from './legibility.ts';
import { ocrImage } from './ocr-image.ts';
import { runOcrmypdf } from './ocrmypdf.ts';
import { flattenAlpha, pythonBeside } from './pillow.ts';

export interface DigitizeInput {
  bytes: Uint8Array;
  /** Media type recorded at intake; the content decides when the two differ. */
  mediaType: string;
}

export interface DigitizeOptions {
  /** Tesseract languages, "ara+eng" or ["ara", "eng"]. @default "ara+eng" */
  languages?: string | readonly string[];
  /** Path of the ocrmypdf executable, which OCRs PDF inputs. @default ".tools/venv/bin/ocrmypdf" */
  ocrmypdf?: string;
  /** Path of the tesseract executable, which OCRs image inputs. @default "tesseract" (on PATH) */
  tesseract?: string;
  /** sRGB ICC profile embedded as the output intent of digitized images. @default "/usr/share/color/icc/ghostscript/srgb.icc" (Debian's libgs-common) */
  iccProfile?: string;
  /** Time limit for the whole document. @default 60 s + 30 s per page */
  timeoutMs?: number;
  /** Pages OCRed in parallel. @default min(2, available cores) */
  jobs?: number;
  /**
   * Largest page image OCRed at full size, in megapixels. Larger pages are
   * downsampled for OCR only, which bounds memory per page at about 16 bytes
   * per pixel, or 640 MB for the default.
   * @default 40, a little above an A4 page at 600 dpi (35 megapixels)
   */
  maxOcrMegapixels?: number;
  /** Run unpaper on each page of a PDF before OCR (the stored page stays as scanned). @default false */
  clean?: boolean;
  /** Pages of a PDF that already contain text: rasterized and OCRed again ("force"), or kept ("skip"). @default "force" */
  existingText?: 'force' | 'skip';
  /** Minimum letters and digits OCR must find on a page for it to count as legible; 0 turns the check off. @default 20 */
  minCharactersPerPage?: number;
  /** Folder in which the private temporary folder is made. @default os.tmpdir() */
  tempDir?: string;
  logger?: Logger;
}

export interface DigitizedDocument {
  /** PDF/A-2b with the scanned pages and an invisible OCR text layer. */
  pdf: Uint8Array;
  /** Recognized text, pages separated by form feeds (U+000C). */
  text: string;
  pageCount: number;
  languages: string[];
}

const languagePattern = /^[a-z]{3}(_[a-z]+)?$/;

/** Turns a scan (PDF, JPEG, PNG, TIFF or WebP) into a searchable PDF/A. */
export async function digitize(input: DigitizeInput, options: DigitizeOptions = {}): Promise<DigitizedDocument> {
  const languages = parseLanguages(options.languages ?? 'ara+eng');
  const mediaType = detectMediaType(input.bytes);
  if (mediaType === undefined) throw new SijillError('digitize.unsupported_input', { detail: `content is not an accepted type (recorded as ${input.mediaType})` });

  let pageCount: number;
  let imageDpi: number | undefined;
  let hasAlpha = false;
  if (mediaType === 'application/pdf') {
    pageCount = await checkPdfInput(input.bytes);
  } else {
    const header = readImageHeader(input.bytes, mediaType as ImageMediaType, Number.MAX_SAFE_INTEGER);
    pageCount = header.pageCount;
    hasAlpha = header.hasAlpha;
    imageDpi = header.dpi === undefined || header.dpi < 70 ? estimateDpi(header.width, header.height) : undefined;
  }
  const ocrmypdf = options.ocrmypdf ?? '.tools/venv/bin/ocrmypdf';
  const timeoutMs = options.timeoutMs ?? 60_000 + 30_000 * pageCount;

  const started = performance.now();
  const workDir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'sijill-digitize-'));
  try {
    let inputFile = path.join(workDir, `input.${fileExtensions[mediaType]}`);
    const outputFile = path.join(workDir, 'output.pdf');
    const sidecarFile = path.join(workDir, 'output.txt');
    await writeFile(inputFile, input.bytes);
    if (hasAlpha) {
      const flattened = path.join(workDir, 'flattened.png');
      await flattenAlpha(pythonBeside(ocrmypdf), inputFile, flattened, timeoutMs);
      inputFile = flattened;
    }

    const jobs = options.jobs ?? Math.min(2, os.availableParallelism());
    // The flattening step, if any, used part of the document's time limit.
    const remainingMs = Math.max(1, timeoutMs - (performance.now() - started));
    let pdf: Uint8Array;
    let text: string;
    if (mediaType === 'application/pdf') {
      await runOcrmypdf({
        executable: ocrmypdf,
        input: inputFile,
        output: outputFile,
        sidecar: sidecarFile,
        languages: languages.join('+'),
        existingText: options.existingText ?? 'force',
        clean: options.clean ?? false,
        jobs,
        maxOcrMegapixels: options.maxOcrMegapixels ?? 40,
        timeoutMs: remainingMs,
        tempDir: workDir,
      });
      pdf = new Uint8Array(await readFile(outputFile));
      text = await readRecognizedText(sidecarFile, pdf);
    } else {
      ({ pdf, text } = await ocrImage({
        tesseract: options.tesseract ?? 'tesseract',
        input: inputFile,
        pageCount,
        languages,
        imageDpi,
        jobs,
        iccProfile: options.iccProfile ?? '/usr/share/color/icc/ghostscript/srgb.icc',
        timeoutMs: remainingMs,
        workDir,
      }));
    }

    const pages = text.split(pageSeparator);
    const illegible = findIllegiblePages(pages, options.minCharactersPerPage ?? 20);
    if (illegible.length > 0) throw new SijillError('digitize.illegible', { pages: illegible.join(', '), pageCount: pages.length });

    const outputPages = await countPages(pdf);
    options.logger?.info({ pages: outputPages, languages, ms: Math.round(performance.now() - started) }, 'document digitized');
    return { pdf, text, pageCount: outputPages, languages };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Returns the page count; rejects signed, signable and encrypted PDFs. */
async function checkPdfInput(bytes: Uint8Array): Promise<number> {
  const scan = scanPdf(bytes, Number.MAX_SAFE_INTEGER);
  if (scan.signed || scan.hasSignatureFields) throw new SijillError('digitize.signed_pdf');
  if (scan.encrypted) throw new SijillError('digitize.unsupported_input', { detail: 'the PDF is encrypted' });
  try {
    const document = await openPdfDocument(bytes);
    const pageCount = document.numPages;
    await document.destroy();
    return pageCount;
  } catch (error) {
    throw new SijillError('digitize.unsupported_input', { detail: 'the PDF cannot be parsed' }, { cause: error });
  }
}

/** Counts the pages of OCRmyPDF's output, which the sidecar does not state reliably. */
async function countPages(pdf: Uint8Array): Promise<number> {
  const document = await openPdfDocument(pdf);
  const pageCount = document.numPages;
  await document.destroy();
  return pageCount;
}

/**
 * Reads Tesseract's text from OCRmyPDF's sidecar. Pages kept with their own
 * text appear there only as "[OCR skipped on page(s) …]" markers, so then the
 * text of the output PDF is read instead.
 */
async function readRecognizedText(sidecarFile: string, pdf: Uint8Array): Promise<string> {
  const sidecar = await readFile(sidecarFile, 'utf8');
  if (!sidecar.includes('[OCR skipped on page')) return sidecar.replace(/\f$/, '');
  return (await extractText(pdf)).text;
}

/**
 * Estimates the resolution of an image that declares none, assuming its
 * longer side spans the 11.69 inches of an A4 page, within 100–600 dpi.
 */
export function estimateDpi(width: number, height: number): number {
  const dpi = Math.round(Math.max(width, height) / 11.69);
  return Math.min(600, Math.max(100, dpi));
}

function parseLanguages(languages: string | readonly string[]): string[] {
  const list = typeof languages === 'string' ? languages.split('+') : [...languages];
  for (const language of list) {
    if (!languagePattern.test(language)) throw new TypeError(`invalid Tesseract language ${JSON.stringify(language)}: expected a code such as "ara" or "eng"`);
  }
  if (list.length === 0) throw new TypeError('no Tesseract language given');
  return list;
}
