import { loadDemoIssuingCa } from '../../src/pki/demo-pki.ts';
import { startTestTsa, type TestTsa } from '../../src/pki/test-services.ts';
import { signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

let pki: TestPki;
let tsa: TestTsa;
let pdf: Uint8Array;

beforeAll(async () => {
  pki = await createTestPki();
  tsa = await startTestTsa(await loadDemoIssuingCa(pki.pki.dir));
  pdf = await makePdf(1);
});

afterEach(() => {
  tsa.mode = 'granted';
});

afterAll(async () => {
  await tsa.close();
  await pki.remove();
});

test('B-T signature timestamp validates', async () => {
  const before = Date.now();
  const signed = await signPdf(pdf, pki.seal, { tsaUrl: tsa.url });
  const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem] });

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.timestamp?.valid).toBe(true);
  expect(report?.timestamp?.tsa).toContain('Sijill Test TSA');
  expect(Date.parse(report?.timestamp?.genTime ?? '')).toBeGreaterThanOrEqual(before - 1000);
  expect(report?.validationTime).toBe(report?.timestamp?.genTime);
});

test('timestamp proves existence after expiry', async () => {
  const signed = await signPdf(pdf, pki.seal, { tsaUrl: tsa.url });
  const later = new Date(Date.now() + 4 * 365 * 86400_000);
  const [stamped] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem], at: later });
  const [plain] = await validatePdfSignatures(await signPdf(pdf, pki.seal), { trustAnchors: [pki.rootPem], at: later });

  expect(stamped?.indication).toBe('TOTAL_PASSED');
  expect(plain?.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
});

test('untrusted TSA proves nothing', async () => {
  const signed = await signPdf(pdf, pki.seal, { tsaUrl: tsa.url });
  const other = await createTestPki('ECDSA-P256', 'Other City');
  try {
    const later = new Date(Date.now() + 4 * 365 * 86400_000);
    const [report] = await validatePdfSignatures(signed, { trustAnchors: [pki.rootPem, other.rootPem], at: later });
    expect(report?.timestamp?.valid).toBe(true);

    const [untrusted] = await validatePdfSignatures(signed, { trustAnchors: [other.rootPem], at: later });
    expect(untrusted?.timestamp?.valid).toBe(false);
    expect(untrusted?.validationTime).toBe(later.toISOString());
  } finally {
    await other.remove();
  }
});

test('TSA rejection fails signing', async () => {
  tsa.mode = 'rejection';

  await expect(signPdf(pdf, pki.seal, { tsaUrl: tsa.url })).rejects.toThrow('rejected the request with status 2');
});

test('TSA wrong imprint fails signing', async () => {
  tsa.mode = 'wrong-imprint';

  await expect(signPdf(pdf, pki.seal, { tsaUrl: tsa.url })).rejects.toThrow('token for a different digest');
});

test('unreachable TSA fails signing', async () => {
  const closed = await startTestTsa(await loadDemoIssuingCa(pki.pki.dir));
  await closed.close();

  await expect(signPdf(pdf, pki.seal, { tsaUrl: closed.url, timestamp: { timeoutMs: 2000 } })).rejects.toThrow('could not be reached');
});
