// Home, sign-in, language switch and public verification, through inject()
// on the whole app with a real PostgreSQL database.
import { randomUUID } from 'node:crypto';
import { upsertAccount } from '../../src/db/city.ts';
import { insertDocument } from '../../src/db/documents.ts';
import { hashPassword } from '../../src/domain/passwords.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { signInCookie } from './support.ts';

let system: TestStack;

beforeAll(async () => {
  system = await startTestStack({ workers: [] });
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

test('home page is Arabic right-to-left', async () => {
  const response = await system.stack.app.inject({ url: '/' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('<html lang="ar" dir="rtl">');
  expect(response.body).toContain('تسجيل الدخول');
  expect(response.body).toContain('شهادة إقامة');
  expect(response.body).toContain('<bdi dir="ltr">RC-02</bdi>');
});

test('english browser still gets Arabic', async () => {
  // Screens are Arabic first: only the language switch (cookie) or ?lang= chooses English.
  const response = await system.stack.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
  const chosen = await system.stack.app.inject({ url: '/', headers: { 'accept-language': 'en-US', cookie: 'lang=en' } });

  expect(response.body).toContain('<html lang="ar" dir="rtl">');
  expect(chosen.body).toContain('<html lang="en" dir="ltr">');
});

test('home page in English', async () => {
  const response = await system.stack.app.inject({ url: '/?lang=en' });
  expect(response.body).toContain('<html lang="en" dir="ltr">');
  expect(response.body).toContain('Residence certificate');
  expect(response.body).toContain('href="/lang/ar?next=%2F%3Flang%3Den"');
});

test('language switch sets cookie and returns', async () => {
  const response = await system.stack.app.inject({ url: '/lang/en?next=%2Fportal%3Flang%3Dar%26x%3D1' });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/portal?x=1');
  expect(response.cookies.find((cookie) => cookie.name === 'lang')?.value).toBe('en');

  const english = await system.stack.app.inject({ url: '/', cookies: { lang: 'en' } });
  expect(english.body).toContain('dir="ltr"');
});

test('language switch ignores foreign next', async () => {
  const response = await system.stack.app.inject({ url: '/lang/ar?next=%2F%2Fevil.example%2F' });
  expect(response.headers.location).toBe('/');
});

test('sign-in sends citizen to portal', async () => {
  const response = await system.stack.app.inject({
    method: 'POST', url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'username=citizen1&password=sijill-demo',
  });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/portal');
  expect(response.cookies.some((cookie) => cookie.name === 'sijill_session')).toBe(true);
});

test('sign-in failure keeps username', async () => {
  const response = await system.stack.app.inject({
    method: 'POST', url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'username=citizen1&password=wrong',
  });
  expect(response.statusCode).toBe(401);
  expect(response.body).toContain('اسم المستخدم أو كلمة المرور غير صحيحة');
  expect(response.body).toContain('value="citizen1"');
});

test('sign-in from another origin rejected', async () => {
  const response = await system.stack.app.inject({
    method: 'POST', url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
    payload: 'username=citizen1&password=sijill-demo',
  });
  expect(response.statusCode).toBe(404);
  expect(response.cookies.some((cookie) => cookie.name === 'sijill_session')).toBe(false);
});

test('protected page redirects to sign-in', async () => {
  const response = await system.stack.app.inject({ url: '/portal' });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/?next=%2Fportal#sign-in');
});

test('hostile display name is escaped', async () => {
  const { db } = system.runtime.ctx;
  await upsertAccount(db, {
    id: randomUUID(), username: 'hostile', password_hash: await hashPassword('hostile-password'),
    display_name: '<script>alert(1)</script>', roles: ['supervisor'], unit_id: 'city', applicant_id: null,
  });
  const cookie = await signInCookie(system.stack.app, 'hostile', 'hostile-password');
  const response = await system.stack.app.inject({ url: '/sla', headers: { cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.body).not.toContain('<script>alert(1)</script>');
  expect(response.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
});

test('nav shows links of the roles', async () => {
  const cookie = await signInCookie(system.stack.app, 'reception.ward1');
  const response = await system.stack.app.inject({ url: '/tasks', headers: { cookie } });
  expect(response.body).toContain('href="/tasks"');
  expect(response.body).toContain('href="/counter"');
  expect(response.body).not.toContain('href="/sla"');
  expect(response.body).toContain('يوسف الدوسري');
  expect(response.body).toContain('action="/sign-out"');
});

test('citizen cannot open the tasklist', async () => {
  const cookie = await signInCookie(system.stack.app, 'citizen1');
  const response = await system.stack.app.inject({ url: '/tasks', headers: { cookie } });
  expect(response.statusCode).toBe(404);
  expect(response.body).toContain('dir="rtl"');
});

test('verify page reports unknown code', async () => {
  const response = await system.stack.app.inject({ url: '/verify/0123456789AB' });
  expect(response.statusCode).toBe(404);
  expect(response.body).toContain('لا توجد وثيقة صادرة بهذا الرمز');
});

test('verify page shows an issued result', async () => {
  const { db } = system.runtime.ctx;
  const applicant = (await db.query<{ id: string }>("SELECT id FROM applicants WHERE identifier = '1000000001'")).rows[0];
  await insertDocument(db, {
    id: randomUUID(), dossier_id: null, applicant_id: applicant?.id as string, component_code: null, kind: 'result',
    sha256: 'a'.repeat(64), media_type: 'application/pdf', byte_size: 1000, file_name: 'result.pdf', page_count: 1,
    source_document_id: null, status: 'issued', declaration: null, created_by: null, verification_code: 'ABCDEF012345',
  });
  const response = await system.stack.app.inject({ url: '/verify/ABCDEF012345' });
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('الوثيقة صادرة عن المدينة');
  expect(response.body).toContain('a'.repeat(64));
  expect(response.body).toContain('href="/api/verify/ABCDEF012345/content"');
});

test('verify form redirects to the code page', async () => {
  const response = await system.stack.app.inject({ url: '/verify?code=abcdef012345' });
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/verify/ABCDEF012345');
});

test('stylesheet is served', async () => {
  const response = await system.stack.app.inject({ url: '/web/sijill.css' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/css');
});
