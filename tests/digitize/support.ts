// Paths the digitization tests share: the corpus scans, the tools that
// scripts/install-ocr.sh installs, and a private folder per test file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const scans = path.resolve('../shared/corpus/scans');
export const ocrmypdf = path.resolve('.tools/venv/bin/ocrmypdf');
/** Python of .tools/venv, with Pillow and OpenCV. */
export const python = path.resolve('.tools/venv/bin/python');
export const residence = path.join(scans, 'arabic-admin/residence-certificate.scan.jpg');
export const residenceTruth = readFileSync(path.join(scans, 'arabic-admin/residence-certificate.gt.txt'), 'utf8');

/** Makes a folder before the file's tests and removes it after them; call at the top level of a test file. */
export function useTemporaryFolder(prefix: string): () => string {
  let folder: string | undefined;
  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    if (folder === undefined) throw new Error('the temporary folder exists only while the tests run');
    return folder;
  };
}
