// OCR of page images by Tesseract alone, without OCRmyPDF: each page is read
// by its own Tesseract process (ocr-page.ts, which turns it upright and
// deskews it when needed), several pages in parallel, and the one-page PDFs
// Tesseract writes are merged into PDF/A-2b in this process. The pages are
// those of an image upload or the rasterized pages of a scanned PDF.
// OCRmyPDF would first wrap an image in a PDF, rasterize it again and convert
// the result with Ghostscript. On the corpus pages that took 4–5 times as long
// as Tesseract alone, and the 200 dpi JPEG read worse (decision 0022).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageSeparator } from './extract-text.ts';
import { autoLanguages, detectionLanguages, languagesOfText } from './language.ts';
import { OcrFailure } from './ocr-failure.ts';
import { ocrPage, type PageOcrResult } from './ocr-page.ts';
import type { QuarterTurn } from './orientation.ts';
import { restoreArabicCommas } from './text-layer.ts';
import { assemblePdfA, type PdfAPage } from './pdfa.ts';
import type { PageSource } from './tesseract.ts';

export interface PagesOcrRun {
  /** Path of the tesseract executable. */
  tesseract: string;
  /** Python with Pillow, for turning and deskewing pages. */
  python: string;
  pageCount: number;
  /**
   * Returns the image Tesseract reads for page `index` (from 0), such as a
   * page of the uploaded file or a page rasterized from a PDF.
   */
  preparePage: (index: number, signal: AbortSignal, timeoutMs: number) => Promise<PageSource>;
  /** Tesseract languages, or "auto" to tell them from the first page (language.ts). */
  languages: readonly string[] | typeof autoLanguages;
  /** Pages OCRed in parallel. */
  jobs: number;
  /** Path of the sRGB ICC profile embedded as the PDF/A output intent. */
  iccProfile: string;
  timeoutMs: number;
  /** Folder for the per-page files; the caller removes it. */
  workDir: string;
}

/** A page that was turned upright or deskewed before OCR. */
export interface PageCorrection {
  /** Page number, from 1. */
  page: number;
  /** Clockwise turn applied, in degrees. */
  turn: QuarterTurn;
  /** Clockwise skew corrected, in degrees; 0 when the page was only turned. */
  deskewDegrees: number;
}

export interface PagesOcrResult {
  pdf: Uint8Array;
  /** Recognized text, pages separated by form feeds. */
  text: string;
  corrections: PageCorrection[];
  /** Tesseract languages the pages were read with. */
  languages: readonly string[];
}

/** OCRs every page and returns a PDF/A-2b with the pages upright, deskewed and carrying the text layer. */
export async function ocrPages(run: PagesOcrRun): Promise<PagesOcrResult> {
  const iccProfile = await readIccProfile(run.iccProfile);
  const deadline = performance.now() + run.timeoutMs;
  const results: (PageOcrResult | undefined)[] = new Array<PageOcrResult | undefined>(run.pageCount).fill(undefined);
  const readPage = (source: PageSource, index: number, languages: readonly string[], signal: AbortSignal): Promise<PageOcrResult> =>
    ocrPage({
      tesseract: run.tesseract,
      python: run.python,
      source,
      outputBase: path.join(run.workDir, `page-${index}-${languages.join('-')}`),
      languages: languages.join('+'),
      deadline,
      signal,
    });

  let languages = run.languages;
  let firstPage = 0;
  if (languages === autoLanguages) {
    // The first page alone decides; the others wait for its languages.
    let detected = detectionLanguages;
    await forEachPage([0], 1, async (index, signal) => {
      const source = await run.preparePage(index, signal, Math.max(1, deadline - performance.now()));
      const first = await readPage(source, index, detectionLanguages, signal);
      detected = languagesOfText(first.text) ?? detectionLanguages;
      results[index] = sameLanguages(detected, detectionLanguages) ? first : await readPage(source, index, detected, signal);
    });
    languages = detected;
    firstPage = 1;
  }
  const chosen = languages;
  const rest = Array.from({ length: Math.max(0, run.pageCount - firstPage) }, (_, i) => firstPage + i);
  await forEachPage(rest, run.jobs, async (index, signal) => {
    const source = await run.preparePage(index, signal, Math.max(1, deadline - performance.now()));
    results[index] = await readPage(source, index, chosen, signal);
  });
  const arabic = chosen.includes('ara');

  const pages: PdfAPage[] = [];
  const texts: string[] = [];
  const corrections: PageCorrection[] = [];
  for (const [index, result] of results.entries()) {
    if (result === undefined) throw new Error(`page ${index + 1} has no OCR result`);
    pages.push({ pdf: new Uint8Array(await readFile(result.pdfFile)), rotationDegrees: result.contentRotationDegrees });
    texts.push(arabic ? restoreArabicCommas(result.text) : result.text);
    if (result.turn !== 0 || result.deskewDegrees !== 0) corrections.push({ page: index + 1, turn: result.turn, deskewDegrees: result.deskewDegrees });
  }
  const pdf = await assemblePdfA(pages, { iccProfile, created: new Date(), restoreArabicCommas: arabic });
  return { pdf, text: texts.join(pageSeparator), corrections, languages: chosen };
}

function sameLanguages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((language, i) => language === b[i]);
}

/**
 * Runs `work` for the pages `indices`, at most `jobs` at a time. When one page
 * fails, pages not yet started are skipped and running ones are killed. The
 * first error is thrown only after every started page has settled, so no
 * process still writes into the work folder when the caller removes it.
 */
async function forEachPage(indices: readonly number[], jobs: number, work: (index: number, signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let next = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (next < indices.length && !controller.signal.aborted) {
      const index = indices[next] ?? 0;
      next += 1;
      try {
        await work(index, controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) {
          firstError = error;
          controller.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, indices.length)) }, worker));
  if (controller.signal.aborted) throw firstError;
}

async function readIccProfile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    // Debian's libgs-common (a dependency of ghostscript) installs the default profile.
    throw new OcrFailure('digitize.tool_missing', { program: `sRGB ICC profile ${file}`, stderr: String(error) }, { cause: error });
  }
}
