// The citizen portal through inject(): the application form, its errors,
// submission to the receipt, my dossiers and the supplement form.
import { randomUUID } from 'node:crypto';
import { setDossierStatus } from '../../src/db/dossiers.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie } from './support.ts';

let system: TestStack;
let citizen: string;

beforeAll(async () => {
  system = await startTestStack({ workers: [] });
  citizen = await signInCookie(system.stack.app, 'citizen1');
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

async function applicationFiles() {
  return [
    { field: 'file:national-id', name: 'national-id.pdf', bytes: await corpusFile('signatures', 'esig-dss', 'pades-bes.pdf'), type: 'application/pdf' },
    { field: 'file:proof-of-address', name: 'lease.jpg', bytes: await corpusFile('scans', 'arabic-admin', 'residence-certificate.scan.jpg'), type: 'image/jpeg' },
  ];
}

test('apply form lists fields and components', async () => {
  const response = await system.stack.app.inject({ url: '/portal/apply/RC-02', headers: { cookie: citizen } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('enctype="multipart/form-data"');
  expect(response.body).toContain('name="form.address"');
  expect(response.body).toContain('name="file:national-id"');
  expect(response.body).toContain('name="file:proof-of-address"');
  expect(response.body).not.toContain('name="file:application-form"');
  expect(response.body).toContain('name="declaration"');
  expect(response.body).toMatch(/name="idempotencyKey" value="[0-9a-f-]{36}"/);
  expect(response.body).toContain('موثّق إلكترونياً');
});

test('apply form for unknown procedure is not found', async () => {
  const response = await system.stack.app.inject({ url: '/portal/apply/ZZ-99', headers: { cookie: citizen } });
  expect(response.statusCode).toBe(404);
});

test('apply error keeps typed values', async () => {
  const body = await multipartBody({ procedureCode: 'RC-02', idempotencyKey: randomUUID(), 'form.address': '', 'form.residentSince': '2019-03-01', 'form.purpose': '<b>bank</b>' }, await applicationFiles());
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('الحقل «عنوان السكن» مطلوب');
  expect(response.body).toContain('aria-invalid="true" aria-describedby="form.address-error"');
  expect(response.body).toContain('value="2019-03-01"');
  expect(response.body).toContain('value="&#60;b&#62;bank&#60;/b&#62;"');
  expect(response.body).toContain('اختر الملفات مرة أخرى');
});

test('apply without declaration names it', async () => {
  const body = await multipartBody({ procedureCode: 'RC-02', idempotencyKey: randomUUID(), 'form.address': 'حي النخيل', 'form.residentSince': '2019-03-01' }, await applicationFiles());
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('نسخ مطابقة للأصل');
  expect(response.body).toContain('class="field declaration has-error"');
});

test('upload error names the file', async () => {
  const files = await applicationFiles();
  const rejected = { field: 'file:proof-of-address', name: 'lease<1>.pdf', bytes: Buffer.from('plain text, not a PDF'), type: 'application/pdf' };
  const body = await multipartBody({ procedureCode: 'RC-02', idempotencyKey: randomUUID(), 'form.address': 'حي النخيل', 'form.residentSince': '2019-03-01', declaration: 'on' }, [files[0]!, rejected]);
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(415);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(response.body)?.[0] ?? '';
  expect(summary).toContain('href="#file:proof-of-address"');
  expect(summary).toContain('lease&#60;1&#62;.pdf');
  expect(summary).toContain('إثبات العنوان');
  expect(response.body).toContain('id="file:proof-of-address" name="file:proof-of-address"');
  const fieldError = /<p class="field-error" id="file:proof-of-address-error">[\s\S]*?<\/p>/.exec(response.body)?.[0] ?? '';
  expect(fieldError).toContain('<bdi class="file-name">lease&#60;1&#62;.pdf</bdi>');
  expect(response.body).not.toContain('id="file:national-id-error"');
});

test('apply submits and shows the receipt', async () => {
  const key = randomUUID();
  const fields = { procedureCode: 'RC-02', idempotencyKey: key, 'form.address': 'حي النخيل، شارع 12', 'form.residentSince': '2019-03-01', declaration: 'on' };
  const body = await multipartBody(fields, await applicationFiles());
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(303);
  const location = response.headers.location as string;
  expect(location).toMatch(/^\/portal\/dossiers\/[0-9a-f-]{36}\?notice=submitted$/);

  const again = await multipartBody(fields, await applicationFiles());
  const repeated = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...again.headers }, payload: again.payload });
  expect(repeated.headers.location).toBe(location);

  const receipt = await system.stack.app.inject({ url: location, headers: { cookie: citizen } });
  expect(receipt.statusCode).toBe(200);
  expect(receipt.body).toContain('تم استلام طلبك إلكترونياً');
  expect(receipt.body).toMatch(/<bdi dir="ltr">RC-02-\d{4}-\d+<\/bdi>/);
  expect(receipt.body).toContain('من هذه اللحظة يبدأ احتساب مهلة المعالجة');
  expect(receipt.body).toContain('الموعد النهائي');
  expect(receipt.body).toContain('national-id.pdf');
  expect(receipt.body).toContain('href="/api/documents/');
  expect(receipt.body).not.toContain('id="supplement-heading"');

  const list = await system.stack.app.inject({ url: '/portal', headers: { cookie: citizen } });
  expect(list.body).toContain(location.split('?')[0]);
  expect(list.body).toContain('شهادة إقامة');
});

test('supplement form shows when requested', async () => {
  const { db } = system.runtime.ctx;
  const dossier = (await db.query<{ id: string }>("SELECT id FROM dossiers WHERE procedure_code = 'RC-02' LIMIT 1")).rows[0] as { id: string };
  await setDossierStatus(db, dossier.id, 'supplement_requested');
  const page = await system.stack.app.inject({ url: `/portal/dossiers/${dossier.id}`, headers: { cookie: citizen } });
  expect(page.body).toContain('id="supplement-heading"');
  expect(page.body).toContain(`action="/portal/dossiers/${dossier.id}/documents"`);

  const body = await multipartBody({}, []);
  const empty = await system.stack.app.inject({ method: 'POST', url: `/portal/dossiers/${dossier.id}/documents`, headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  expect(empty.statusCode).toBe(400);
  expect(empty.body).toContain('class="error-summary"');
});

test('other citizen gets not found', async () => {
  const { db } = system.runtime.ctx;
  const dossier = (await db.query<{ id: string }>("SELECT id FROM dossiers WHERE procedure_code = 'RC-02' LIMIT 1")).rows[0] as { id: string };
  const other = await signInCookie(system.stack.app, 'citizen2');
  const response = await system.stack.app.inject({ url: `/portal/dossiers/${dossier.id}`, headers: { cookie: other } });
  expect(response.statusCode).toBe(404);
  expect(response.body).toContain('غير موجود');
});
