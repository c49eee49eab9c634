// OCR of a PDF upload. Scanned pages are rasterized at the resolution of their
// images (rasterize.ts) and go through the same per-page pipeline as image
// uploads (ocr-image.ts): Tesseract on the page's own pixels, turned upright
// and deskewed where needed, assembled into PDF/A-2b here. That replaces
// OCRmyPDF's fixed cost of several seconds per document (5.7 times bare
// Tesseract on francais.pdf).
//
// Pages that already contain text are rasterized and OCRed again as well,
// unless the caller asks to keep them (`existingText: 'skip'`). Keeping a
// born-digital page means converting its own content to PDF/A, which pdf-lib
// cannot do, so such documents still go through OCRmyPDF (ocrmypdf.ts), which
// also turns and deskews their scanned pages. So do documents to be cleaned
// with unpaper (`clean: true`), which only OCRmyPDF runs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openPdfDocument } from '../intake/pdf-document.ts';
import { extractText } from './extract-text.ts';
import { autoLanguages, detectionLanguages } from './language.ts';
import { ocrPages, type PageCorrection } from './ocr-image.ts';
import { runOcrmypdf } from './ocrmypdf.ts';
import { planRasters, rasterizePage, type PageSize } from './rasterize.ts';

export interface PdfOcrRun {
  input: string;
  pages: readonly PdfPage[];
  /** Tesseract languages, or "auto" to tell them from the first page (language.ts). */
  languages: readonly string[] | typeof autoLanguages;
  existingText: 'force' | 'skip';
  tesseract: string;
  ocrmypdf: string;
  python: string;
  iccProfile: string;
  jobs: number;
  maxOcrMegapixels: number;
  /** Largest colour page rasterized for Tesseract, in megapixels. */
  maxColourMegapixels: number;
  clean: boolean;
  timeoutMs: number;
  workDir: string;
}

export interface PdfPage extends PageSize {
  /** The page's content contains text (a text layer or born-digital text). */
  hasText: boolean;
}

export interface PdfOcrResult {
  pdf: Uint8Array;
  /** Recognized text, pages separated by form feeds. */
  text: string;
  /** Pages turned or deskewed; undefined when OCRmyPDF did the work, because it does not report them. */
  corrections?: PageCorrection[];
  /** Tesseract languages the pages were read with. */
  languages: readonly string[];
}

/** Reads the size and whether each page contains text, with pdf.js. */
export async function inspectPdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const document = await openPdfDocument(bytes);
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const hasText = content.items.some((item) => 'str' in item && item.str.trim() !== '');
      pages.push({ width: viewport.width, height: viewport.height, hasText });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** OCRs every page of a PDF and returns a PDF/A-2b with the text layer. */
export async function ocrPdf(run: PdfOcrRun): Promise<PdfOcrResult> {
  const started = performance.now();
  const keepsText = run.existingText === 'skip' && run.pages.some((page) => page.hasText);
  if (keepsText || run.clean) return ocrWithOcrmypdf(run);

  const rasters = await planRasters(run.input, run.pages, { maxMegapixels: run.maxOcrMegapixels, maxColourMegapixels: run.maxColourMegapixels }, run.timeoutMs);
  return ocrPages({
    tesseract: run.tesseract,
    python: run.python,
    pageCount: run.pages.length,
    preparePage: async (index, signal, timeoutMs) => {
      const raster = rasters[index];
      if (raster === undefined) throw new Error(`no raster plan for page ${index + 1}`);
      return rasterizePage({ pdfFile: run.input, page: index + 1, raster, outputBase: path.join(run.workDir, `raster-${index}`), timeoutMs, signal });
    },
    languages: run.languages,
    jobs: run.jobs,
    iccProfile: run.iccProfile,
    timeoutMs: Math.max(1, run.timeoutMs - (performance.now() - started)),
    workDir: run.workDir,
  });
}

async function ocrWithOcrmypdf(run: PdfOcrRun): Promise<PdfOcrResult> {
  // NOTE: OCRmyPDF reads every page at once, so no page is read first to
  // tell the language: "auto" reads with the detection languages.
  const languages = run.languages === autoLanguages ? detectionLanguages : run.languages;
  const output = path.join(run.workDir, 'output.pdf');
  const sidecar = path.join(run.workDir, 'output.txt');
  await runOcrmypdf({
    executable: run.ocrmypdf,
    input: run.input,
    output,
    sidecar,
    languages: languages.join('+'),
    existingText: run.existingText,
    clean: run.clean,
    jobs: run.jobs,
    maxOcrMegapixels: run.maxOcrMegapixels,
    timeoutMs: run.timeoutMs,
    tempDir: run.workDir,
  });
  const pdf = new Uint8Array(await readFile(output));
  return { pdf, text: await readRecognizedText(sidecar, pdf), languages };
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
