// Cross-check with poppler's pdfsig (NSS): Sijill's signatures must be valid
// and trusted for an independent verifier given the demo root.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signPdf } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

const run = promisify(execFile);
let dir: string;
let rsa: TestPki;
let ecdsa: TestPki;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-pdfsig-'));
  rsa = await createTestPki('RSA-2048');
  ecdsa = await createTestPki('ECDSA-P256', 'Other City');
  await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  for (const [name, pki] of [['rsa-root', rsa], ['ecdsa-root', ecdsa]] as const) {
    await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', name, '-t', 'C,C,C', '-i', path.join(pki.pki.dir, 'root-ca.cert.pem')]);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rsa.remove();
  await ecdsa.remove();
});

test('pdfsig accepts two signatures', async () => {
  const sealed = await signPdf(await makePdf(1), rsa.seal, { reason: 'ختم الجهة' });
  const approved = await signPdf(sealed, ecdsa.officer, { reason: 'Approved' });
  const file = path.join(dir, 'signed.pdf');
  await writeFile(file, approved);

  const { stdout } = await run('pdfsig', ['-nssdir', `sql:${dir}`, file]);

  expect(stdout.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
  expect(stdout.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
  expect(stdout).toContain('Signature Type: ETSI.CAdES.detached');
  expect(stdout).toContain('Signature Field Name: Signature2');
});
