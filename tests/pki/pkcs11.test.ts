// PKCS#11 signing through SoftHSM2 (Debian's softhsm2): keys generated in a
// throwaway token, certificates from a test PKI, many signatures at once.
// The token lives in SoftHSM's configured token directory under a label of
// its own and is deleted afterwards: SOFTHSM2_CONF cannot point elsewhere,
// because Jest gives tests a copy of the environment that the native
// library never sees.
import { execFile } from 'node:child_process';
import { createPublicKey, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as graphene from 'graphene-pk11';
import { issueCertificateForKey } from '../../src/pki/certificates.ts';
import { loadDemoIssuingCa } from '../../src/pki/demo-pki.ts';
import { ecdsaToDer, openPkcs11Token, type Pkcs11Token } from '../../src/pki/pkcs11.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { openSigningKeys } from '../../src/pki/signing-keys.ts';
import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

const run = promisify(execFile);
const library = '/usr/lib/softhsm/libsofthsm2.so';
const tokenLabel = `sijill-test-${randomBytes(4).toString('hex')}`;
const pin = '1234';
let pki: TestPki;
let token: Pkcs11Token;
let rsaSigner: Signer;
let ecdsaSigner: Signer;

/** Generates a key pair in the token and returns its public key for WebCrypto. */
function generateInToken(session: graphene.Session, label: string, kind: 'rsa' | 'ec'): CryptoKey {
  const common = { token: true, label };
  if (kind === 'rsa') {
    const keys = session.generateKeyPair(graphene.KeyGenMechanism.RSA,
      { ...common, keyType: graphene.KeyType.RSA, modulusBits: 2048, publicExponent: Buffer.from([1, 0, 1]), verify: true },
      { ...common, keyType: graphene.KeyType.RSA, sign: true, private: true, sensitive: true, extractable: false });
    const { modulus, publicExponent } = keys.publicKey.getAttribute({ modulus: null, publicExponent: null }) as { modulus: Buffer; publicExponent: Buffer };
    const jwk = { kty: 'RSA', n: modulus.toString('base64url'), e: publicExponent.toString('base64url') };
    return createPublicKey({ key: jwk, format: 'jwk' }).toCryptoKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']) as unknown as CryptoKey;
  }
  const p256 = Buffer.from('06082a8648ce3d030107', 'hex');
  const keys = session.generateKeyPair(graphene.KeyGenMechanism.EC,
    { ...common, keyType: graphene.KeyType.EC, paramsEC: p256, verify: true },
    { ...common, keyType: graphene.KeyType.EC, sign: true, private: true, sensitive: true, extractable: false });
  // CKA_EC_POINT is a DER OCTET STRING around 04 || x || y.
  const point = (keys.publicKey.getAttribute({ pointEC: null }) as { pointEC: Buffer }).pointEC.subarray(2);
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  return createPublicKey({ key: jwk, format: 'jwk' }).toCryptoKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']) as unknown as CryptoKey;
}

beforeAll(async () => {
  await run('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--so-pin', '5678', '--pin', pin]);
  pki = await createTestPki();
  const issuer = await loadDemoIssuingCa(pki.pki.dir);

  const module = graphene.Module.load(library);
  module.initialize({ flags: 2 });
  const publicKeys: Record<string, CryptoKey> = {};
  try {
    const slots = module.getSlots(true);
    const slot = Array.from({ length: slots.length }, (_, i) => slots.items(i)).find((candidate) => candidate.getToken().label.trim() === tokenLabel);
    const session = slot!.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
    session.login(pin, graphene.UserType.USER);
    publicKeys['rsa'] = generateInToken(session, 'seal-rsa', 'rsa');
    publicKeys['ec'] = generateInToken(session, 'seal-ec', 'ec');
    session.logout();
    session.close();
  } finally {
    module.finalize();
  }
  const validity = { notBefore: new Date(Date.now() - 3600_000), notAfter: new Date(Date.now() + 365 * 86400_000) };
  const chain = [pki.pki.issuingCa, pki.pki.root];
  token = openPkcs11Token({ library, tokenLabel, pin, sessions: 3 });
  rsaSigner = token.signer('seal-rsa', await issueCertificateForKey({
    subject: { commonName: 'HSM Seal RSA' }, profile: 'seal', keyAlgorithm: 'RSA-2048', issuer, publicKey: publicKeys['rsa']!, ...validity,
  }), chain);
  ecdsaSigner = token.signer('seal-ec', await issueCertificateForKey({
    subject: { commonName: 'HSM Seal ECDSA' }, profile: 'seal', keyAlgorithm: 'ECDSA-P256', issuer, publicKey: publicKeys['ec']!, ...validity,
  }), chain);
});

afterAll(async () => {
  await token?.close();
  await pki?.remove();
  await run('softhsm2-util', ['--delete-token', '--token', tokenLabel]);
});

test('SoftHSM signs 24 PDFs concurrently', async () => {
  const pdf = await makePdf(1);
  const signers = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? rsaSigner : ecdsaSigner));
  const signed = await Promise.all(signers.map((signer) => signPdf(pdf, signer)));
  const reports = await Promise.all(signed.map((bytes) => validatePdfSignatures(bytes, { trustAnchors: [pki.rootPem] })));

  expect(reports.map(([report]) => report?.indication)).toEqual(signers.map(() => 'TOTAL_PASSED'));
  expect(reports[1]?.[0]?.signatureAlgorithm).toBe('ECDSA with sha256');
});

test('unknown key label fails', async () => {
  const signer = token.signer('missing', rsaSigner.certificate, rsaSigner.chain);

  await expect(signPdf(await makePdf(1), signer)).rejects.toThrow('no private key labelled "missing"');
});

test('ecdsaToDer pads high bits', () => {
  const plain = Buffer.concat([Buffer.alloc(32, 0x80), Buffer.concat([Buffer.alloc(1, 0), Buffer.alloc(31, 0x01)])]);
  const der = Buffer.from(ecdsaToDer(plain));

  expect(der.subarray(0, 4).toString('hex')).toBe('30440221');
  expect(der[4]).toBe(0);
  expect(der.subarray(37, 39).toString('hex')).toBe('021f');
});

test('signing keys file reaches the HSM', async () => {
  // A process initializes a PKCS#11 library once, so the test's own pool is closed first.
  await token.close();
  const keysFile = path.join(pki.pki.dir, 'signing-keys.json');
  await writeFile(path.join(pki.pki.dir, 'seal-rsa.pem'), [rsaSigner.certificate, ...rsaSigner.chain].map((certificate) => certificate.toString('pem')).join('\n'));
  await writeFile(keysFile, JSON.stringify({
    pkcs11: { library, tokenLabel, pinEnv: 'TEST_HSM_PIN' },
    seals: { 'ward-1': { keyLabel: 'seal-rsa', certificates: 'seal-rsa.pem' } },
  }));
  const keys = await openSigningKeys(keysFile, pki.pki.dir, { TEST_HSM_PIN: pin });
  try {
    const signed = await signPdf(await makePdf(1), await keys.signerFor('seal', 'ward-1'));

    const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem] });
    expect(report?.indication).toBe('TOTAL_PASSED');
    expect(report?.signer?.commonName).toBe('HSM Seal RSA');
  } finally {
    await keys.close();
  }
});
