// `sijill digitize` run as a child process, as an operator runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const corpus = path.resolve('../shared/corpus');
const runner = `import { runDigitize } from ${JSON.stringify(path.resolve('src/cli/digitize.ts'))}; process.exitCode = await runDigitize(process.argv.slice(1));`;
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'sijill-digitize-cli-'));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, SIJILL_OCRMYPDF: path.resolve('.tools/venv/bin/ocrmypdf') };
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', runner, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('digitize command writes results and summary', () => {
  const inputs = [
    path.join(corpus, 'scans/tesseract-test/phototest.tif'),
    path.join(corpus, 'signatures/esig-dss/pades-bes.pdf'),
    path.join(corpus, 'bad-inputs/encrypted-aes256.pdf'),
  ];

  const { status, stdout, stderr } = runCli([...inputs, '--out', outDir, '--lang', 'eng']);

  expect(status).toBe(1);
  const summary = JSON.parse(stdout) as { processed: number; failed: number; documents: { status: string; error?: { code: string } }[] };
  expect(summary.processed).toBe(2);
  expect(summary.failed).toBe(1);
  expect(summary.documents.map((document) => document.status)).toEqual(['digitized', 'text_extracted', 'failed']);
  expect(summary.documents[2]?.error?.code).toBe('upload.encrypted');
  expect(readdirSync(outDir).sort()).toEqual(['pades-bes.txt', 'phototest.pdf', 'phototest.txt']);
  expect(readFileSync(path.join(outDir, 'phototest.txt'), 'utf8')).toContain('quick brown dog');
  expect(readFileSync(path.join(outDir, 'phototest.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(stderr).toContain('[1/3]');
  expect(stderr).toContain('[3/3]');
}, 120_000);

test('digitize command usage error', () => {
  const { status, stderr } = runCli([path.join(corpus, 'scans/tesseract-test/phototest.tif')]);

  expect(status).toBe(2);
  expect(stderr).toContain('missing --out DIR');
});

test('digitize command rejects unknown language', () => {
  const { status, stderr } = runCli([path.join(corpus, 'scans/tesseract-test/phototest.tif'), '--out', outDir, '--lang', 'arabic']);

  expect(status).toBe(2);
  expect(stderr).toContain('invalid --lang "arabic"');
});

test('digitize command detects language', () => {
  const autoDir = path.join(outDir, 'auto');

  const { status, stdout } = runCli([path.join(corpus, 'scans/ocrmypdf-tests/francais.pdf'), '--out', autoDir, '--lang', 'auto']);

  expect(status).toBe(0);
  const summary = JSON.parse(stdout) as { documents: { languages?: string }[] };
  expect(summary.documents[0]?.languages).toBe('fra');
}, 120_000);

test('digitize command refuses a missing model', () => {
  const { status, stderr } = runCli([path.join(corpus, 'scans/tesseract-test/phototest.tif'), '--out', outDir, '--lang', 'fra+deu']);

  expect(status).toBe(2);
  expect(stderr).toContain('There is no OCR model for the language "deu"');
});

test('digitize command refuses clashing names', () => {
  const { status, stderr } = runCli([
    path.join(corpus, 'scans/kraken-tests/input.jpg'),
    path.join(corpus, 'scans/kraken-tests/input.jpg'),
    '--out', outDir,
  ]);

  expect(status).toBe(2);
  expect(stderr).toContain('kraken-tests/input.jpg is given twice');
});

test('digitize command refuses a folder', () => {
  const { status, stderr } = runCli([path.join(corpus, 'scans/kraken-tests'), '--out', outDir]);

  expect(status).toBe(2);
  expect(stderr).toContain('kraken-tests is not a file');
});

test('digitize command names a missing input', () => {
  const { status, stderr } = runCli(['/nonexistent/scan.pdf', '--out', outDir]);

  expect(status).toBe(2);
  expect(stderr).toContain('cannot read /nonexistent/scan.pdf: no such file');
});

test('digitize command refuses two files of one name', () => {
  const { status, stderr } = runCli([
    path.join(corpus, 'scans/tesseract-test/arabic.tif'),
    path.join(corpus, 'scans/kraken-tests/arabic.webp'),
    '--out', outDir,
  ]);

  expect(status).toBe(2);
  expect(stderr).toContain('would both be written as arabic.pdf and arabic.txt');
});
