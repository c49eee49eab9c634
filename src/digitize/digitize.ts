// Digitization: a paper document scanned at the counter (or a scanned PDF)
// becomes a searchable PDF/A-2b with an OCR text layer, its pages upright and
// deskewed. Each page of an image, or each rasterized page of a PDF, is OCRed
// by Tesseract, one process per page, turned and deskewed where its first
// reading shows the need (ocr-page.ts), and assembled into PDF/A here
// (ocr-image.ts). A phone photo first has its page cut out and its
// perspective removed (photo.ts). PDFs whose own text is to be kept go
// through OCRmyPDF (ocr-pdf.ts).
//
// Inputs are checked by content again, because the bytes may come from
// storage rather than fresh from intake. A signed PDF is never rewritten:
// `digitize` rejects it with `digitize.signed_pdf`, and `extractText` reads
// its text without changing it. Business outcomes (signed, illegible) are
// SijillErrors; crashes, kills and timeouts of OCRmyPDF or Tesseract are OcrFailures with
// `retryable`. All files are written in a private temporary folder that is
// removed before `digitize` settles, so nothing half-written is left behind.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { SijillError } from '../errors.ts';
import { readImageHeader, type ImageMediaType } from '../intake/image-header.ts';
import { detectMediaType, fileExtensions } from '../intake/media-type.ts';
import { openPdfDocument } from '../intake/pdf-document.ts';
import { scanPdf } from '../intake/pdf-scan.ts';
import { pageSeparator } from './extract-text.ts';
import { autoLanguages, detectionLanguages } from './language.ts';
import { findIllegiblePages } from './legibility.ts';
import { ocrPages, type PageCorrection } from './ocr-image.ts';
import { flattenPhoto, mayBePhoto, type PhotoResult } from './photo.ts';
import { inspectPdfPages, ocrPdf, type PdfPage } from './ocr-pdf.ts';
import { flattenAlpha, pythonBeside, reduceImage } from './pillow.ts';
import { checkLanguagesInstalled } from './tesseract.ts';

export interface DigitizeInput {
  bytes: Uint8Array;
  /** Media type recorded at intake; the content decides when the two differ. */
  mediaType: string;
}

export interface DigitizeOptions {
  /**
   * Tesseract languages, "ara+eng" or ["ara", "eng"], or "auto" to tell them
   * from the text of the first page (language.ts). @default "auto"
   */
  languages?: string | readonly string[];
  /**
   * Path of the ocrmypdf executable, which OCRs PDFs whose text is kept or
   * that are cleaned. @default ".tools/venv/bin/ocrmypdf"
   */
  ocrmypdf?: string;
  /** Python with Pillow, which flattens alpha channels and turns and deskews pages. @default the "python" beside `ocrmypdf` */
  python?: string;
  /** Path of the tesseract executable, which OCRs pages and detects their orientation. @default "tesseract" (on PATH) */
  tesseract?: string;
  /** sRGB ICC profile embedded as the output intent of digitized images. @default "/usr/share/color/icc/ghostscript/srgb.icc" (Debian's libgs-common) */
  iccProfile?: string;
  /** Time limit for the whole document. @default 60 s + 30 s per page */
  timeoutMs?: number;
  /**
   * Pages OCRed in parallel, one Tesseract process each. With the pixel
   * limits below, each takes at most about 300 MiB. @default the available cores
   */
  jobs?: number;
  /**
   * Largest grey or 1-bit page image OCRed, in megapixels. PDF pages are
   * rasterized at a resolution that keeps them below it (OCRmyPDF
   * downsamples larger pages for OCR only), and larger single-page images
   * are reduced to it. Tesseract took 231 MiB for a grey A4 page at 600 dpi
   * (36.5 megapixels).
   * @default 40, a little above an A4 page at 600 dpi
   */
  maxOcrMegapixels?: number;
  /**
   * Largest colour page OCRed, in megapixels. Tesseract needs about three
   * times the memory for a colour page as for a grey one (614 MiB for an A4
   * page at 600 dpi, 36.5 megapixels). So larger colour images and PDF pages
   * are reduced to this size, which is also what the PDF/A shows. The
   * original stays stored. @default 16, an A4 page at about 400 dpi
   */
  maxColourMegapixels?: number;
  /** Run unpaper on each page of a PDF before OCR, through OCRmyPDF (the stored page stays as scanned). @default false */
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
  /** Tesseract languages the pages were read with: those given, or those detected. */
  languages: string[];
  /** Pages turned upright or deskewed; undefined when OCRmyPDF processed the PDF, because it does not report them. */
  corrections?: PageCorrection[];
  /**
   * For an image taken as a phone photo (photo.ts): whether the page was cut
   * out of the photo and its perspective removed, and whether its EXIF
   * orientation turned it. Undefined for scans and PDFs.
   */
  photo?: { flattened: boolean; turned: boolean };
}

const languagePattern = /^[a-z]{3}(_[a-z]+)?$/;

/** Turns a scan (PDF, JPEG, PNG, TIFF or WebP) into a searchable PDF/A. */
export async function digitize(input: DigitizeInput, options: DigitizeOptions = {}): Promise<DigitizedDocument> {
  const languages = parseLanguages(options.languages ?? autoLanguages);
  const mediaType = detectMediaType(input.bytes);
  if (mediaType === undefined) throw new SijillError('digitize.unsupported_input', { detail: `content is not an accepted type (recorded as ${input.mediaType})` });

  let pageCount: number;
  let imageDpi: number | undefined;
  let declaredDpi: number | undefined;
  let imagePixels = 0;
  let hasAlpha = false;
  let pdfPages: PdfPage[] = [];
  if (mediaType === 'application/pdf') {
    pdfPages = await checkPdfInput(input.bytes);
    pageCount = pdfPages.length;
  } else {
    const header = readImageHeader(input.bytes, mediaType as ImageMediaType, Number.MAX_SAFE_INTEGER);
    pageCount = header.pageCount;
    hasAlpha = header.hasAlpha;
    declaredDpi = header.dpi;
    imagePixels = header.width * header.height;
    imageDpi = header.dpi === undefined || header.dpi < 70 ? estimateDpi(header.width, header.height) : undefined;
  }
  const ocrmypdf = options.ocrmypdf ?? '.tools/venv/bin/ocrmypdf';
  const tesseract = options.tesseract ?? 'tesseract';
  await checkLanguagesInstalled(tesseract, languages === autoLanguages ? detectionLanguages : languages);
  const timeoutMs = options.timeoutMs ?? 60_000 + 30_000 * pageCount;

  const started = performance.now();
  const workDir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'sijill-digitize-'));
  try {
    let inputFile = path.join(workDir, `input.${fileExtensions[mediaType]}`);
    await writeFile(inputFile, input.bytes);
    const python = options.python ?? pythonBeside(ocrmypdf);
    if (hasAlpha) {
      const flattened = path.join(workDir, 'flattened.png');
      await flattenAlpha(python, inputFile, flattened, timeoutMs);
      inputFile = flattened;
    }
    let photo: PhotoResult | undefined;
    if (mayBePhoto(mediaType, pageCount, declaredDpi)) {
      const target = path.join(workDir, 'photo.jpg');
      photo = await flattenPhoto({ python, source: inputFile, target, timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)) });
      if (photo.width !== undefined && photo.height !== undefined) {
        inputFile = target;
        imageDpi = estimateDpi(photo.width, photo.height);
        imagePixels = photo.width * photo.height;
      }
    }
    // NOTE: a multi-page TIFF is read page by page as it is, above the limits too.
    const maxColourPixels = (options.maxColourMegapixels ?? 16) * 1e6;
    if (pageCount === 1 && imagePixels > maxColourPixels) {
      const reduced = await reduceImage({
        python, source: inputFile, targetBase: path.join(workDir, 'reduced'), maxColourPixels, maxPixels: (options.maxOcrMegapixels ?? 40) * 1e6,
        timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)),
      });
      if (reduced.file !== undefined && reduced.width !== undefined && reduced.height !== undefined) {
        inputFile = reduced.file;
        if (imageDpi !== undefined) imageDpi = estimateDpi(reduced.width, reduced.height);
      }
    }

    const common = {
      tesseract,
      python,
      languages,
      jobs: options.jobs ?? os.availableParallelism(),
      iccProfile: options.iccProfile ?? '/usr/share/color/icc/ghostscript/srgb.icc',
      // The flattening step, if any, used part of the document's time limit.
      timeoutMs: Math.max(1, timeoutMs - (performance.now() - started)),
      workDir,
    };
    let result: { pdf: Uint8Array; text: string; corrections?: PageCorrection[]; languages: readonly string[] };
    if (mediaType === 'application/pdf') {
      result = await ocrPdf({
        ...common,
        input: inputFile,
        pages: pdfPages,
        existingText: options.existingText ?? 'force',
        ocrmypdf,
        clean: options.clean ?? false,
        maxOcrMegapixels: options.maxOcrMegapixels ?? 40,
        maxColourMegapixels: options.maxColourMegapixels ?? 16,
      });
    } else {
      const source = inputFile;
      result = await ocrPages({
        ...common,
        pageCount,
        // Multi-page TIFFs are read page by page (`-c tessedit_page_number=N`).
        preparePage: (index) => Promise.resolve({ input: source, pageIndex: pageCount > 1 ? index : undefined, imageDpi }),
      });
    }
    const { pdf, text, corrections } = result;
    const used = [...result.languages];

    const pages = text.split(pageSeparator);
    const illegible = findIllegiblePages(pages, options.minCharactersPerPage ?? 20);
    if (illegible.length > 0) throw new SijillError('digitize.illegible', { pages: illegible.join(', '), pageCount: pages.length });

    const outputPages = await countPages(pdf);
    const photoCorrection = photo === undefined ? undefined : { flattened: photo.flattened, turned: photo.turned };
    options.logger?.info({ pages: outputPages, languages: used, detected: languages === autoLanguages, corrections, photo, ms: Math.round(performance.now() - started) }, 'document digitized');
    return { pdf, text, pageCount: outputPages, languages: used, corrections, photo: photoCorrection };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Returns the size of each page and whether it contains text; rejects signed, signable and encrypted PDFs. */
async function checkPdfInput(bytes: Uint8Array): Promise<PdfPage[]> {
  const scan = scanPdf(bytes, Number.MAX_SAFE_INTEGER);
  if (scan.signed || scan.hasSignatureFields) throw new SijillError('digitize.signed_pdf');
  if (scan.encrypted) throw new SijillError('digitize.unsupported_input', { detail: 'the PDF is encrypted' });
  try {
    return await inspectPdfPages(bytes);
  } catch (error) {
    throw new SijillError('digitize.unsupported_input', { detail: 'the PDF cannot be parsed' }, { cause: error });
  }
}

/** Counts the pages of the output PDF, which OCRmyPDF's sidecar does not state reliably. */
async function countPages(pdf: Uint8Array): Promise<number> {
  const document = await openPdfDocument(pdf);
  const pageCount = document.numPages;
  await document.destroy();
  return pageCount;
}

/**
 * Estimates the resolution of an image that declares none, assuming its
 * longer side spans the 11.69 inches of an A4 page, within 100–600 dpi.
 */
export function estimateDpi(width: number, height: number): number {
  const dpi = Math.round(Math.max(width, height) / 11.69);
  return Math.min(600, Math.max(100, dpi));
}

function parseLanguages(languages: string | readonly string[]): string[] | typeof autoLanguages {
  if (languages === autoLanguages) return autoLanguages;
  const list = typeof languages === 'string' ? languages.split('+') : [...languages];
  for (const language of list) {
    if (!languagePattern.test(language)) throw new TypeError(`invalid Tesseract language ${JSON.stringify(language)}: expected a code such as "ara" or "eng", or "auto"`);
  }
  if (list.length === 0) throw new TypeError('no Tesseract language given');
  return list;
}
