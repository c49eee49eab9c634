// SIJILL_SIGNING_KEYS: a JSON file that maps units' seals and officers to
// PKCS#12 files (here) or HSM keys (tests/pki/pkcs11.test.ts), with the
// secrets in environment variables. Unset, the demo PKI signs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writePkcs12 } from '../../src/pki/pkcs12.ts';
import { openSigningKeys, SigningKeyError } from '../../src/pki/signing-keys.ts';
import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

let pki: TestPki;
let keysFile: string;

beforeAll(async () => {
  pki = await createTestPki();
  const folder = path.join(pki.pki.dir, 'city-keys');
  await mkdir(folder);
  await writeFile(path.join(folder, 'city-hall.p12'), writePkcs12({ privateKey: pki.seal.privateKey, certificate: pki.seal.certificate, chain: pki.seal.chain, password: 'seal secret' }));
  keysFile = path.join(folder, 'signing-keys.json');
  await writeFile(keysFile, JSON.stringify({
    seals: { 'city-hall': { pkcs12: 'city-hall.p12', passwordEnv: 'TEST_SEAL_PASSWORD' } },
    officers: { approver: { pkcs12: 'missing.p12', passwordEnv: 'TEST_SEAL_PASSWORD' } },
  }));
}, 60_000);

afterAll(async () => {
  await pki?.remove();
});

test('pkcs12 seal signs', async () => {
  const keys = await openSigningKeys(keysFile, '/nonexistent', { TEST_SEAL_PASSWORD: 'seal secret' });

  const signed = await signPdf(await makePdf(1), await keys.signerFor('seal', 'city-hall'));

  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem] });
  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.signer?.commonName).toBe('بلدية المدينة');
});

test('demo pki signs when unset', async () => {
  const keys = await openSigningKeys(undefined, pki.pki.dir);

  const signer = await keys.signerFor('officer', 'approver');

  expect(signer.certificate.subject).toContain('Amina Haddad');
});

test('unmapped unit is named', async () => {
  const keys = await openSigningKeys(keysFile, pki.pki.dir, { TEST_SEAL_PASSWORD: 'seal secret' });

  await expect(keys.signerFor('seal', 'ward-9')).rejects.toThrow(new SigningKeyError(`no seal key for "ward-9" in SIJILL_SIGNING_KEYS file ${keysFile}`));
});

test('missing password is named at start-up', async () => {
  await expect(openSigningKeys(keysFile, pki.pki.dir, {})).rejects.toThrow(`SIJILL_SIGNING_KEYS file ${keysFile} names environment variables that are not set: TEST_SEAL_PASSWORD`);
});

test('missing key file is named', async () => {
  const keys = await openSigningKeys(keysFile, pki.pki.dir, { TEST_SEAL_PASSWORD: 'seal secret' });

  await expect(keys.signerFor('officer', 'approver')).rejects.toThrow(/cannot read .*missing\.p12, named in SIJILL_SIGNING_KEYS file/);
});

test('invalid file is refused', async () => {
  const bad = path.join(pki.pki.dir, 'bad-keys.json');
  await writeFile(bad, JSON.stringify({ seals: { 'city-hall': { pkcs12: 'x.p12' } } }));

  await expect(openSigningKeys(bad, pki.pki.dir)).rejects.toThrow(/invalid SIJILL_SIGNING_KEYS file .*seals\.city-hall/);
});
