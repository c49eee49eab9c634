// OCR of an image upload (JPEG, PNG, TIFF, WebP) by Tesseract alone, without
// OCRmyPDF: each page is read from the original pixels by its own Tesseract
// process, several pages in parallel, and the one-page PDFs Tesseract writes
// are merged into PDF/A-2b in this process. OCRmyPDF would first wrap the
// image in a PDF, rasterize it again, deskew it and convert the result with
// Ghostscript. On the corpus pages that took 4–5 times as long as Tesseract
// alone, and the 200 dpi JPEG read worse (decision 0022).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageSeparator } from './extract-text.ts';
import { OcrFailure } from './ocr-failure.ts';
import { restoreArabicCommas } from './text-layer.ts';
import { assemblePdfA } from './pdfa.ts';
import { runTesseract } from './tesseract.ts';

export interface ImageOcrRun {
  /** Path of the tesseract executable. */
  tesseract: string;
  input: string;
  pageCount: number;
  languages: readonly string[];
  /** Resolution to assume for an image that declares none. */
  imageDpi?: number;
  /** Pages OCRed in parallel. */
  jobs: number;
  /** Path of the sRGB ICC profile embedded as the PDF/A output intent. */
  iccProfile: string;
  timeoutMs: number;
  /** Folder for the per-page files; the caller removes it. */
  workDir: string;
}

export interface ImageOcrResult {
  pdf: Uint8Array;
  /** Recognized text, pages separated by form feeds. */
  text: string;
}

/** OCRs every page of an image file and returns a PDF/A-2b with the text layer. */
export async function ocrImage(run: ImageOcrRun): Promise<ImageOcrResult> {
  const iccProfile = await readIccProfile(run.iccProfile);
  const deadline = performance.now() + run.timeoutMs;
  const arabic = run.languages.includes('ara');
  const outputBases = Array.from({ length: run.pageCount }, (_, index) => path.join(run.workDir, `page-${index}`));

  await forEachPage(run.pageCount, run.jobs, (index, signal) =>
    runTesseract({
      executable: run.tesseract,
      input: run.input,
      outputBase: outputBases[index] ?? '',
      languages: run.languages.join('+'),
      pageIndex: run.pageCount > 1 ? index : undefined,
      imageDpi: run.imageDpi,
      timeoutMs: Math.max(1, deadline - performance.now()),
      signal,
    }),
  );

  const pages: Uint8Array[] = [];
  const texts: string[] = [];
  for (const outputBase of outputBases) {
    pages.push(new Uint8Array(await readFile(`${outputBase}.pdf`)));
    // Tesseract ends each page's text with a form feed.
    const text = (await readFile(`${outputBase}.txt`, 'utf8')).replace(/\f$/, '');
    texts.push(arabic ? restoreArabicCommas(text) : text);
  }
  const pdf = await assemblePdfA(pages, { iccProfile, created: new Date(), restoreArabicCommas: arabic });
  return { pdf, text: texts.join(pageSeparator) };
}

/**
 * Runs `work` for pages 0 … count−1, at most `jobs` at a time. When one page
 * fails, pages not yet started are skipped and running ones are killed. The
 * first error is thrown only after every started page has settled, so no
 * process still writes into the work folder when the caller removes it.
 */
async function forEachPage(count: number, jobs: number, work: (index: number, signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let next = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (next < count && !controller.signal.aborted) {
      const index = next;
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
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, count)) }, worker));
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
