// `sijill digitize FILES… --out DIR`: OCRs scans and PDFs into searchable
// PDF/A on this machine, with the same intake checks and OCR pipeline as the
// counter. For each input it writes NAME.pdf and NAME.txt; a signed PDF is
// not rewritten, so it gets only NAME.txt, its extracted text. Progress goes
// to stderr; a JSON summary is the last thing written to stdout.
import { constants } from 'node:fs';
import { access, readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { digitize } from '../digitize/digitize.ts';
import { extractText } from '../digitize/extract-text.ts';
import { autoLanguages, detectionLanguages, isLanguageSetting } from '../digitize/language.ts';
import { checkLanguagesInstalled } from '../digitize/tesseract.ts';
import { SijillError } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { inspectUpload, uploadLimitsFromConfig } from '../intake/inspect-upload.ts';

export const digitizeHelp = `Usage: sijill digitize FILE... --out DIR [--lang auto|ara+eng] [--jobs N] [--timeout SECONDS]

OCR scans (PDF, JPEG, PNG, TIFF, WebP) into searchable PDF/A-2b files.
For each FILE, writes DIR/NAME.pdf and DIR/NAME.txt (recognized text, pages
separated by form feeds). A signed PDF is never rewritten: only its text is
written, to DIR/NAME.txt. Progress goes to stderr, a JSON summary to stdout.

Options:
  --out DIR          folder for the results (created if missing)
  --lang LANGS       Tesseract languages joined by '+', or 'auto' to tell them
                     from each file's first page (default: SIJILL_OCR_LANGUAGES,
                     itself 'auto' unless set)
  --jobs N           pages OCRed in parallel per document (default: all cores for
                     one file, 1 for several files)
  --timeout SECONDS  time limit per document (default: 60 + 30 per page)

Several files are processed at the same time, as many as cores ÷ jobs, so
both single-page and multi-page documents keep every core busy.

Exit status: 0 when every file was processed, 1 when any failed, 2 on a usage error.
`;

export interface DigitizeOutcome {
  input: string;
  status: 'digitized' | 'text_extracted' | 'failed';
  pdf?: string;
  text?: string;
  pages?: number;
  /** Tesseract languages the file was read with: those given, or those detected. */
  languages?: string;
  seconds: number;
  error?: { code: string; message: string; retryable?: boolean };
}

export async function runDigitize(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        lang: { type: 'string' },
        jobs: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`sijill digitize: ${(error as Error).message}\n\n${digitizeHelp}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(digitizeHelp);
    return 0;
  }
  const cores = os.availableParallelism();
  let jobs = Number(values.jobs);
  if (values.jobs === undefined) jobs = positionals.length > 1 ? 1 : cores;
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  const usageError = checkUsage(positionals, values.out, jobs, timeoutSeconds) ?? checkLanguages(values.lang);
  if (usageError !== undefined) {
    process.stderr.write(`sijill digitize: ${usageError}\n\n${digitizeHelp}`);
    return 2;
  }

  const config = loadConfig();
  const languages = values.lang ?? config.SIJILL_OCR_LANGUAGES;
  const preflightError = (await checkInputsReadable(positionals)) ?? checkOutputNames(positionals) ?? await checkModels(languages);
  if (preflightError !== undefined) {
    process.stderr.write(`sijill digitize: ${preflightError}\n`);
    return 2;
  }
  const outDir = path.resolve(values.out as string);
  await mkdir(outDir, { recursive: true });
  const options = {
    languages,
    ocrmypdf: config.SIJILL_OCRMYPDF,
    jobs,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
  };

  // A pool of workers takes the next file as each finishes; outcomes keep input order.
  const outcomes: DigitizeOutcome[] = new Array<DigitizeOutcome>(positionals.length);
  let nextIndex = 0;
  let finished = 0;
  const runWorker = async (): Promise<void> => {
    while (nextIndex < positionals.length) {
      const index = nextIndex;
      nextIndex += 1;
      const outcome = await processFile(positionals[index] as string, outDir, options, uploadLimitsFromConfig(config));
      outcomes[index] = outcome;
      finished += 1;
      process.stderr.write(`[${finished}/${positionals.length}] ${describeOutcome(outcome)}\n`);
    }
  };
  const concurrency = Math.max(1, Math.min(positionals.length, Math.floor(cores / jobs)));
  await Promise.all(Array.from({ length: concurrency }, runWorker));

  const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
  const summary = { processed: outcomes.length - failed, failed, documents: outcomes };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return failed === 0 ? 0 : 1;
}

function checkUsage(files: string[], out: string | undefined, jobs: number | undefined, timeoutSeconds: number | undefined): string | undefined {
  if (files.length === 0) return 'no input file given';
  if (out === undefined) return 'missing --out DIR';
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) return 'invalid --jobs: expected a whole number of 1 or more';
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) return 'invalid --timeout: expected a number of seconds above 0';
  return undefined;
}

/** Names the first input that is missing, a folder or cannot be read. */
async function checkInputsReadable(files: string[]): Promise<string | undefined> {
  for (const file of files) {
    try {
      await access(file, constants.R_OK);
      if (!(await stat(file)).isFile()) return `${file} is not a file; give the scans themselves (a shell pattern such as ${path.join(file, '*.pdf')} lists a folder's)`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}`;
    }
  }
  return undefined;
}

/** Names two inputs that would write the same NAME.pdf and NAME.txt, which the second would overwrite. */
function checkOutputNames(files: string[]): string | undefined {
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = outputName(file);
    const earlier = seen.get(name);
    if (earlier !== undefined && path.resolve(earlier) === path.resolve(file)) return `${file} is given twice; give each file once`;
    if (earlier !== undefined) return `${earlier} and ${file} would both be written as ${name}.pdf and ${name}.txt; rename one or digitize them into different --out folders`;
    seen.set(name, file);
  }
  return undefined;
}

/** Names a language whose Tesseract model is not installed. */
async function checkModels(languages: string): Promise<string | undefined> {
  const requested = languages === autoLanguages ? detectionLanguages : languages.split('+');
  try {
    await checkLanguagesInstalled('tesseract', requested);
    return undefined;
  } catch (error) {
    if (error instanceof SijillError) return `invalid --lang: ${t(`error.${error.code}`, 'en', error.params)}`;
    throw error;
  }
}

function outputName(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

function checkLanguages(lang: string | undefined): string | undefined {
  if (lang === undefined || isLanguageSetting(lang)) return undefined;
  return `invalid --lang ${JSON.stringify(lang)}: expected 'auto' or Tesseract languages joined by '+', such as ara+eng`;
}

interface FileOptions {
  languages: string;
  ocrmypdf: string;
  jobs: number;
  timeoutMs: number | undefined;
}

async function processFile(input: string, outDir: string, options: FileOptions, limits: ReturnType<typeof uploadLimitsFromConfig>): Promise<DigitizeOutcome> {
  const started = performance.now();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  const name = outputName(input);
  try {
    const bytes = new Uint8Array(await readFile(input));
    const inspection = await inspectUpload(bytes, path.basename(input), limits);
    const textFile = path.join(outDir, `${name}.txt`);

    if (inspection.signed || inspection.hasSignatureFields) {
      const extracted = await extractText(bytes);
      await writeAtomically(textFile, extracted.text);
      return { input, status: 'text_extracted', text: textFile, pages: inspection.pageCount, seconds: seconds() };
    }

    const result = await digitize({ bytes, mediaType: inspection.mediaType }, options);
    const pdfFile = path.join(outDir, `${name}.pdf`);
    await writeAtomically(pdfFile, result.pdf);
    await writeAtomically(textFile, result.text);
    return { input, status: 'digitized', pdf: pdfFile, text: textFile, pages: result.pageCount, languages: result.languages.join('+'), seconds: seconds() };
  } catch (error) {
    return { input, status: 'failed', seconds: seconds(), error: describeError(error) };
  }
}

/** Writes beside the target and renames, so a reader never sees half a file. */
async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function describeError(error: unknown): NonNullable<DigitizeOutcome['error']> {
  if (error instanceof SijillError) {
    const retryable = 'retryable' in error && typeof error.retryable === 'boolean' ? error.retryable : undefined;
    const text = t(`error.${error.code}`, 'en', error.params);
    // OcrFailure's message names the program, its exit code or signal and its last stderr lines.
    const message = error.name === 'SijillError' ? text : `${text} (${error.message})`;
    return { code: error.code, message, retryable };
  }
  if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT' && 'message' in error) {
    return { code: 'input.not_found', message: String(error.message) };
  }
  throw error;
}

function describeOutcome(outcome: DigitizeOutcome): string {
  if (outcome.status === 'failed') return `${outcome.input}: failed, ${outcome.error?.code} (${outcome.seconds} s)`;
  const what = outcome.status === 'digitized' ? 'digitized' : 'signed, text extracted';
  return `${outcome.input}: ${what}, ${outcome.pages} page(s) in ${outcome.seconds} s`;
}
