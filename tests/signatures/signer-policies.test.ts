// Certificate policies required of signers (SIJILL_SIGNER_POLICIES, or
// `signerPolicies` of validatePdfSignatures): a signer certificate without
// one of them is CHAIN_CONSTRAINTS_FAILURE; without the requirement any
// certificate passes. Timestamps are not held to it.
import { RevocationCache, signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { issueCertificate } from '../../src/pki/certificates.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

const qualifiedPolicy = '2.16.682.1.101.5000.1.1';
let pki: ServicesPki;
let withPolicy: Signer;
let pdf: Uint8Array;

beforeAll(async () => {
  pki = await createServicesPki('RSA-2048');
  const issued = await issueCertificate({
    subject: { commonName: 'Policy Seal', organization: 'Sijill Revocation Test' }, profile: 'seal', keyAlgorithm: 'RSA-2048', issuer: pki.issuingCa,
    notBefore: new Date(Date.now() - 3_600_000), notAfter: new Date(Date.now() + 86_400_000), ocspUrl: pki.services.ocspUrl, policies: [qualifiedPolicy],
  });
  withPolicy = { certificate: issued.certificate, chain: [pki.issuingCa.certificate, pki.root.certificate], privateKey: issued.keys.privateKey };
  pdf = await makePdf(1);
}, 60_000);

afterAll(async () => {
  await pki.close();
});

async function validate(signer: Signer, signerPolicies: string[]) {
  const signed = await signPdf(pdf, signer, { tsaUrl: pki.tsa.url });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], revocation: { cache: new RevocationCache() }, signerPolicies });
  return report;
}

test('signer with the required policy passes', async () => {
  const report = await validate(withPolicy, ['1.2.3.4', qualifiedPolicy]);

  expect(report?.indication).toBe('TOTAL_PASSED');
});

test('signer without the required policy fails the constraints', async () => {
  const report = await validate(pki.valid, [qualifiedPolicy]);

  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
  expect(report?.findings[0]?.reason).toContain(`none of the accepted certificate policies (${qualifiedPolicy}); it carries none`);
});

test('no requirement accepts any policy', async () => {
  const report = await validate(pki.valid, []);

  expect(report?.indication).toBe('TOTAL_PASSED');
});
