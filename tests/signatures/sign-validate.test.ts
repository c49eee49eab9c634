import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

let rsa: TestPki;
let ecdsa: TestPki;
let pdf: Uint8Array;

beforeAll(async () => {
  rsa = await createTestPki('RSA-2048');
  ecdsa = await createTestPki('ECDSA-P256', 'Other City');
  pdf = await makePdf(1);
});

afterAll(async () => {
  await rsa.remove();
  await ecdsa.remove();
});

function replaceOnce(bytes: Uint8Array, search: string, replacement: string): Uint8Array {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf(search, 0, 'latin1');
  if (at < 0) throw new Error(`"${search}" not found`);
  copy.write(replacement, at, 'latin1');
  return copy;
}

test('signPdf keeps original bytes as prefix', async () => {
  const signed = await signPdf(pdf, rsa.seal);

  expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
});

test('sealed pdf validates TOTAL_PASSED', async () => {
  const signed = await signPdf(pdf, rsa.seal, { reason: 'Digitized at the counter', location: 'City Hall' });
  const [report, ...others] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(others).toHaveLength(0);
  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.subIndication).toBeNull();
  expect(report?.fieldName).toBe('Signature1');
  expect(report?.subFilter).toBe('ETSI.CAdES.detached');
  expect(report?.byteRangeValid).toBe(true);
  expect(report?.digestMatches).toBe(true);
  expect(report?.signatureValid).toBe(true);
  expect(report?.hasSignedAttributes).toBe(true);
  expect(report?.chainTrusted).toBe(true);
  expect(report?.chain).toHaveLength(3);
  expect(report?.signer?.commonName).toBe('بلدية المدينة');
  expect(report?.changes.appended).toBe(false);
});

test('ECDSA signature validates TOTAL_PASSED', async () => {
  const signed = await signPdf(pdf, ecdsa.officer);
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [ecdsa.rootPem] });

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.signatureAlgorithm).toBe('ECDSA with sha256');
});

test('tampered byte gives HASH_FAILURE', async () => {
  const signed = await signPdf(pdf, rsa.seal);
  const tampered = replaceOnce(signed, '%PDF-1.7', '%PDF-1.6');
  const [report] = await validatePdfSignatures(tampered, { trustAnchors: [rsa.rootPem] });

  expect(report?.indication).toBe('TOTAL_FAILED');
  expect(report?.subIndication).toBe('HASH_FAILURE');
  expect(report?.digestMatches).toBe(false);
});

test('altered signature value gives SIG_CRYPTO_FAILURE', async () => {
  const signed = Buffer.from(await signPdf(pdf, rsa.seal));
  const [before] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });
  // The RSA signature value is the last non-zero stretch of /Contents; flip one hex digit in it.
  const contentsEnd = signed.indexOf('>', before!.byteRange![1]!, 'latin1');
  const hex = signed.subarray(before!.byteRange![1]! + 1, contentsEnd).toString('latin1').replace(/0+$/, '');
  const at = before!.byteRange![1]! + 1 + hex.length - 10;
  // Hex digits are lowercase; compare case-insensitively so that the digit always changes.
  signed.write(String.fromCharCode(signed[at]!).toLowerCase() === 'a' ? 'b' : 'a', at, 'latin1');
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(report?.indication).toBe('TOTAL_FAILED');
  expect(report?.subIndication).toBe('SIG_CRYPTO_FAILURE');
});

test('unknown CA gives NO_CERTIFICATE_CHAIN_FOUND', async () => {
  const signed = await signPdf(pdf, ecdsa.seal);
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  expect(report?.chainTrusted).toBe(false);
});

test('validation after expiry gives OUT_OF_BOUNDS_NO_POE', async () => {
  const signed = await signPdf(pdf, rsa.seal);
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem], at: new Date(Date.now() + 5 * 365 * 86400_000) });

  expect(report?.indication).toBe('INDETERMINATE');
  expect(report?.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
});

test('second signature keeps first valid', async () => {
  const sealed = await signPdf(pdf, rsa.seal, { reason: 'Sealed' });
  const approved = await signPdf(sealed, rsa.officer, { reason: 'Approved' });
  const reports = await validatePdfSignatures(approved, { trustAnchors: [rsa.rootPem] });

  expect(Buffer.from(approved.subarray(0, sealed.length)).equals(Buffer.from(sealed))).toBe(true);
  expect(reports.map((report) => report.fieldName)).toEqual(['Signature1', 'Signature2']);
  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  expect(reports[0]?.changes.appended).toBe(true);
  expect(reports[0]?.changes.kinds).toContain('signature');
  expect(reports[0]?.changes.allowed).toBe(true);
  expect(reports[1]?.changes.appended).toBe(false);
});

test('signing pdf with object streams', async () => {
  const compressed = await makePdf(2, { objectStreams: true });
  const signed = await signPdf(await signPdf(compressed, rsa.seal), rsa.officer);
  const reports = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
});

test('Arabic reason and location round trip', async () => {
  const signed = await signPdf(pdf, rsa.seal, { reason: 'رُقمن ووُقّع عند الاستلام', location: 'الرياض', name: 'بلدية المدينة' });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(report?.reason).toBe('رُقمن ووُقّع عند الاستلام');
  expect(report?.location).toBe('الرياض');
  expect(report?.indication).toBe('TOTAL_PASSED');
});

test('custom field name is used once', async () => {
  const signed = await signPdf(pdf, rsa.seal, { fieldName: 'Seal' });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(report?.fieldName).toBe('Seal');
  await expect(signPdf(signed, rsa.officer, { fieldName: 'Seal' })).rejects.toThrow('a form field named "Seal" already exists');
});

test('claimed signing time comes from /M', async () => {
  const signingTime = new Date('2026-01-04T09:30:00Z');
  const signed = await signPdf(pdf, rsa.seal, { signingTime });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [rsa.rootPem] });

  expect(report?.claimedSigningTime).toBe(signingTime.toISOString());
});

test('unsigned pdf returns no reports', async () => {
  expect(await validatePdfSignatures(pdf, { trustAnchors: [rsa.rootPem] })).toEqual([]);
});

test('truncated signed pdf gives TOTAL_FAILED', async () => {
  const signed = await signPdf(pdf, rsa.seal);
  const [report] = await validatePdfSignatures(signed.subarray(0, signed.length - 300), { trustAnchors: [rsa.rootPem] });

  expect(report?.indication).toBe('TOTAL_FAILED');
  expect(report?.subIndication).toBe('HASH_FAILURE');
});

test('garbage with ByteRange gives FORMAT_FAILURE', async () => {
  const garbage = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange [0 10 20 5] /Contents <3082ffff> >>\nendobj\n', 'latin1');
  const [report] = await validatePdfSignatures(garbage, { trustAnchors: [rsa.rootPem] });

  expect(report?.indication).toBe('TOTAL_FAILED');
  expect(report?.subIndication).toBe('FORMAT_FAILURE');
});

test('oversized input gives FORMAT_FAILURE', async () => {
  const [report] = await validatePdfSignatures(pdf, { trustAnchors: [], maxBytes: 100 });

  expect(report?.subIndication).toBe('FORMAT_FAILURE');
});
