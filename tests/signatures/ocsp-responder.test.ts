// A delegated OCSP responder whose certificate lacks id-pkix-ocsp-nocheck
// has its own status checked, by CRL only (RFC 6960 4.2.2.2.1), and a
// revoked responder's responses are rejected. The signers here name the OCSP
// service and no CRL, so a rejected response leaves nothing else to go by.
import { signPdf, validatePdfSignatures, RevocationCache } from '../../src/signatures/index.ts';
import type { Signer } from '../../src/pki/signer.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

let pki: ServicesPki;
let signer: Signer;
let signed: Uint8Array;

beforeAll(async () => {
  pki = await createServicesPki('RSA-2048', { checkedResponder: true });
  signer = await pki.issueSigner('OCSP Only Seal', { crl: false });
  signed = await signPdf(await makePdf(1), signer);
}, 60_000);

afterAll(async () => {
  await pki.close();
});

async function validate() {
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], revocation: { cache: new RevocationCache(), timeoutMs: 2000 } });
  return report;
}

test('responder checked by its CRL', async () => {
  const report = await validate();

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation[0]).toMatchObject({ status: 'good', source: 'ocsp' });
});

test('responder CRL down gives TRY_LATER', async () => {
  pki.services.crlMode = 'down';
  try {
    const report = await validate();

    expect(report?.indication).toBe('INDETERMINATE');
    expect(report?.subIndication).toBe('TRY_LATER');
    expect(JSON.stringify(report)).toContain('has no id-pkix-ocsp-nocheck and no usable CRL');
  } finally {
    pki.services.crlMode = 'up';
  }
});

test('revoked responder is refused', async () => {
  pki.services.revoke('issuing', pki.responder.certificate, new Date(Date.now() - 60_000), 1);

  const report = await validate();

  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('TRY_LATER');
  expect(JSON.stringify(report)).toContain('was revoked on');
});
