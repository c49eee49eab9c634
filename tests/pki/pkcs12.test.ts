// PKCS#12 files: our own round trip, and interoperability with OpenSSL both ways.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadPkcs12Signer, Pkcs12Error, readPkcs12, writePkcs12 } from '../../src/pki/pkcs12.ts';
import { loadSigner, type LocalSigner } from '../../src/pki/signer.ts';
import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

const run = promisify(execFile);
let dir: string;
let rsa: TestPki;
let ecdsa: TestPki;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-p12-'));
  rsa = await createTestPki('RSA-2048');
  ecdsa = await createTestPki('ECDSA-P256', 'Other City');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rsa.remove();
  await ecdsa.remove();
});

/** Loads the seal with its key from PEM, because keys loaded from PKCS#12 are not extractable and cannot be written again. */
function pemSeal(pki: TestPki): Promise<LocalSigner> {
  const file = (name: string): string => path.join(pki.pki.dir, name);
  return loadSigner({ certificate: file('seal-city-hall.cert.pem'), privateKey: file('seal-city-hall.key.pem'), chain: [file('issuing-ca.cert.pem'), file('root-ca.cert.pem')] });
}

test('PKCS#12 round trip signs', async () => {
  for (const pki of [rsa, ecdsa]) {
    const seal = await pemSeal(pki);
    const p12 = writePkcs12({ privateKey: seal.privateKey, certificate: seal.certificate, chain: seal.chain, password: 'كلمة سر' });
    const signer = await loadPkcs12Signer(p12, 'كلمة سر');
    const [report] = await validatePdfSignatures(await signPdf(await makePdf(1), signer), { trustAnchors: [pki.rootPem] });

    expect(signer.chain.map((certificate) => certificate.subject)).toEqual(pki.seal.chain.map((certificate) => certificate.subject));
    expect(report?.indication).toBe('TOTAL_PASSED');
  }
});

test('PKCS#12 wrong password fails', async () => {
  const seal = await pemSeal(rsa);
  const p12 = writePkcs12({ privateKey: seal.privateKey, certificate: seal.certificate, password: 'right' });

  expect(() => readPkcs12(p12, 'wrong')).toThrow(Pkcs12Error);
  expect(() => readPkcs12(p12, 'wrong')).toThrow('wrong password');
});

test('OpenSSL reads our PKCS#12', async () => {
  const file = path.join(dir, 'ours.p12');
  const seal = await pemSeal(rsa);
  await writeFile(file, writePkcs12({ privateKey: seal.privateKey, certificate: seal.certificate, chain: seal.chain, password: 'secret' }));
  const { stdout } = await run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:secret', '-nodes', '-info'], { encoding: 'utf8' });

  expect(stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  expect(stdout).toContain('BEGIN PRIVATE KEY');
});

test('we read OpenSSL PKCS#12', async () => {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const chain = path.join(dir, 'chain.pem');
  const file = path.join(dir, 'openssl.p12');
  await writeFile(key, (await readFile(path.join(ecdsa.pki.dir, 'seal-city-hall.key.pem'))));
  await writeFile(cert, ecdsa.seal.certificate.toString('pem'));
  await writeFile(chain, ecdsa.seal.chain.map((certificate) => certificate.toString('pem')).join('\n'));
  await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-certfile', chain, '-passout', 'pass:secret', '-out', file]);
  const signer = await loadPkcs12Signer(await readFile(file), 'secret');

  expect(signer.certificate.subject).toBe(ecdsa.seal.certificate.subject);
  expect(signer.chain).toHaveLength(2);
});
