import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runVerify } from '../../src/cli/verify.ts';
import { signPdf } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';
import { createServicesPki } from '../support/test-pki-services.ts';

let dir: string;
let pki: TestPki;
let signedFile: string;
let rootFile: string;

function captureOutput(): { stdout: string[]; stderr: string[]; output: { stdout: { write(text: string): void }; stderr: { write(text: string): void } } } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, output: { stdout: { write: (text) => stdout.push(text) }, stderr: { write: (text) => stderr.push(text) } } };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-verify-'));
  pki = await createTestPki();
  signedFile = path.join(dir, 'signed.pdf');
  await writeFile(signedFile, await signPdf(await makePdf(1), pki.seal));
  rootFile = path.join(pki.pki.dir, 'root-ca.cert.pem');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await pki.remove();
});

test('verify prints report and exits 0', async () => {
  const { stdout, output } = captureOutput();
  const code = await runVerify([signedFile, '--trust', rootFile], output);
  const report = JSON.parse(stdout.join('')) as { file: string; indication: string; fieldName: string };

  expect(code).toBe(0);
  expect(report.file).toBe(signedFile);
  expect(report.indication).toBe('TOTAL_PASSED');
  expect(report.fieldName).toBe('Signature1');
});

test('verify exits 1 for untrusted signer', async () => {
  const { stdout, output } = captureOutput();
  const code = await runVerify([signedFile, '--trust', '../shared/corpus/signatures/pyhanko/trust/testing-ca-root.cert.pem'], output);

  expect(code).toBe(1);
  expect(JSON.parse(stdout.join('')).subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
});

test('verify exits 1 for unsigned file', async () => {
  const unsigned = path.join(dir, 'unsigned.pdf');
  await writeFile(unsigned, await makePdf(1));
  const { stderr, output } = captureOutput();

  expect(await runVerify([unsigned, '--trust', rootFile], output)).toBe(1);
  expect(stderr.join('')).toContain('has no signatures');
});

test('verify rejects invalid time', async () => {
  const { stderr, output } = captureOutput();

  expect(await runVerify([signedFile, '--at', 'yesterday'], output)).toBe(2);
  expect(stderr.join('')).toContain('invalid --at "yesterday"');
});

test('verify holds signers to --policy', async () => {
  const { stdout, output } = captureOutput();

  const code = await runVerify([signedFile, '--trust', rootFile, '--policy', '2.16.682.1.101.5000.1.1'], output);

  expect(code).toBe(1);
  expect(JSON.parse(stdout.join('')).subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
});

test('verify rejects invalid policy', async () => {
  const { stderr, output } = captureOutput();

  expect(await runVerify([signedFile, '--policy', 'qualified'], output)).toBe(2);
  expect(stderr.join('')).toContain('invalid --policy "qualified"');
});

test('verify --offline lacks revocation data', async () => {
  const services = await createServicesPki();
  try {
    const file = path.join(dir, 'revocable.pdf');
    await writeFile(file, await signPdf(await makePdf(1), services.valid));
    const rootPem = path.join(dir, 'services-root.pem');
    await writeFile(rootPem, services.rootPem);
    const online = captureOutput();
    const offline = captureOutput();

    // Offline first: the online run fills this process's revocation cache.
    expect(await runVerify([file, '--trust', rootPem, '--offline'], offline.output)).toBe(1);
    expect(JSON.parse(offline.stdout.join('')).subIndication).toBe('TRY_LATER');
    expect(await runVerify([file, '--trust', rootPem], online.output)).toBe(0);
  } finally {
    await services.close();
  }
});

test('verify rejects invalid revocation policy', async () => {
  const { stderr, output } = captureOutput();

  expect(await runVerify([signedFile, '--revocation-policy', 'lenient'], output)).toBe(2);
  expect(stderr.join('')).toContain('invalid --revocation-policy "lenient"');
});
