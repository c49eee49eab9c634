// PAdES B-LT and B-LTA: DSS, document timestamps, offline validation years later.
import { readFile } from 'node:fs/promises';
import { SijillError } from '../../src/errors.ts';
import { readDss } from '../../src/signatures/dss-read.ts';
import { addDocumentTimestamp, RevocationCache, signPdf, validatePdfSignatures, type RevocationOptions } from '../../src/signatures/index.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

let pki: ServicesPki;
let pdf: Uint8Array;
const year = 365 * 86400_000;

beforeAll(async () => {
  pki = await createServicesPki('RSA-2048');
  pdf = await makePdf(1);
});

afterEach(() => {
  pki.services.ocspMode = 'up';
  pki.services.crlMode = 'up';
});

afterAll(async () => {
  await pki.close();
});

/** Validation with the responders down and an empty cache: only what the file carries counts. */
function offline(): RevocationOptions {
  return { cache: new RevocationCache(), fetch: false };
}

function signLongTerm(level: 'B-LT' | 'B-LTA', input = pdf): Promise<Uint8Array> {
  return signPdf(input, pki.valid, { tsaUrl: pki.tsa.url, level, revocation: { cache: new RevocationCache() } });
}

test('B-LT writes DSS with OCSP and certificates', async () => {
  const signed = await signLongTerm('B-LT');
  const dss = await readDss(signed, Buffer.from(signed).toString('latin1'));

  expect(dss.ocsps.length).toBeGreaterThanOrEqual(2);
  expect(dss.certificates.length).toBeGreaterThanOrEqual(3);
});

test('B-LT validates offline after expiry', async () => {
  const signed = await signLongTerm('B-LT');
  const later = new Date(Date.now() + 4 * year);
  const reports = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], at: later, revocation: offline() });

  expect(reports).toHaveLength(1);
  expect(reports[0]?.indication).toBe('TOTAL_PASSED');
  expect(reports[0]?.revocation.map((entry) => entry.origin)).toEqual(['embedded', 'embedded']);
  expect(reports[0]?.changes.kinds).toEqual(['catalog', 'dss']);
});

test('B-T without DSS fails offline', async () => {
  const signed = await signPdf(pdf, pki.valid, { tsaUrl: pki.tsa.url });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], at: new Date(Date.now() + 4 * year), revocation: offline() });

  expect(report?.subIndication).toBe('TRY_LATER');
});

test('B-LTA validates offline after expiry', async () => {
  const signed = await signLongTerm('B-LTA');
  const later = new Date(Date.now() + 4 * year);
  const reports = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], at: later, revocation: offline() });

  expect(reports.map((report) => report.kind)).toEqual(['signature', 'document-timestamp']);
  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  expect(reports[0]?.changes.kinds).toEqual(expect.arrayContaining(['dss', 'document-timestamp']));
  expect(reports[0]?.changes.allowed).toBe(true);
});

test('document timestamp proves existence of B-B signature', async () => {
  // The signature has no timestamp of its own; the document timestamp over it is its proof of existence.
  const signed = await addDocumentTimestamp(await signPdf(pdf, pki.valid), { tsa: pki.tsa.url });
  const later = new Date(Date.now() + 4 * year);
  const [signature, stamp] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], at: later, revocation: { cache: new RevocationCache() } });

  expect(stamp?.indication).toBe('TOTAL_PASSED');
  expect(signature?.validationTime).toBe(stamp?.timestamp?.genTime);
  expect(signature?.subIndication).not.toBe('OUT_OF_BOUNDS_NO_POE');
});

test('revoked after B-LT stays valid offline', async () => {
  const signer = await pki.issueSigner('Revoked After LT');
  const signed = await signPdf(pdf, signer, { tsaUrl: pki.tsa.url, level: 'B-LT', revocation: { cache: new RevocationCache() } });
  pki.revoke(signer);
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], revocation: offline() });

  // The embedded "good" was issued after the signature timestamp, which is all validation needs.
  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation[0]?.status).toBe('good');
});

test('B-LT needs reachable responders', async () => {
  pki.services.ocspMode = 'down';
  pki.services.crlMode = 'down';

  await expect(signLongTerm('B-LT')).rejects.toMatchObject({ code: 'signature.validation_data_unavailable' });
});

test('level with timestamp needs TSA', async () => {
  await expect(signPdf(pdf, pki.valid, { level: 'B-LT' })).rejects.toThrow(SijillError);
});

test('later signature keeps earlier LTA valid', async () => {
  const first = await signLongTerm('B-LTA');
  const second = await signPdf(first, pki.otherAlgorithm, { tsaUrl: pki.tsa.url, level: 'B-LT', revocation: { cache: new RevocationCache() } });
  const reports = await validatePdfSignatures(second, { trustAnchors: [pki.rootPem], revocation: offline() });

  expect(Buffer.from(second.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
  expect(reports.map((report) => report.kind)).toEqual(['signature', 'document-timestamp', 'signature']);
  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
  expect(reports[0]?.changes.allowed).toBe(true);
});

test('certified P=1 is not signed again', async () => {
  const certified = await readFile('../shared/corpus/signatures/esig-dss/certified-no-change-permitted.pdf');

  await expect(signPdf(certified, pki.valid)).rejects.toMatchObject({ code: 'signature.certified_no_changes' });
});
