// Validation report downloads through the API, with the receive and verify
// workers running. The JSON contains the stored report and the document's
// identity, and the PDF prints them. Another citizen gets not found, and a
// document that is not a PDF gets report.not_pdf.
import { randomUUID } from 'node:crypto';
import { listDossierDocuments, type DocumentRow } from '../../src/db/documents.ts';
import { renderValidationReportPdf } from '../../src/results/validation-report.ts';
import { sha256Hex } from '../../src/storage/blob-store.ts';
import { extractText } from '../results/fixtures.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie, waitFor } from '../web/support.ts';

let system: TestStack;
let signedPdf: Uint8Array;
let signedDocument: DocumentRow;
let scanDocument: DocumentRow;
let ownerCookie: string;

beforeAll(async () => {
  system = await startTestStack({ workers: ['receive', 'verify'] });
  ownerCookie = await signInCookie(system.stack.app, 'citizen1');
  signedPdf = await corpusFile('signatures', 'esig-dss', 'pdf-signed-original.pdf');
  const body = await multipartBody(
    { procedureCode: 'RC-02', idempotencyKey: randomUUID(), 'form.address': 'حي النخيل', 'form.residentSince': '2019-03-01', declaration: 'on' },
    [
      { field: 'file:national-id', name: 'هوية-موقعة.pdf', bytes: signedPdf },
      { field: 'file:proof-of-address', name: 'lease.jpg', bytes: await corpusFile('scans', 'arabic-admin', 'residence-certificate.scan.jpg') },
    ],
  );
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: ownerCookie, ...body.headers }, payload: body.payload });
  const dossierId = /\/portal\/dossiers\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1];
  if (dossierId === undefined) throw new Error(`submission failed with status ${response.statusCode}: ${response.body.slice(0, 300)}`);

  const documents = await waitFor('verified documents', async () => {
    const rows = await listDossierDocuments(system.runtime.ctx.db, dossierId);
    return rows.every((row) => row.validity_basis !== null) && rows.length === 2 ? rows : undefined;
  }, 90_000);
  signedDocument = documents.find((row) => row.media_type === 'application/pdf') as DocumentRow;
  scanDocument = documents.find((row) => row.media_type !== 'application/pdf') as DocumentRow;
}, 150_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

function download(documentId: string, format: 'json' | 'pdf', cookie: string) {
  return system.stack.app.inject({ url: `/api/documents/${documentId}/validation-report.${format}`, headers: { cookie } });
}

test('json report carries document and signatures', async () => {
  const response = await download(signedDocument.id, 'json', ownerCookie);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".*\.validation-report\.json"/);

  const body = response.json();
  expect(body.document).toEqual({
    id: signedDocument.id,
    fileName: 'هوية-موقعة.pdf',
    sha256: sha256Hex(signedPdf),
    validityBasis: signedDocument.validity_basis,
    validityReason: signedDocument.validity_reason,
  });
  expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
  expect(body.signatures).toEqual(signedDocument.validation_report);
  expect(body.signatures.length).toBeGreaterThan(0);
  expect(body.signatures[0].indication).toMatch(/^(TOTAL_PASSED|INDETERMINATE|TOTAL_FAILED)$/);
});

test('pdf report prints the report', async () => {
  const response = await download(signedDocument.id, 'pdf', ownerCookie);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toMatch(/\.validation-report\.pdf"/);

  const pdf = new Uint8Array(response.rawPayload);
  expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const text = await extractText(pdf);
  const report = signedDocument.validation_report as Array<{ indication: string; signer: { serialNumber: string } | null }>;
  const first = report[0];
  expect(text).toContain('Electronic signature validation report');
  expect(text).toContain(sha256Hex(signedPdf).slice(0, 32));
  expect(text).toContain(sha256Hex(signedPdf).slice(32));
  expect(text).toContain(signedDocument.id);
  expect(text).toContain('Signature 1 of');
  expect(text).toContain(first?.indication);
  if (first?.signer) expect(text).toContain(first.signer.serialNumber);
});

test('staff of the unit may download', async () => {
  const cookie = await signInCookie(system.stack.app, 'officer.ward1');
  const response = await download(signedDocument.id, 'json', cookie);
  expect(response.statusCode).toBe(200);
});

test('another citizen gets not found', async () => {
  const cookie = await signInCookie(system.stack.app, 'citizen2');
  for (const format of ['json', 'pdf'] as const) {
    const response = await download(signedDocument.id, format, cookie);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('request.not_found');
  }
});

test('other unit officer gets not found', async () => {
  const cookie = await signInCookie(system.stack.app, 'officer.commerce');
  const response = await download(signedDocument.id, 'pdf', cookie);
  expect(response.statusCode).toBe(404);
});

test('image document has no report', async () => {
  const response = await download(scanDocument.id, 'json', ownerCookie);
  expect(response.statusCode).toBe(404);
  expect(response.json().code).toBe('report.not_pdf');
  expect(response.json().message).toContain('lease.jpg');
});

test('unknown document gets not found', async () => {
  const response = await download(randomUUID(), 'pdf', ownerCookie);
  expect(response.statusCode).toBe(404);
  expect(response.json().code).toBe('request.not_found');
});

test('invalid id is rejected', async () => {
  const response = await download('not-a-uuid', 'json', ownerCookie);
  expect(response.statusCode).toBe(400);
});

test('pdf prints markup as text', async () => {
  const markup = '*bold* #panic("x") $x$ <label> @ref';
  const pdf = renderValidationReportPdf({
    issuer: { ar: 'بلدية المدينة', en: 'City municipality' },
    document: { id: randomUUID(), fileName: `${markup}.pdf`, sha256: 'a'.repeat(64), validityBasis: 'invalid', validityReason: { ar: markup, en: markup } },
    signatures: [{ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', findings: [{ subIndication: 'HASH_FAILURE', reason: markup }] }],
    generatedAt: new Date('2025-03-05T09:30:00Z'),
    timeZone: 'Asia/Riyadh',
  });
  const text = await extractText(pdf);
  expect(text).toContain(`${markup}.pdf`);
  expect(text).toContain(`HASH_FAILURE: ${markup}`);
});
