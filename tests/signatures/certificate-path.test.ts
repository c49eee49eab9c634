import { issueCertificate } from '../../src/pki/certificates.ts';
import { loadDemoIssuingCa } from '../../src/pki/demo-pki.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

let pki: TestPki;
let pdf: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki();
  pdf = await makePdf(1);
});

afterAll(async () => {
  await pki.remove();
});

const now = Date.now();
const validity = { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 365 * 86400_000) };

test('end-entity issuer gives CERTIFICATE_CHAIN_GENERAL_FAILURE', async () => {
  // A seal certificate (not a CA) issues a signing certificate.
  const seal = pki.seal;
  const issued = await issueCertificate({
    subject: { commonName: 'Forged Officer' }, profile: 'signing', keyAlgorithm: 'RSA-2048',
    issuer: { certificate: seal.certificate, privateKey: seal.privateKey }, ...validity,
  });
  const signer: Signer = { certificate: issued.certificate, chain: [seal.certificate, ...seal.chain], privateKey: issued.keys.privateKey };
  const [report] = await validatePdfSignatures(await signPdf(pdf, signer), { trustAnchors: [pki.rootPem] });

  expect(report?.chainTrusted).toBe(true);
  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('CERTIFICATE_CHAIN_GENERAL_FAILURE');
});

test('encryption-only key gives CHAIN_CONSTRAINTS_FAILURE', async () => {
  const issuer = await loadDemoIssuingCa(pki.pki.dir);
  const issued = await issueCertificate({ subject: { commonName: 'Encryption Key' }, profile: 'encryption-only', keyAlgorithm: 'RSA-2048', issuer, ...validity });
  const signer: Signer = { certificate: issued.certificate, chain: pki.seal.chain, privateKey: issued.keys.privateKey };
  const [report] = await validatePdfSignatures(await signPdf(pdf, signer), { trustAnchors: [pki.rootPem] });

  expect(report?.keyUsageValid).toBe(false);
  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
});

test('signer not yet valid gives NOT_YET_VALID', async () => {
  const issuer = await loadDemoIssuingCa(pki.pki.dir);
  const issued = await issueCertificate({
    subject: { commonName: 'Future Officer' }, profile: 'signing', keyAlgorithm: 'RSA-2048', issuer,
    notBefore: new Date(now + 86400_000), notAfter: new Date(now + 365 * 86400_000),
  });
  const signer: Signer = { certificate: issued.certificate, chain: pki.seal.chain, privateKey: issued.keys.privateKey };
  const [report] = await validatePdfSignatures(await signPdf(pdf, signer), { trustAnchors: [pki.rootPem] });

  expect(report?.subIndication).toBe('NOT_YET_VALID');
});

test('intermediate anchor is accepted', async () => {
  const [report] = await validatePdfSignatures(await signPdf(pdf, pki.seal), { trustAnchors: [pki.pki.issuingCa.toString('pem')] });

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.chain).toHaveLength(2);
});
