// Wrapper for the OCRmyPDF command line (version 17 or later, installed by
// scripts/install-ocr.sh). It builds the arguments, runs the program under a
// time limit and turns its exit codes into Sijill's errors, keeping stderr.
import { SijillError } from '../errors.ts';
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';

export interface OcrmypdfRun {
  executable: string;
  input: string;
  output: string;
  sidecar: string;
  /** Tesseract languages joined by '+', e.g. "ara+eng". */
  languages: string;
  /** Resolution to assume for an image input that declares none. */
  imageDpi?: number;
  /**
   * For a PDF input, how pages that already contain text are handled:
   * rasterized and OCRed again, or kept as they are. Unset for images.
   */
  existingText?: 'force' | 'skip';
  /** Clean the page with unpaper before OCR (the visible page stays as scanned). */
  clean: boolean;
  /** Pages processed in parallel. */
  jobs: number;
  /**
   * Largest image sent to Tesseract, in megapixels; larger pages are
   * downsampled for OCR only. OCRmyPDF 17 estimates peak memory at about
   * jobs × 16 bytes × this many megapixels.
   */
  maxOcrMegapixels: number;
  timeoutMs: number;
  /** Folder for OCRmyPDF's own temporary files. */
  tempDir: string;
}

// Exit codes of OCRmyPDF (ocrmypdf.ExitCode, stable since version 5).
const exitCodes = {
  ok: 0,
  badArgs: 1,
  inputFile: 2,
  missingDependency: 3,
  invalidOutputPdf: 4,
  fileAccessError: 5,
  alreadyDoneOcr: 6,
  childProcessError: 7,
  encryptedPdf: 8,
  invalidConfig: 9,
  pdfaConversionFailed: 10,
  otherError: 15,
} as const;

/** Runs OCRmyPDF once; resolves when the output PDF and sidecar are written. */
export async function runOcrmypdf(run: OcrmypdfRun): Promise<void> {
  const args = [
    '--quiet',
    '--language', run.languages,
    '--output-type', 'pdfa-2',
    '--rotate-pages',
    '--deskew',
    '--jobs', String(run.jobs),
    '--max-ocr-image-mpixels', String(run.maxOcrMegapixels),
    '--sidecar', run.sidecar,
  ];
  if (run.existingText !== undefined) args.push('--mode', run.existingText);
  // With --mode skip, OCRmyPDF rejects Ghostscript 10.0.0–10.02.0 (Debian 12's),
  // which corrupts pages with existing text; pikepdf's own PDF/A writer avoids it.
  if (run.existingText === 'skip') args.push('--pdfa-backend', 'internal');
  if (run.clean) args.push('--clean');
  if (run.imageDpi !== undefined) args.push('--image-dpi', String(run.imageDpi));
  args.push(run.input, run.output);

  const env = {
    ...process.env,
    // Tesseract's OpenMP threads oversubscribe the cores OCRmyPDF already
    // fills with one page per job, which makes OCR several times slower.
    OMP_THREAD_LIMIT: '1',
    TMPDIR: run.tempDir,
  };
  const result = await runProgram(run.executable, args, { timeoutMs: run.timeoutMs, env });
  if (result.exitCode === exitCodes.ok) return;

  const details = { program: 'ocrmypdf', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr };
  if (result.exitCode === exitCodes.inputFile || result.exitCode === exitCodes.encryptedPdf) {
    throw new SijillError('digitize.unsupported_input', { detail: lastLine(result.stderr) }, { cause: new OcrFailure('digitize.failed', details) });
  }
  if (result.exitCode === exitCodes.missingDependency) throw new OcrFailure('digitize.tool_missing', details);
  throw new OcrFailure('digitize.failed', details);
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
