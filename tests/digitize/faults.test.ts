// Fault injection: stand-ins for ocrmypdf that crash, hang or are killed
// after writing part of their output. digitize must throw a retryable
// OcrFailure, kill what it started and leave no files behind.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SijillError } from '../../src/errors.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { OcrFailure } from '../../src/digitize/ocr-failure.ts';

const scan = new Uint8Array(readFileSync(path.resolve('../shared/corpus/scans/arabic-admin/residence-certificate.scan.jpg')));
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

/** Writes a stand-in for ocrmypdf that writes half an output file, then runs `behaviour`. */
function standIn(behaviour: string): string {
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
  const ocrmypdf = standIn('echo "SubprocessOutputError: tesseract crashed" >&2\nexit 15');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { ocrmypdf, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).details.exitCode).toBe(15);
  expect((error as OcrFailure).details.stderr).toContain('tesseract crashed');
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocr killed by signal', async () => {
  const ocrmypdf = standIn('kill -9 $$');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { ocrmypdf, tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.failed');
  expect((error as OcrFailure).details.signal).toBe('SIGKILL');
  expect((error as OcrFailure).retryable).toBe(true);
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocr hang is killed at timeout', async () => {
  const pidFile = path.join(folder, 'child.pid');
  // The stand-in starts a child, as ocrmypdf starts tesseract, and both hang.
  const ocrmypdf = standIn(`sleep 60 &\necho $! > ${pidFile}\nwait`);
  const started = performance.now();

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { ocrmypdf, tempDir, timeoutMs: 500 }));

  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.timed_out');
  expect((error as OcrFailure).retryable).toBe(true);
  expect((error as OcrFailure).params.seconds).toBe(1);
  expect(elapsed).toBeGreaterThanOrEqual(450);
  expect(elapsed).toBeLessThan(5000);
  expect(readdirSync(tempDir)).toEqual([]);
  const childPid = Number(readFileSync(pidFile, 'utf8'));
  expect(isRunning(childPid)).toBe(false);
});

test('missing ocr program is not retryable', async () => {
  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { ocrmypdf: path.join(folder, 'absent'), tempDir }));

  expect(error).toBeInstanceOf(OcrFailure);
  expect((error as OcrFailure).code).toBe('digitize.tool_missing');
  expect((error as OcrFailure).retryable).toBe(false);
  expect(readdirSync(tempDir)).toEqual([]);
});

test('ocr input error is a business error', async () => {
  const ocrmypdf = standIn('echo "InputFileError: not a valid image" >&2\nexit 2');

  const error = await failureOf(digitize({ bytes: scan, mediaType: 'image/jpeg' }, { ocrmypdf, tempDir }));

  expect(error).toBeInstanceOf(SijillError);
  expect(error).not.toBeInstanceOf(OcrFailure);
  expect((error as SijillError).code).toBe('digitize.unsupported_input');
  expect(readdirSync(tempDir)).toEqual([]);
});
