// Officer screens through inject(), with the receive and verify workers
// running so dossiers reach real user tasks: the tasklist, the task page
// with the validation report, each task form, counter intake and the SLA board.
import { randomUUID } from 'node:crypto';
import { findDossier } from '../../src/db/dossiers.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie, waitFor } from './support.ts';

let system: TestStack;
let dossierId: string;

beforeAll(async () => {
  system = await startTestStack({ workers: ['receive', 'verify'] });
  const citizen = await signInCookie(system.stack.app, 'citizen1');
  const body = await multipartBody(
    { procedureCode: 'RC-02', idempotencyKey: randomUUID(), 'form.address': 'حي النخيل', 'form.residentSince': '2019-03-01', declaration: 'on' },
    [
      { field: 'file:national-id', name: 'national-id.pdf', bytes: await corpusFile('signatures', 'esig-dss', 'pades-bes.pdf') },
      { field: 'file:proof-of-address', name: 'lease.jpg', bytes: await corpusFile('scans', 'arabic-admin', 'residence-certificate.scan.jpg') },
    ],
  );
  const response = await system.stack.app.inject({ method: 'POST', url: '/portal/apply/RC-02', headers: { cookie: citizen, ...body.headers }, payload: body.payload });
  dossierId = /\/portal\/dossiers\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1] as string;
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

async function openTaskKey(elementId: string): Promise<string> {
  return waitFor(`user task ${elementId}`, async () => {
    const tasks = await system.runtime.ctx.engine.searchUserTasks({ state: 'CREATED', elementId });
    return tasks.find((task) => task.variables['dossierId'] === dossierId)?.userTaskKey;
  });
}

test('tasklist shows the review task', async () => {
  const key = await openTaskKey('ward_officer_check');
  const cookie = await signInCookie(system.stack.app, 'officer.ward1');
  const response = await system.stack.app.inject({ url: '/tasks', headers: { cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain(`href="/tasks/${key}"`);
  expect(response.body).toContain('دراسة المختص');
  expect(response.body).toMatch(/(ساعة|ساعتان|ساعات|دقيقة|دقيقتان|دقائق)/);
});

test('task page shows documents and report', async () => {
  const key = await openTaskKey('ward_officer_check');
  const cookie = await signInCookie(system.stack.app, 'officer.ward1');
  const response = await system.stack.app.inject({ url: `/tasks/${key}`, headers: { cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('أحمد بن علي الغامدي');
  expect(response.body).toContain('عنوان السكن');
  expect(response.body).toContain('تقرير التحقق من التوقيعات');
  expect(response.body).toMatch(/indication-(INDETERMINATE|TOTAL_FAILED|TOTAL_PASSED)/);
  expect(response.body).toContain('مصرّح به ذاتياً');
  expect(response.body).toContain('name="answer" value="supplement"');
});

test('other unit officer gets not found', async () => {
  const key = await openTaskKey('ward_officer_check');
  const cookie = await signInCookie(system.stack.app, 'officer.commerce');
  const response = await system.stack.app.inject({ url: `/tasks/${key}`, headers: { cookie } });
  expect(response.statusCode).toBe(404);
});

test('review without answer shows error', async () => {
  const key = await openTaskKey('ward_officer_check');
  const cookie = await signInCookie(system.stack.app, 'officer.ward1');
  const body = await multipartBody({ note: 'ملاحظة' });
  const response = await system.stack.app.inject({ method: 'POST', url: `/tasks/${key}`, headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="answer-error"');
  expect(response.body).toContain('>ملاحظة</textarea>');
});

test('review continue leads to approval', async () => {
  const key = await openTaskKey('ward_officer_check');
  const cookie = await signInCookie(system.stack.app, 'officer.ward1');
  const body = await multipartBody({ answer: 'continue', note: 'مكتمل' });
  const response = await system.stack.app.inject({ method: 'POST', url: `/tasks/${key}`, headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toMatch(/^\/tasks\?done=RC-02-/);
  await openTaskKey('ward_head_sign');
});

test('rejection without reason fails', async () => {
  const key = await openTaskKey('ward_head_sign');
  const cookie = await signInCookie(system.stack.app, 'head.ward1');
  const body = await multipartBody({ answer: 'rejected', note: '' });
  const response = await system.stack.app.inject({ method: 'POST', url: `/tasks/${key}`, headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('id="note-error"');
  expect(response.body).toContain('value="rejected" required checked');
});

test('approval records the decision', async () => {
  const key = await openTaskKey('ward_head_sign');
  const cookie = await signInCookie(system.stack.app, 'head.ward1');
  const body = await multipartBody({ answer: 'approved' });
  const response = await system.stack.app.inject({ method: 'POST', url: `/tasks/${key}`, headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(303);
  const dossier = await findDossier(system.runtime.ctx.db, dossierId);
  expect(dossier?.decision).toBe('approved');
});

test('counter intake registers a dossier', async () => {
  const cookie = await signInCookie(system.stack.app, 'reception.ward1');
  const form = await system.stack.app.inject({ url: '/counter?procedure=RC-02', headers: { cookie } });
  expect(form.body).toContain('name="paper:national-id"');
  expect(form.body).toContain('name="applicantIdentifier"');

  const scan = await corpusFile('scans', 'arabic-admin', 'residence-certificate.scan.jpg');
  const body = await multipartBody(
    { procedureCode: 'RC-02', idempotencyKey: randomUUID(), applicantIdentifier: '2000000009', applicantName: '<img src=x onerror=alert(1)>', channel: 'counter', 'form.address': 'حي الورود', 'form.residentSince': '2020-01-01' },
    [{ field: 'paper:national-id', name: 'id.jpg', bytes: scan }, { field: 'paper:proof-of-address', name: 'lease.jpg', bytes: scan }],
  );
  const response = await system.stack.app.inject({ method: 'POST', url: '/counter', headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(303);
  const receipt = await system.stack.app.inject({ url: response.headers.location as string, headers: { cookie } });
  expect(receipt.statusCode).toBe(200);
  expect(receipt.body).toContain('مسح لأصل ورقي');
  expect(receipt.body).toContain('مكتب الاستقبال');
});

test('counter error keeps applicant fields', async () => {
  const cookie = await signInCookie(system.stack.app, 'reception.ward1');
  const body = await multipartBody({ procedureCode: 'RC-02', idempotencyKey: randomUUID(), applicantIdentifier: '!!', applicantName: 'ليلى', 'form.address': 'حي الورود' });
  const response = await system.stack.app.inject({ method: 'POST', url: '/counter', headers: { cookie, ...body.headers }, payload: body.payload });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('رقم الهوية أو السجل');
  expect(response.body).toContain('id="applicantIdentifier-error"');
  expect(response.body).toContain('value="ليلى"');
});

test('counter offers own unit procedures only', async () => {
  const cookie = await signInCookie(system.stack.app, 'reception.commerce');

  const page = await system.stack.app.inject({ url: '/counter', headers: { cookie } });
  const body = await multipartBody({ procedureCode: 'RC-02', idempotencyKey: randomUUID(), applicantIdentifier: '2000000091', applicantName: 'ليلى', 'form.address': 'حي الورود' });
  const posted = await system.stack.app.inject({ method: 'POST', url: '/counter', headers: { cookie, ...body.headers }, payload: body.payload });

  expect(page.body).toContain('value="BL-01"');
  expect(page.body).not.toContain('value="RC-02"');
  expect(posted.statusCode).toBe(403);
  expect(posted.body).toContain('الإجراء RC-02 تتولاه جهة أخرى هي «مكتب حي النخيل»');
});

test('sla board marks breached dossiers', async () => {
  const { ctx } = system.runtime;
  const cookie = await signInCookie(system.stack.app, 'supervisor');
  const onTime = await system.stack.app.inject({ url: '/sla', headers: { cookie } });
  expect(onTime.statusCode).toBe(200);
  expect(onTime.body).toContain('مكتب حي النخيل');
  expect(onTime.body).toContain('id="sla-chart-data"');
  expect(onTime.body).toContain('/web/build/web-sla.js');

  const realNow = ctx.now;
  ctx.now = () => new Date(Date.now() + 30 * 24 * 3600_000);
  try {
    const late = await system.stack.app.inject({ url: '/sla', headers: { cookie } });
    expect(late.body).toContain('<tr class="breached">');
    expect(late.body).toContain('متأخرة');
    // The JSON board is read through the same domain function.
    const api = await system.stack.app.inject({ url: '/api/sla', headers: { cookie } });
    const board = api.json() as { units: { open: number; breached: number }[]; dossiers: { breached: boolean }[] };
    expect(api.statusCode).toBe(200);
    expect(board.dossiers.length).toBeGreaterThan(0);
    expect(board.dossiers.every((dossier) => dossier.breached)).toBe(true);
    expect(board.units.reduce((sum, unit) => sum + unit.breached, 0)).toBe(board.dossiers.length);
  } finally {
    ctx.now = realNow;
  }
});
