// Wrapper for the Tesseract command line (Debian's tesseract-ocr 5.3). One run
// OCRs one page of an image file and writes three files beside `outputBase`:
// `.pdf` (the page image with an invisible text layer in Tesseract's
// GlyphLessFont), `.txt` (the recognized text) and `.hocr` (words with
// confidences and text lines with baselines, read by page-layout.ts).
// Failures become Sijill's errors with stderr kept.
import { SijillError } from '../errors.ts';
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';

/** One page of an image file as Tesseract reads it. */
export interface PageSource {
  input: string;
  /** Page of a multi-page TIFF, counted from 0. Unset for single-page images. */
  pageIndex?: number;
  /** Resolution to assume for an image that declares none. */
  imageDpi?: number;
}

export interface TesseractRun {
  executable: string;
  source: PageSource;
  /** Path without extension; Tesseract appends ".pdf", ".txt" and ".hocr". */
  outputBase: string;
  /** Tesseract languages joined by '+', e.g. "ara+eng". */
  languages: string;
  timeoutMs: number;
  /** Aborting kills the run, e.g. when another page of the document has failed. */
  signal?: AbortSignal;
}

// Stderr lines of Leptonica and Tesseract when the input cannot be decoded,
// which is a property of the file and not worth a retry.
const unreadableInput = /Error in (pixRead|findFileFormat|fopenReadStream)|Unsupported image type|cannot read input file/i;

/** Runs Tesseract once; resolves when the page's PDF, text and hOCR files are written. */
export async function runTesseract(run: TesseractRun): Promise<void> {
  const args = [run.source.input, run.outputBase, '-l', run.languages];
  if (run.source.imageDpi !== undefined) args.push('--dpi', String(run.source.imageDpi));
  // Sauvola's adaptive threshold instead of the default global Otsu: lower
  // CER on every Arabic corpus page at about 15% more CPU time (decision 0022).
  args.push('-c', 'thresholding_method=2');
  if (run.source.pageIndex !== undefined) args.push('-c', `tessedit_page_number=${run.source.pageIndex}`);
  args.push('pdf', 'txt', 'hocr');

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

const installedLanguages = new Map<string, Promise<string[]>>();

/** Lists the language models `tesseract --list-langs` reports, once per executable. */
export function listInstalledLanguages(executable: string): Promise<string[]> {
  let listed = installedLanguages.get(executable);
  if (listed === undefined) {
    listed = runProgram(executable, ['--list-langs'], { timeoutMs: 10_000, captureStdout: true }).then((result) => {
      if (result.exitCode !== 0) throw new OcrFailure('digitize.failed', { program: 'tesseract --list-langs', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
      // The first line names the folder ("List of available languages in ..."), one code per line follows.
      return result.stdout.split('\n').slice(1).map((line) => line.trim()).filter((line) => line !== '');
    });
    listed.catch(() => installedLanguages.delete(executable));
    installedLanguages.set(executable, listed);
  }
  return listed;
}

/** Throws `digitize.language_missing` for the first of `languages` whose model is not installed. */
export async function checkLanguagesInstalled(executable: string, languages: readonly string[]): Promise<void> {
  const installed = await listInstalledLanguages(executable);
  const missing = languages.find((language) => !installed.includes(language));
  if (missing !== undefined) throw new SijillError('digitize.language_missing', { language: missing, installed: installed.filter((code) => code !== 'osd').join(', ') });
}
