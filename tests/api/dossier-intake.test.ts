// Submission through the upload API: every hostile corpus file gets its
// manifest behaviour with a clear message in the caller's language, a
// repeated submit yields one dossier, and a rejected submission leaves no
// dossier and no stored bytes behind.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { listAuditEvents } from '../../src/db/audit.ts';
import { listDossierDocuments } from '../../src/db/documents.ts';
import { sha256Hex } from '../../src/storage/blob-store.ts';
import { corpusDir, startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, type FilePart } from '../web/support.ts';

let system: TestStack;
let citizenCookie: string;
let receptionCookie: string;

async function apiSignIn(username: string): Promise<string> {
  const response = await system.stack.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'sijill-demo' } });
  expect(response.statusCode).toBe(200);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

async function submit(cookie: string, fields: Record<string, string>, files: FilePart[], lang = 'ar') {
  const body = await multipartBody(fields, files);
  return system.stack.app.inject({ method: 'POST', url: `/api/dossiers?lang=${lang}`, headers: { ...body.headers, cookie }, payload: body.payload });
}

const residenceForm = { procedureCode: 'RC-02', 'form.address': 'حي النخيل', 'form.residentSince': '2020-01-01', declaration: 'on' };

async function dossierCount(): Promise<number> {
  const { rows } = await system.runtime.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
  return rows[0]?.n ?? -1;
}

beforeAll(async () => {
  system = await startTestStack({ workers: [] });
  citizenCookie = await apiSignIn('citizen1');
  receptionCookie = await apiSignIn('reception.ward1');
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

const rejected: Record<string, string> = {
  'zero-bytes.pdf': 'upload.empty',
  'truncated.pdf': 'upload.corrupt',
  'garbage-before-header.pdf': 'upload.header_not_at_start',
  'encrypted-aes256.pdf': 'upload.encrypted',
  'deep-nesting.pdf': 'upload.too_deeply_nested',
  'five-thousand-pages.pdf': 'upload.too_many_pages',
  'pixel-bomb.png': 'upload.too_many_pixels',
  'corrupt.jpg': 'upload.corrupt',
};

test('hostile uploads are rejected with nothing stored', async () => {
  const valid = await corpusFile('bad-inputs', 'valid-minimal.pdf');
  for (const [file, code] of Object.entries(rejected)) {
    const bad = await corpusFile('bad-inputs', file);
    for (const [cookie, field] of [[citizenCookie, 'file:proof-of-address'], [receptionCookie, 'paper:proof-of-address']] as const) {
      const fields = cookie === receptionCookie ? { ...residenceForm, applicantIdentifier: '1000000009', applicantName: 'مراجع الشباك' } : residenceForm;
      const response = await submit(cookie, fields, [
        { field: 'file:national-id', name: 'id.pdf', bytes: valid },
        { field, name: file, bytes: bad },
      ]);
      expect({ file, field, status: response.statusCode, code: response.json().code }).toEqual({ file, field, status: response.statusCode < 500 ? response.statusCode : 'server error', code });
      expect(response.json().message).toMatch(/[\u0600-\u06FF]/);
      expect(await system.runtime.ctx.blobs.has(sha256Hex(valid))).toBe(false);
    }
  }
  expect(await dossierCount()).toBe(0);
  const audit = (await listAuditEvents(system.runtime.ctx.db)).filter((event) => event.action === 'upload.rejected');
  expect(audit.length).toBe(Object.keys(rejected).length * 2);
});

test('error message follows the language', async () => {
  const response = await submit(citizenCookie, residenceForm, [
    { field: 'file:national-id', name: 'id.pdf', bytes: await corpusFile('bad-inputs', 'encrypted-aes256.pdf') },
    { field: 'file:proof-of-address', name: 'a.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') },
  ], 'en');
  expect(response.statusCode).toBe(422);
  expect(response.json().message).toMatch(/password/i);
});

test('empty form is rejected clearly', async () => {
  const response = await submit(citizenCookie, { procedureCode: 'RC-02' }, []);
  expect(response.statusCode).toBe(400);
  expect(response.json().code).toBe('dossier.form_empty');
});

test('missing component is named', async () => {
  const response = await submit(citizenCookie, residenceForm, [{ field: 'file:national-id', name: 'id.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') }]);
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'dossier.component_missing', params: { component: 'proof-of-address' } });
});

test('double submit yields one dossier', async () => {
  const files = [
    { field: 'file:national-id', name: 'id.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') },
    { field: 'file:proof-of-address', name: 'bill.png', bytes: await corpusFile('bad-inputs', 'png-named-as.pdf') },
  ];
  const fields = { ...residenceForm, idempotencyKey: 'double-click-1' };
  const [first, second] = await Promise.all([submit(citizenCookie, fields, files), submit(citizenCookie, fields, files)]);
  expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
  expect(first.json().dossier.id).toBe(second.json().dossier.id);
  expect(await dossierCount()).toBe(1);

  const documents = await listDossierDocuments(system.runtime.ctx.db, first.json().dossier.id);
  expect(documents.map((d) => d.file_name).sort()).toEqual(['bill.png', 'id.pdf']);
  expect(documents.every((d) => d.status === 'received')).toBe(true);
});

test('second open dossier is refused', async () => {
  const files = [
    { field: 'file:national-id', name: 'id.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') },
    { field: 'file:proof-of-address', name: 'bill.pdf', bytes: await corpusFile('bad-inputs', 'pdf-named-as.jpg') },
  ];
  const response = await submit(citizenCookie, { ...residenceForm, idempotencyKey: 'another-key' }, files);
  expect(response.statusCode).toBe(409);
  expect(response.json().code).toBe('dossier.parallel_track');
  // Read by citizens and by reception officers alike, so it names the applicant, not "you".
  expect(response.json().message).toContain('لمقدّم الطلب معاملة مفتوحة');
});

test('active content is kept but never served', async () => {
  const files = [
    { field: 'file:national-id', name: 'id.pdf', bytes: await corpusFile('bad-inputs', 'javascript-openaction.pdf') },
    { field: 'file:proof-of-address', name: 'bill.pdf', bytes: await corpusFile('bad-inputs', 'embedded-file.pdf') },
  ];
  const cookie = await apiSignIn('citizen2');
  const response = await submit(cookie, residenceForm, files);
  expect(response.statusCode).toBe(201);
  const documents = response.json().dossier.documents as { id: string; flags: string[] }[];
  expect(documents.map((d) => d.flags.sort())).toEqual(expect.arrayContaining([['javascript', 'launch'], ['embedded_file']]));
  for (const doc of documents) {
    const download = await system.stack.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/content`, headers: { cookie } });
    expect(download.statusCode).toBe(409);
    expect(download.json().code).toBe('document.active_content_withheld');
  }
});

test('corpus bad-inputs all covered', async () => {
  const files = (await readdir(path.join(corpusDir, 'bad-inputs'))).filter((f) => f !== 'MANIFEST.md');
  const accepted = ['valid-minimal.pdf', 'javascript-openaction.pdf', 'embedded-file.pdf', 'png-named-as.pdf', 'pdf-named-as.jpg'];
  expect([...Object.keys(rejected), ...accepted].sort()).toEqual(files.sort());
});

test('unknown OCR language is refused', async () => {
  const before = await dossierCount();
  const fields = { ...residenceForm, applicantIdentifier: '1000000017', applicantName: 'مراجع الشباك', 'ocrLanguage:national-id': 'klingon' };

  const response = await submit(receptionCookie, fields, [
    { field: 'paper:national-id', name: 'id.png', bytes: await corpusFile('scans', 'tesseract-test', 'phototest.tif') },
    { field: 'paper:proof-of-address', name: 'bill.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') },
  ]);

  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'dossier.ocr_language_invalid', params: { language: 'klingon', component: 'national-id' } });
  expect(response.json().message).toContain('اكتشاف تلقائي');
  expect(await dossierCount()).toBe(before);
});

test('paper original keeps its OCR language', async () => {
  const fields = { ...residenceForm, applicantIdentifier: '1000000025', applicantName: 'مراجعة الشباك', 'ocrLanguage:national-id': 'fra', 'ocrLanguage:proof-of-address': '' };

  const response = await submit(receptionCookie, fields, [
    { field: 'paper:national-id', name: 'id.pdf', bytes: await corpusFile('scans', 'ocrmypdf-tests', 'francais.pdf') },
    { field: 'paper:proof-of-address', name: 'bill.pdf', bytes: await corpusFile('bad-inputs', 'valid-minimal.pdf') },
  ]);

  expect(response.statusCode).toBe(201);
  const documents = await listDossierDocuments(system.runtime.ctx.db, response.json().dossier.id);
  const languages = Object.fromEntries(documents.map((doc) => [doc.component_code, doc.ocr_languages]));
  expect(languages).toEqual({ 'national-id': 'fra', 'proof-of-address': null });
});
