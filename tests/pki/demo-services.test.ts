// The demo PKI's in-process TSA and OCSP responder: demo results are B-LTA
// and validate offline years later although no server runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDemoPki, loadDemoSigner } from '../../src/pki/demo-pki.ts';
import { RevocationCache, revocationOptionsFor, signingOptionsFor, signPdf, validatePdfSignatures } from '../../src/signatures/index.ts';
import { makePdf } from '../support/test-pki.ts';

let dir: string;
const config = { SIJILL_TSA_URL: undefined, SIJILL_REVOCATION_POLICY: 'hard-fail' as const };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-demo-services-'));
  await createDemoPki(dir, { units: [{ id: 'city-hall', name: 'بلدية المدينة' }], officers: [{ id: 'approver', name: 'Approver' }] });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('demo result is B-LTA', async () => {
  const options = await signingOptionsFor({ config, pkiDir: dir }, 'B-LTA');
  const signed = await signPdf(await makePdf(1), await loadDemoSigner(dir, 'officer', 'approver'), options);
  const anchors = [(await createDemoPki(dir, { units: [], officers: [] })).root.toString('pem')];
  const later = new Date(Date.now() + 4 * 365 * 86400_000);
  const reports = await validatePdfSignatures(signed, { trustAnchors: anchors, at: later, revocation: { cache: new RevocationCache(), fetch: false } });

  expect(options.level).toBe('B-LTA');
  expect(reports.map((report) => report.kind)).toEqual(['signature', 'document-timestamp']);
  expect(reports.map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  expect(reports[0]?.revocation.map((entry) => [entry.status, entry.origin])).toEqual([['good', 'embedded'], ['good', 'embedded']]);
});

test('demo responder answers validation', async () => {
  const signed = await signPdf(await makePdf(1), await loadDemoSigner(dir, 'seal', 'city-hall'));
  const anchors = [(await createDemoPki(dir, { units: [], officers: [] })).root.toString('pem')];
  const revocation = { ...await revocationOptionsFor({ config, pkiDir: dir }), cache: new RevocationCache() };
  const [report] = await validatePdfSignatures(signed, { trustAnchors: anchors, revocation });

  expect(report?.indication).toBe('TOTAL_PASSED');
  expect(report?.revocation.map((entry) => [entry.status, entry.source, entry.origin])).toEqual([['good', 'ocsp', 'fetched'], ['good', 'ocsp', 'fetched']]);
});

test('no demo PKI signs B-B', async () => {
  const options = await signingOptionsFor({ config, pkiDir: path.join(dir, 'missing') }, 'B-LTA');

  expect(options.level).toBe('B-B');
});
