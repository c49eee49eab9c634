// Counter intake through inject() on a real PostgreSQL database, with the
// receive, digitize (real OCR), seal and verify workers running. A residence
// certificate (RC-02) is registered with a two-page TIFF scan and a paper
// exception. The tests then follow the intake progress, the page editor with
// thumbnails, a page edit stored as a new document version, the confirmation
// that seals it, search over the OCR text, and the compliance indicator.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listAuditEvents } from '../../src/db/audit.ts';
import { listDossierPaperExceptions } from '../../src/db/counter-exceptions.ts';
import { findDocument, listDossierDocuments, type DocumentRow } from '../../src/db/documents.ts';
import { findDossierByIdempotencyKey } from '../../src/db/dossiers.ts';
import { verifyAuditChain } from '../../src/domain/audit.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie, waitFor } from '../web/support.ts';

const verapdf = path.resolve('.tools/verapdf/verapdf');

let system: TestStack;
let reception: string;
let dossierId: string;
let tiff: Uint8Array;

beforeAll(async () => {
  system = await startTestStack({ workers: ['receive', 'digitize', 'seal', 'verify'] });
  reception = await signInCookie(system.stack.app, 'reception.ward1');
  tiff = await corpusFile('scans', 'arabic-admin', 'fire-safety-and-tax.scan.tif');
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

function counterFields(extra: Record<string, string>): Record<string, string> {
  return {
    procedureCode: 'RC-02', idempotencyKey: randomUUID(), applicantIdentifier: '2000000077', applicantName: 'سلمى الراشد', channel: 'counter',
    'form.address': 'حي النخيل، شارع 4', 'form.residentSince': '2018-05-01', ...extra,
  };
}

async function postCounter(fields: Record<string, string>, withScan: boolean) {
  const body = await multipartBody(fields, withScan ? [{ field: 'paper:national-id', name: 'id-card.tif', bytes: tiff }] : []);
  return system.stack.app.inject({ method: 'POST', url: '/counter', headers: { cookie: reception, ...body.headers }, payload: body.payload });
}

async function confirmTaskKey(): Promise<string> {
  return waitFor('confirm-digitization task', async () => {
    const tasks = await system.runtime.ctx.engine.searchUserTasks({ state: 'CREATED', elementId: 'confirm_digitization' });
    return tasks.find((task) => task.variables['dossierId'] === dossierId)?.userTaskKey;
  }, 90_000);
}

async function awaitingDocument(): Promise<DocumentRow> {
  const documents = await listDossierDocuments(system.runtime.ctx.db, dossierId);
  const awaiting = documents.find((doc) => doc.kind === 'digitized' && doc.status === 'awaiting_confirmation');
  if (!awaiting) throw new Error('no digitized document awaits confirmation');
  return awaiting;
}

test('counter form offers exceptions', async () => {
  const response = await system.stack.app.inject({ url: '/counter?procedure=RC-02', headers: { cookie: reception } });
  expect(response.body).toContain('name="paper:national-id" type="file" multiple');
  expect(response.body).toContain('name="exception:proof-of-address"');
  expect(response.body).toContain('value="sealed_envelope"');
  expect(response.body).toContain('data-upload-progress');
  expect(response.body).toContain('name="ocrLanguage:national-id"');
  expect(response.body).toContain('<option value="auto" selected>اكتشاف تلقائي</option>');
});

test('unknown OCR language is shown at its scan', async () => {
  const fields = counterFields({ 'ocrLanguage:national-id': 'klingon', 'exception:proof-of-address': 'fragile', 'exceptionNote:proof-of-address': 'ورق ممزق' });
  const response = await postCounter(fields, true);
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="paper:national-id-error"');
  expect(response.body).toContain('لغة التعرّف الضوئي «klingon»');
  expect(await findDossierByIdempotencyKey(system.runtime.ctx.db, fields['idempotencyKey'] as string)).toBeNull();
});

test('exception without note is rejected', async () => {
  const fields = counterFields({ 'exception:proof-of-address': 'other' });
  const response = await postCounter(fields, true);
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="paper:proof-of-address-error"');
  expect(response.body).toContain('اكتب توضيحاً لسبب عدم رقمنة');
  expect(response.body).toContain('value="other" selected');
  expect(await findDossierByIdempotencyKey(system.runtime.ctx.db, fields['idempotencyKey'] as string)).toBeNull();
});

test('scan plus exception is rejected', async () => {
  const fields = counterFields({ 'exception:national-id': 'fragile', 'exception:proof-of-address': 'oversized' });
  const response = await postCounter(fields, true);
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="paper:national-id-error"');
});

test('missing scan needs an exception', async () => {
  const response = await postCounter(counterFields({}), true);
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="paper:proof-of-address-error"');
});

test('counter submit records exception', async () => {
  const fields = counterFields({ 'exception:proof-of-address': 'fragile', 'exceptionNote:proof-of-address': 'ورق ممزق' });
  const response = await postCounter(fields, true);
  expect(response.statusCode).toBe(303);
  const match = /^\/counter\/intake\?dossier=([0-9a-f-]{36})$/.exec(response.headers.location as string);
  expect(match).not.toBeNull();
  dossierId = match?.[1] as string;

  const exceptions = await listDossierPaperExceptions(system.runtime.ctx.db, dossierId);
  expect(exceptions.map((row) => [row.component_code, row.reason, row.note])).toEqual([['proof-of-address', 'fragile', 'ورق ممزق']]);
  const actions = (await listAuditEvents(system.runtime.ctx.db, dossierId)).map((event) => event.action);
  expect(actions).toEqual(expect.arrayContaining(['dossier.submitted', 'document.paper_exception_recorded']));

  const page = await system.stack.app.inject({ url: response.headers.location as string, headers: { cookie: reception } });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('استثناء: لم يُرقمن');
  expect(page.body).toContain('data-intake-poll="/counter/intake/status?dossier=');
}, 60_000);

test('intake status reaches confirmation', async () => {
  const status = await waitFor('digitized national ID', async () => {
    const response = await system.stack.app.inject({ url: `/counter/intake/status?dossier=${dossierId}`, headers: { cookie: reception, 'accept-language': 'en' } });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { dossiers: Array<{ done: boolean; components: Array<{ componentCode: string; stage: string; step: number }> }> };
    return body.dossiers[0]?.components.find((component) => component.componentCode === 'national-id')?.stage === 'awaiting_confirmation' ? body : undefined;
  }, 90_000);
  const components = status.dossiers[0]?.components ?? [];
  expect(components.find((component) => component.componentCode === 'proof-of-address')).toMatchObject({ stage: 'exception', step: 4 });
  // The procedure's order, whatever the order the documents were stored in.
  expect(components.map((component) => component.componentCode)).toEqual(['national-id', 'proof-of-address']);
  expect(status.dossiers[0]?.done).toBe(false);
}, 100_000);

test('task page shows page editor', async () => {
  const key = await confirmTaskKey();
  const doc = await awaitingDocument();
  const response = await system.stack.app.inject({ url: `/tasks/${key}`, headers: { cookie: reception } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain(`action="/tasks/${key}/documents/${doc.id}/pages"`);
  expect(response.body).toContain(`src="/counter/documents/${doc.id}/pages/2"`);
  expect(response.body).toContain('name="rotate.2"');
  expect(response.body).toContain('براءة ذمة');
  // No language was chosen, so it was detected from the first page.
  expect(doc.ocr_languages).toBe('ara+eng');
  expect(response.body).toContain('لغات التعرّف الضوئي: العربية + الإنجليزية (اكتُشفت من الصفحة الأولى)');
  // A rescan gets its OCR language list too.
  expect(response.body).toContain('<select id="ocrLanguage:national-id" name="ocrLanguage:national-id"');

  const image = await system.stack.app.inject({ url: `/counter/documents/${doc.id}/pages/1`, headers: { cookie: reception } });
  expect(image.statusCode).toBe(200);
  expect(image.headers['content-type']).toBe('image/png');
  expect(image.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
}, 100_000);

test('thumbnail hidden from other units', async () => {
  const doc = await awaitingDocument();
  const other = await signInCookie(system.stack.app, 'officer.commerce');
  const response = await system.stack.app.inject({ url: `/counter/documents/${doc.id}/pages/1`, headers: { cookie: other } });
  expect(response.statusCode).toBe(404);
  const outside = await system.stack.app.inject({ url: `/counter/documents/${doc.id}/pages/3`, headers: { cookie: reception } });
  expect(outside.statusCode).toBe(404);
});

test('page edit stores new version', async () => {
  const key = await confirmTaskKey();
  const before = await awaitingDocument();
  const [firstPage, secondPage] = (before.ocr_text ?? '').split('\f');
  const response = await system.stack.app.inject({
    method: 'POST',
    url: `/tasks/${key}/documents/${before.id}/pages`,
    headers: { cookie: reception, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ 'position.1': '2', 'rotate.1': '90', 'position.2': '1', 'rotate.2': '0' }).toString(),
  });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toMatch(new RegExp(`^/tasks/${key}\\?pages=edited#doc-`));

  const edited = await awaitingDocument();
  expect(edited.id).not.toBe(before.id);
  expect(edited.source_document_id).toBe(before.id);
  expect(edited.page_count).toBe(2);
  expect(edited.ocr_text).toBe(`${secondPage}\f${firstPage}`);
  expect(edited.ocr_languages).toBe(before.ocr_languages);
  expect(edited.sha256).not.toBe(before.sha256);
  expect((await findDocument(system.runtime.ctx.db, before.id))?.status).toBe('superseded');

  const event = (await listAuditEvents(system.runtime.ctx.db, dossierId)).find((row) => row.action === 'document.pages_edited');
  expect(event?.subject).toBe(edited.id);
  expect(event?.details).toMatchObject({ previous: before.sha256, edited: edited.sha256, pages: [{ sourcePage: 2, rotation: 0 }, { sourcePage: 1, rotation: 90 }] });
  expect(await verifyAuditChain(system.runtime.ctx.db)).toBeNull();

  const page = await system.stack.app.inject({ url: response.headers.location as string, headers: { cookie: reception } });
  expect(page.body).toContain('حُفظت تعديلات الصفحات');
}, 60_000);

(existsSync(verapdf) ? test : test.skip)('edited version is PDF/A-2b', async () => {
  const edited = await awaitingDocument();
  const file = path.join(os.tmpdir(), `sijill-counter-${process.pid}.pdf`);
  writeFileSync(file, await system.runtime.ctx.blobs.get(edited.sha256));
  try {
    const run = spawnSync(verapdf, ['--flavour', '2b', file], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('isCompliant="true"');
  } finally {
    rmSync(file, { force: true });
  }
}, 60_000);

test('stale page edit is rejected', async () => {
  const key = await confirmTaskKey();
  const superseded = (await listDossierDocuments(system.runtime.ctx.db, dossierId)).find((doc) => doc.kind === 'digitized' && doc.status === 'superseded');
  const response = await system.stack.app.inject({
    method: 'POST',
    url: `/tasks/${key}/documents/${superseded?.id}/pages`,
    headers: { cookie: reception, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ 'position.1': '1', 'position.2': '2', 'remove.2': 'on' }).toString(),
  });
  expect(response.statusCode).toBe(409);
  expect(response.body).toContain('لا يمكن تعديل صفحات هذا المستند');
});

test('removing every page is rejected', async () => {
  const key = await confirmTaskKey();
  const doc = await awaitingDocument();
  const response = await system.stack.app.inject({
    method: 'POST',
    url: `/tasks/${key}/documents/${doc.id}/pages`,
    headers: { cookie: reception, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ 'remove.1': 'on', 'remove.2': 'on' }).toString(),
  });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('تعديل الصفحات غير صالح');
  expect((await awaitingDocument()).id).toBe(doc.id);
});

test('confirmation seals edited version', async () => {
  const key = await confirmTaskKey();
  const edited = await awaitingDocument();
  const body = await multipartBody({ answer: 'matches' });
  const response = await system.stack.app.inject({ method: 'POST', url: `/tasks/${key}`, headers: { cookie: reception, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(303);
  const sealed = await waitFor('sealed document', async () => {
    const documents = await listDossierDocuments(system.runtime.ctx.db, dossierId);
    return documents.find((doc) => doc.kind === 'digitized' && doc.status === 'sealed');
  });
  expect(sealed.source_document_id).toBe(edited.id);
  expect(sealed.ocr_text).toBe(edited.ocr_text);
  // The seal's own report is stored, so the officer's view shows the seal and its verdict.
  expect(sealed.validation_report).toMatchObject([{ indication: 'TOTAL_PASSED', signer: { commonName: 'مكتب حي النخيل' } }]);

  const status = await system.stack.app.inject({ url: `/counter/intake/status?dossier=${dossierId}`, headers: { cookie: reception } });
  expect(status.json()).toMatchObject({ dossiers: [{ done: true }] });
}, 60_000);

test('search finds normalized OCR text', async () => {
  const officer = await signInCookie(system.stack.app, 'officer.ward1');
  const response = await system.stack.app.inject({ url: `/search?q=${encodeURIComponent('براءه ذمه')}`, headers: { cookie: officer } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain(`href="/portal/dossiers/${dossierId}"`);
  expect(response.body).toMatch(/<mark>براءة ذمة<\/mark>/);

  const byName = await system.stack.app.inject({ url: '/search?q=id-card', headers: { cookie: officer } });
  expect(byName.body).toContain('id-card.pdf');
});

test('search hides other units', async () => {
  const other = await signInCookie(system.stack.app, 'officer.commerce');
  const response = await system.stack.app.inject({ url: `/search?q=${encodeURIComponent('براءة ذمة')}`, headers: { cookie: other } });
  expect(response.statusCode).toBe(200);
  expect(response.body).not.toContain(dossierId);
  expect(response.body).toContain('لا نتائج');
});

test('compliance counts the exception', async () => {
  const supervisor = await signInCookie(system.stack.app, 'supervisor');
  const today = new Date().toLocaleDateString('en-CA', { timeZone: system.runtime.ctx.config.SIJILL_TIMEZONE });
  const response = await system.stack.app.inject({ url: `/api/compliance?from=${today}&to=${today}`, headers: { cookie: supervisor } });
  expect(response.statusCode).toBe(200);
  const report = response.json() as { units: Array<{ unit: { id: string }; received: number; digitizedSealed: number; exceptions: number; digitizedShare: number | null }>; exceptions: Array<Record<string, unknown>> };
  expect(report.units.find((row) => row.unit.id === 'ward-1')).toMatchObject({ received: 2, digitizedSealed: 1, pending: 0, exceptions: 1, digitizedShare: 50 });
  expect(report.units.find((row) => row.unit.id === 'commerce')).toMatchObject({ received: 0, digitizedShare: null });
  expect(report.exceptions).toEqual([expect.objectContaining({ dossierId, componentCode: 'proof-of-address', reason: 'fragile', note: 'ورق ممزق', officer: expect.objectContaining({ name: 'يوسف الدوسري' }) })]);

  const page = await system.stack.app.inject({ url: `/compliance?from=${today}&to=${today}`, headers: { cookie: supervisor } });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('أصل هشّ لا يحتمل المسح');
  expect(page.body).toContain('50%');
});

test('compliance rejects reversed period', async () => {
  const supervisor = await signInCookie(system.stack.app, 'supervisor');
  const response = await system.stack.app.inject({ url: '/api/compliance?from=2026-12-31&to=2026-12-01', headers: { cookie: supervisor } });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'counter.period_invalid' });
  const officer = await system.stack.app.inject({ url: '/api/compliance', headers: { cookie: reception } });
  expect(officer.statusCode).toBe(404);
});
