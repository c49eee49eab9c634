// The paperless flow in a real browser, in the Arabic interface: a citizen
// applies for a residence certificate (RC-02) with a signed PDF and a scan
// from the corpus, the ward officer and the ward head complete their tasks,
// and the citizen downloads the signed result, which pdfsig (poppler)
// accepts against the demo PKI. Runs the whole stack: server, engine and
// every worker on 127.0.0.1.
// Set SIJILL_SCREENSHOT_DIR to keep a PNG of each screen on the way.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../modeler/browser.ts';
import { corpusDir, startTestStack, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);
const screenshotDir = process.env['SIJILL_SCREENSHOT_DIR'];

let system: TestStack;
let browser: TestBrowser;
let workDir: string;
/** The receipt page of the dossier the first test submits, which the layout test reopens. */
let receiptUrl = '';

beforeAll(async () => {
  system = await startTestStack();
  browser = await launchBrowser();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'sijill-browser-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 60_000);

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${system.stack.url}/`);
  const signOut = page.locator('form[action="/sign-out"] button');
  if (await signOut.count() > 0) {
    await signOut.click();
    await page.waitForURL(`${system.stack.url}/`);
  }
  await page.fill('#username', username);
  await page.fill('#password', 'sijill-demo');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button[type="submit"]')]);
}

/** Reloads `url` until `selector` appears: workers move the dossier on in the background. */
async function openWhenReady(page: Page, url: string, selector: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    if (await page.locator(selector).count() > 0) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear on ${url} within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
}

async function completeTask(page: Page, username: string, reference: string, answer: string, shot: string): Promise<void> {
  await signIn(page, username);
  const link = `tr:has-text("${reference}") a[href^="/tasks/"]`;
  await openWhenReady(page, `${system.stack.url}/tasks`, link);
  await screenshot(page, `${shot}-tasks`);
  await page.click(link);
  await page.check(`input[name="answer"][value="${answer}"]`);
  await screenshot(page, `${shot}-task`);
  await Promise.all([page.waitForURL(/\/tasks\?done=/), page.click('.task-form button[type="submit"]')]);
}

test('citizen receives a signed result', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${system.stack.url}/lang/ar?next=/`);
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  await screenshot(page, '01-home');

  await signIn(page, 'citizen1');
  expect(page.url()).toBe(`${system.stack.url}/portal`);
  await page.goto(`${system.stack.url}/portal/apply/RC-02`);
  await page.fill('input[name="form.address"]', 'حي النخيل، شارع الملك فهد، مبنى 12');
  await page.fill('input[name="form.residentSince"]', '2019-03-01');
  await page.setInputFiles('input[name="file:national-id"]', path.join(corpusDir, 'signatures', 'esig-dss', 'pades-bes.pdf'));
  await page.setInputFiles('input[name="file:proof-of-address"]', path.join(corpusDir, 'scans', 'arabic-admin', 'residence-certificate.scan.jpg'));
  await page.check('input[name="declaration"]');
  await screenshot(page, '02-apply');
  await Promise.all([page.waitForURL(/\/portal\/dossiers\/[0-9a-f-]{36}/), page.click('form.application button[type="submit"]')]);

  receiptUrl = page.url().split('?')[0] as string;
  const reference = (await page.textContent('.receipt .reference'))?.trim() ?? '';
  expect(reference).toMatch(/^RC-02-\d{4}-\d+$/);
  expect(await page.textContent('.receipt')).toContain('من هذه اللحظة يبدأ احتساب مهلة المعالجة');
  await screenshot(page, '03-receipt');

  await completeTask(page, 'officer.ward1', reference, 'continue', '04-review');
  await completeTask(page, 'head.ward1', reference, 'approved', '05-approval');

  await signIn(page, 'citizen1');
  await openWhenReady(page, receiptUrl, '.result a[download]', 90_000);
  await screenshot(page, '06-result');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.result a[download]')]);
  const resultPath = path.join(workDir, 'result.pdf');
  await download.saveAs(resultPath);

  const nssDir = path.join(workDir, 'nss');
  await mkdir(nssDir);
  await run('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  await run('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'sijill-demo-root', '-t', 'CT,C,C', '-i', path.join(system.runtime.ctx.pkiDir, 'root-ca.cert.pem')]);
  const { stdout } = await run('pdfsig', ['-nssdir', `sql:${nssDir}`, resultPath]);
  expect(stdout).toContain('Signature Validation: Signature is Valid.');
  expect(stdout).toContain('Certificate Validation: Certificate is Trusted.');

  await page.goto(`${system.stack.url}/portal`);
  expect(await page.textContent('table.dossiers')).toContain(reference);
  await screenshot(page, '07-portal');
}, 150_000);

/** Widths of the layout checks: a desktop window and a phone held upright. */
const viewports = [{ name: 'desktop', width: 1400, height: 850 }, { name: 'phone', width: 390, height: 844 }];

test('screens fit desktop and phone', async () => {
  expect(receiptUrl).not.toBe('');
  const page = await browser.context.newPage();
  for (const lang of ['ar', 'en']) {
    await page.goto(`${system.stack.url}/lang/${lang}?next=/`);
    for (const viewport of viewports) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await signIn(page, 'citizen1');
      await page.goto(receiptUrl);
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        topbarWidth: document.querySelector('.topbar')?.getBoundingClientRect().width ?? 0,
        bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
        headingFontSize: parseFloat(getComputedStyle(document.querySelector('h1') as Element).fontSize),
      }));
      expect(`${lang} ${viewport.name} ${layout.pageWidth}`).toBe(`${lang} ${viewport.name} ${viewport.width}`);
      expect(layout.topbarWidth).toBe(viewport.width);
      expect(layout.headingFontSize).toBeGreaterThan(layout.bodyFontSize * 1.2);
      await screenshot(page, `08-receipt-${lang}-${viewport.name}`);

      await page.goto(`${system.stack.url}/portal`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
      await screenshot(page, `09-portal-${lang}-${viewport.name}`);

      await signIn(page, 'analyst');
      await page.goto(`${system.stack.url}/modeler`);
      await page.waitForFunction(() => window.sijillModeler !== undefined);
      await page.evaluate(() => window.sijillModeler?.ready);
      expect(await page.locator('.topbar form[action="/sign-out"]').count()).toBe(1);
      await screenshot(page, `10-modeler-${lang}-${viewport.name}`);
    }
  }
  await page.close();
}, 120_000);

test('favicon is served', async () => {
  const icon = await fetch(`${system.stack.url}/web/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  const legacy = await fetch(`${system.stack.url}/favicon.ico`);
  expect(legacy.status).toBe(204);
});
