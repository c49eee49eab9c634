// Fault injection: stand-ins for tesseract (which OCRs images) and ocrmypdf
// (which OCRs PDFs) that crash, hang or are killed after writing part of
// their output. digitize must throw a retryable OcrFailure, kill what it
// started and leave no files behind.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SijillError } from '../../src/errors.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { OcrFailure } from '../../src/digitize/ocr-failure.ts';

const scan = new Uint8Array(readFileSync(path.resolve('../shared/corpus/scans/arabic-admin/residence-certificate.scan.jpg')));
const twoPageScan = new Uint8Array(readFileSync(path.resolve('../shared/corpus/scans/arabic-admin/fire-safety-and-tax.scan.tif')));
// A PDF with a text layer, kept with `existingText: 'skip'`, is the input that still goes through OCRmyPDF.
const pdfWithText = new Uint8Array(readFileSync(path.resolve('../shared/corpus/scans/ocrmypdf-tests/graph_ocred.pdf')));
const keepText = { existingText: 'skip' } as const;
let folder: string;
let tempDir: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'sijill-fake-ocr-'));
  tempDir = path.join(folder, 'tmp');
  mkdirSync(tempDir);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Writes a stand-in for tesseract (arguments: image, output base, …) that
 * writes half a page PDF, then runs `behaviour`. Asked for its languages
 * (`--list-langs`, before any page), it names Arabic and English.
 */
function standIn(behaviour: string): string {
  const script = path.join(folder, 'tesseract');
  const languages = `if [ "$1" = --list-langs ]; then printf 'List of available languages in "stand-in" (3):\\nara\\neng\\nosd\\n'; exit 0; fi`;
  writeFileSync(script, `#!/bin/sh\n${languages}\nprintf '%%PDF-1.5 half' > "$2.pdf"\necho "tesseract stand-in: page started" >&2\n${behaviour}\n`);
  chmodSync(script, 0o755);
  return script;
}

/** Writes a stand-in for ocrmypdf (last argument: output PDF) that writes half an output file, then runs `behaviour`. */
function ocrmypdfStandIn(behaviour: string): string {
  const script = path.join(folder, 'ocrmypdf');
  writeFileSync(script, `#!/bin/sh\nfor output; do :; done\nprintf '%%PDF-1.7 half' > "$output"\necho "ocrmypdf stand-in: page 1 started" >&2\n${behaviour}\n`);
  chmodSync(script, 0o755);
  return script;
}

/** Checks /proc; a killed process may stay a zombie until its new parent reaps it, which counts as not running. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

test('ocr crash is retryable failure', async () => {
  const tesseract = standIn('echo "Segmentation fault in LSTM" >&2\nexit 139');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).details.exitCode).toBe(139);
  expect((error as OcrFailure).details.stderr).toContain('Segmentation fault');
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocrmypdf crash is retryable failure', async () => {
  const ocrmypdf = ocrmypdfStandIn('echo "SubprocessOutputError: tesseract crashed" >&2\nexit 15');

  const error = await failureOf(digitize({ bytes: pdfWithText, mediaType: 'application/pdf' }, { ...keepText, ocrmypdf, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).details.exitCode).toBe(15);
  expect((error as OcrFailure).details.stderr).toContain('tesseract crashed');
  expect(readdirSync(tempDir)).toEqual([]);
});

test('one failed page kills the others', async () => {
  const pidFile = path.join(folder, 'other.pid');
  // Page 1 records its pid and hangs; page 0 (tessedit_page_number=0) fails once page 1 is running.
  // Page 0 waits at most 30 s for page 1, so a failing run leaves no stand-in looping behind it.
  const tesseract = standIn(`case "$*" in *tessedit_page_number=0*) for _ in $(seq 3000); do [ -s ${pidFile} ] && break; sleep 0.01; done; echo "page 0 crashed" >&2; exit 1;; esac\necho $$ > ${pidFile}\nsleep 60`);
  const started = performance.now();

  // Languages given, so no page is read first to detect them and both start at once.
  const error = await failureOf(digitize({ bytes: twoPageScan, mediaType: 'image/tiff' }, { tesseract, tempDir, jobs: 2, languages: 'ara+eng' }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).details.stderr).toContain('page 0 crashed');
  // The stand-in sleeps 60 s: ending well before that shows it was killed (not a speed check).
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(readdirSync(tempDir)).toEqual([]);
  expect(isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
});

test('orientation crash is retryable failure', async () => {
  // The first reading finds no words, so orientation detection (--psm 0) runs, and crashes.
  const tesseract = standIn('case "$*" in *"--psm 0"*) echo "osd crashed" >&2; exit 139;; esac\nprintf "\\f" > "$2.txt"\nprintf "<html></html>" > "$2.hocr"\nexit 0');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).details.stderr).toContain('osd crashed');
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocr killed by signal', async () => {
  const tesseract = standIn('kill -9 $$');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).details.signal).toBe('SIGKILL');
  expect((error as OcrFailure).retryable).toBe(true);
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocrmypdf hang is killed at timeout', async () => {
  const pidFile = path.join(folder, 'child.pid');
  // The stand-in starts a child, as ocrmypdf starts tesseract, and both hang.
  const ocrmypdf = ocrmypdfStandIn(`sleep 60 &\necho $! > ${pidFile}\nwait`);
  const started = performance.now();

  const error = await failureOf(digitize({ bytes: pdfWithText, mediaType: 'application/pdf' }, { ...keepText, ocrmypdf, tempDir, timeoutMs: 500 }));

  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.timed_out');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).params.seconds).toBe(1);
  expect(elapsed).toBeGreaterThanOrEqual(450);
  expect(elapsed).toBeLessThan(30_000);
  expect(readdirSync(tempDir)).toEqual([]);
  const childPid = Number(readFileSync(pidFile, 'utf8'));
  expect(isRunning(childPid)).toBe(false);
});

test('tesseract hang is killed at timeout', async () => {
  const tesseract = standIn('sleep 60');
  const started = performance.now();

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract, tempDir, timeoutMs: 500 }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.timed_out');
  expect((error as OcrFailure).retryable).toBe(true);
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(readdirSync(tempDir)).toEqual([]);
});

test('missing ocr program is not retryable', async () => {
  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract: path.join(folder, 'absent'), tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.tool_missing');
  expect((error as OcrFailure).retryable).toBe(false);
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocr input error is a business error', async () => {
  const tesseract = standIn('echo "Error in pixReadStream: Unknown format: no pix returned" >&2\nexit 1');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { tesseract, tempDir }));

  expect(error).toBeInstanceOf(SijillError);
  expect(error).not.toBeInstanceOf(OcrFailure);
  expect((error as SijillError).code).toBe('digitize.unsupported_input');
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocrmypdf input error is a business error', async () => {
  const ocrmypdf = ocrmypdfStandIn('echo "InputFileError: not a valid PDF" >&2\nexit 2');

  const error = await failureOf(digitize({ bytes: pdfWithText, mediaType: 'application/pdf' }, { ...keepText, ocrmypdf, tempDir }));

  expect(error).toBeInstanceOf(SijillError);
  expect(error).not.toBeInstanceOf(OcrFailure);
  expect((error as SijillError).code).toBe('digitize.unsupported_input');
  expect(readdirSync(tempDir)).toEqual([]);
});
