// Counter intake and the digitization check in a real browser, in the
// Arabic interface. The reception officer registers a residence certificate
// (RC-02) with a two-page TIFF scan and a sealed envelope recorded as a paper
// exception. The upload runs with its progress bar, and the intake page
// follows the real OCR until the scan awaits confirmation. On the task page
// the officer moves the first page down and turns it, saves the edit, and
// confirms that the new version matches; the seal worker then seals it.
// Set SIJILL_SCREENSHOT_DIR to keep a PNG of each screen on the way.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { listDossierDocuments } from '../../src/db/documents.ts';
import { launchBrowser, type TestBrowser } from '../modeler/browser.ts';
import { corpusDir, startTestStack, type TestStack } from '../support/stack.ts';
import { waitFor } from '../web/support.ts';

const screenshotDir = process.env['SIJILL_SCREENSHOT_DIR'];

let system: TestStack;
let browser: TestBrowser;

beforeAll(async () => {
  system = await startTestStack({ workers: ['receive', 'digitize', 'seal', 'verify'] });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 60_000);

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Scrolls each page thumbnail into view (they load lazily) and waits until all have loaded. */
async function loadThumbnails(page: Page): Promise<void> {
  for (const image of await page.locator('li.page img').all()) await image.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('li.page img')].every((image) => image.complete && image.naturalWidth > 0));
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

test('officer edits pages then confirms', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${system.stack.url}/lang/ar?next=/`);
  await signIn(page, 'reception.ward1');

  await page.goto(`${system.stack.url}/counter/batch?procedure=RC-02&count=2`);
  expect(await page.locator('section.batch-dossier').count()).toBe(2);
  await screenshot(page, 'counter-00-batch-form');

  await page.goto(`${system.stack.url}/counter?procedure=RC-02`);
  await page.fill('#applicantIdentifier', '2000000088');
  await page.fill('#applicantName', 'هند العمري');
  await page.fill('input[name="form.address"]', 'حي النخيل، شارع 9');
  await page.fill('input[name="form.residentSince"]', '2017-09-01');
  await page.setInputFiles('input[name="paper:national-id"]', path.join(corpusDir, 'scans', 'arabic-admin', 'fire-safety-and-tax.scan.tif'));
  await page.click('.component:has(input[name="paper:proof-of-address"]) .paper-exception summary');
  await page.selectOption('select[name="exception:proof-of-address"]', 'sealed_envelope');
  await screenshot(page, 'counter-01-intake-form');
  await Promise.all([page.waitForURL(/\/counter\/intake\?dossier=/), page.click('form.application button[type="submit"]')]);
  const dossierId = new URL(page.url()).searchParams.get('dossier') as string;

  // The page polls the status endpoint; no reload is needed to see the OCR finish.
  const idRow = page.locator('tr[data-component="national-id"] .stage');
  await idRow.filter({ hasText: 'بانتظار المطابقة' }).waitFor({ timeout: 90_000 });
  expect(await page.textContent('tr[data-component="proof-of-address"] .stage')).toContain('استثناء');
  await screenshot(page, 'counter-02-intake-progress');

  const taskLink = 'a[href^="/tasks/"]';
  await waitFor('confirm task in the list', async () => {
    await page.goto(`${system.stack.url}/tasks`);
    return (await page.locator(taskLink).count()) > 0 ? true : undefined;
  });
  await page.click(taskLink);
  const editor = page.locator('form[data-page-editor]');
  await editor.locator('li.page img').first().waitFor();
  expect(await editor.locator('li.page').count()).toBe(2);
  await loadThumbnails(page);
  await screenshot(page, 'counter-03-page-editor');

  // Move page 1 down with the script's button, and turn it.
  const firstPage = editor.locator('li.page[data-page="1"]');
  await firstPage.locator('button.move').nth(1).click();
  expect(await editor.locator('li.page').first().getAttribute('data-page')).toBe('2');
  await firstPage.locator('select.rotate').selectOption('90');
  await Promise.all([page.waitForURL(/pages=edited/), editor.locator('button[type="submit"]').click()]);
  expect(await page.textContent('.notice')).toContain('حُفظت تعديلات الصفحات');
  const firstText = await page.textContent('form[data-page-editor] li.page[data-page="1"] pre');
  expect(firstText).toContain('براءة ذمة');
  await loadThumbnails(page);
  const turned = await page.$eval('li.page[data-page="2"] img', (image) => (image as HTMLImageElement).naturalWidth > (image as HTMLImageElement).naturalHeight);
  expect(turned).toBe(true);
  await screenshot(page, 'counter-04-pages-edited');

  await page.check('input[name="answer"][value="matches"]');
  await Promise.all([page.waitForURL(/\/tasks\?done=/), page.click('.task-form button[type="submit"]')]);

  const sealed = await waitFor('sealed document', async () => {
    const documents = await listDossierDocuments(system.runtime.ctx.db, dossierId);
    return documents.find((doc) => doc.kind === 'digitized' && doc.status === 'sealed');
  });
  expect(sealed.page_count).toBe(2);
  expect(sealed.ocr_text?.split('\f')[0]).toContain('براءة ذمة');

  await page.goto(`${system.stack.url}/counter/intake?dossier=${dossierId}`);
  expect(await page.textContent('tr[data-component="national-id"] .stage')).toContain('رُقمن وخُتم');
  await screenshot(page, 'counter-05-intake-done');

  await page.goto(`${system.stack.url}/search?q=${encodeURIComponent('براءه ذمه')}`);
  expect(await page.textContent('ol.hits mark')).toBe('براءة ذمة');
  await screenshot(page, 'counter-06-search');

  await signIn(page, 'supervisor');
  await page.goto(`${system.stack.url}/compliance`);
  expect(await page.textContent('table.exceptions')).toContain('مظروف مختوم');
  await screenshot(page, 'counter-07-compliance');

  await page.goto(`${system.stack.url}/lang/en?next=/compliance`);
  expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  expect(await page.textContent('table.exceptions')).toContain('Sealed envelope');
  await screenshot(page, 'counter-08-compliance-en');
}, 180_000);
