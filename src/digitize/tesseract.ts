// Wrapper for the Tesseract command line (Debian's tesseract-ocr 5.3). One run
// OCRs one page of an image file and writes two files beside `outputBase`:
// `.pdf` (the page image with an invisible text layer in Tesseract's
// GlyphLessFont) and `.txt` (the recognized text). Failures become Sijill's
// errors with stderr kept.
import { SijillError } from '../errors.ts';
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';

export interface TesseractRun {
  executable: string;
  input: string;
  /** Path without extension; Tesseract appends ".pdf" and ".txt". */
  outputBase: string;
  /** Tesseract languages joined by '+', e.g. "ara+eng". */
  languages: string;
  /** Page of a multi-page TIFF, counted from 0. Unset for single-page images. */
  pageIndex?: number;
  /** Resolution to assume for an image that declares none. */
  imageDpi?: number;
  timeoutMs: number;
  /** Aborting kills the run, e.g. when another page of the document has failed. */
  signal?: AbortSignal;
}

// Stderr lines of Leptonica and Tesseract when the input cannot be decoded,
// which is a property of the file and not worth a retry.
const unreadableInput = /Error in (pixRead|findFileFormat|fopenReadStream)|Unsupported image type|cannot read input file/i;

/** Runs Tesseract once; resolves when the page's PDF and text files are written. */
export async function runTesseract(run: TesseractRun): Promise<void> {
  const args = [run.input, run.outputBase, '-l', run.languages];
  if (run.imageDpi !== undefined) args.push('--dpi', String(run.imageDpi));
  // Sauvola's adaptive threshold instead of the default global Otsu: lower
  // CER on every Arabic corpus page at about 15% more CPU time (decision 0022).
  args.push('-c', 'thresholding_method=2');
  if (run.pageIndex !== undefined) args.push('-c', `tessedit_page_number=${run.pageIndex}`);
  args.push('pdf', 'txt');

  const env = {
    ...process.env,
    // One page per core is the parallelism; OpenMP threads on top oversubscribe the cores.
    OMP_THREAD_LIMIT: '1',
  };
  const result = await runProgram(run.executable, args, { timeoutMs: run.timeoutMs, env, signal: run.signal });
  if (result.exitCode === 0) return;

  const details = { program: 'tesseract', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr };
  if (result.signal === null && unreadableInput.test(result.stderr)) {
    throw new SijillError('digitize.unsupported_input', { detail: 'Tesseract cannot read the image' }, { cause: new OcrFailure('digitize.failed', details) });
  }
  throw new OcrFailure('digitize.failed', details);
}
