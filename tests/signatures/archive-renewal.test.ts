// Renewal of a B-LTA result's archive timestamp before its TSA certificate
// expires, against a test PKI with live OCSP, CRL and TSA on 127.0.0.1.
import { renewArchiveTimestamp } from '../../src/signatures/archive-renewal.ts';
import { RevocationCache, signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

let pki: ServicesPki;
let archived: Uint8Array;
const day = 86_400_000;

beforeAll(async () => {
  pki = await createServicesPki('RSA-2048');
  archived = await signPdf(await makePdf(1), pki.valid, { tsaUrl: pki.tsa.url, level: 'B-LTA', revocation: { cache: new RevocationCache() } });
}, 60_000);

afterAll(async () => {
  await pki.close();
});

function renew(pdf: Uint8Array, renewWithinMs: number) {
  return renewArchiveTimestamp(pdf, { tsa: pki.tsa.url, trustAnchors: [pki.rootPem], revocation: { cache: new RevocationCache() }, now: new Date(), renewWithinMs });
}

test('timestamp far from expiry is kept', async () => {
  const renewal = await renew(archived, 30 * day);

  expect(renewal.pdf).toBeUndefined();
  expect(renewal.expiresAt?.getTime()).toBe(pki.tsa.certificate.notAfter.getTime());
});

test('timestamp near expiry is renewed', async () => {
  // A window past the TSA certificate's expiry makes the timestamp due now.
  const renewal = await renew(archived, 100 * 365 * day);
  const reports = await validatePdfSignatures(renewal.pdf ?? new Uint8Array(), { trustAnchors: [pki.rootPem], revocation: { cache: new RevocationCache() } });

  expect(renewal.pdf?.subarray(0, archived.length)).toEqual(archived);
  expect(reports.map((report) => report.kind)).toEqual(['signature', 'document-timestamp', 'document-timestamp']);
  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
});

test('file without archive timestamp is reported', async () => {
  const signed = await signPdf(await makePdf(1), pki.valid, { tsaUrl: pki.tsa.url, level: 'B-T' });

  const renewal = await renew(signed, 100 * 365 * day);

  expect(renewal).toEqual({ expiresAt: null });
});
