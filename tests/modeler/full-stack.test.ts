// The modeler inside the whole system: the analyst signs in, opens a
// deployed procedure through the page, validates it and deploys a new
// version while a running dossier keeps its own, all under the app's
// security headers (CSP).
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';

/** English name of the BL-01 procedure in bpmn/BL-01.procedure.json. */
const businessLicenceName = 'Retail business licence';

let system: TestStack;
let browser: TestBrowser;

beforeAll(async () => {
  await buildWeb();
  system = await startTestStack({ workers: [] });
  browser = await launchBrowser();
  const signIn = await system.stack.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'analyst', password: 'sijill-demo' } });
  expect(signIn.statusCode).toBe(200);
  await browser.context.addCookies(signIn.cookies.map((cookie) => ({ name: cookie.name, value: cookie.value, url: system.stack.url })));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
}, 60_000);

/** Ids of the drawn shapes that lie outside the canvas or overlap the palette. */
async function shapesOutsideFreeCanvas(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.getElementById('sj-canvas')!.getBoundingClientRect();
    const palette = document.querySelector('.djs-palette')!.getBoundingClientRect();
    const outside: string[] = [];
    for (const shape of document.querySelectorAll<SVGGElement>('.djs-element.djs-shape')) {
      const box = shape.getBoundingClientRect();
      const inCanvas = box.left >= canvas.left && box.right <= canvas.right && box.top >= canvas.top && box.bottom <= canvas.bottom;
      const overPalette = box.left < palette.right && box.right > palette.left && box.top < palette.bottom && box.bottom > palette.top;
      if (!inCanvas || overPalette) outside.push(shape.dataset['elementId'] ?? '?');
    }
    return outside;
  });
}

async function statusText(page: Page): Promise<string> {
  return ((await page.textContent('#sj-status')) ?? '').replace(/[\u2066-\u2069]/g, '');
}

test('deployed list names the procedure', async () => {
  const cookie = (await browser.context.cookies(system.stack.url)).map((item) => `${item.name}=${item.value}`).join('; ');
  const response = await system.stack.app.inject({ url: '/api/process-definitions', headers: { cookie } });
  expect(response.statusCode).toBe(200);
  const definitions = (response.json() as { processDefinitions: { bpmnProcessId: string; procedure?: { code: string; name: { en: string } } }[] }).processDefinitions;
  const licence = definitions.find((definition) => definition.bpmnProcessId === 'procedure_bl_01');
  expect(licence?.procedure?.code).toBe('BL-01');
  expect(licence?.procedure?.name.en).toBe(businessLicenceName);
});

test('analyst redeploys a procedure', async () => {
  const engine = system.runtime.ctx.engine;
  const [deployed] = await engine.listProcessDefinitions('procedure_bl_01');
  expect(deployed?.version).toBe(1);
  const running = await engine.createProcessInstance({ bpmnProcessId: 'procedure_bl_01', variables: { dossierId: 'modeler-test' } });

  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${system.stack.url}/modeler?lang=en`);
  await page.evaluate(() => window.sijillModeler?.ready);

  expect(await page.locator('.topbar form[action="/sign-out"]').count()).toBe(1);
  await page.click('button[data-action="open-deployed"]');
  const entry = page.locator('#sj-deployed button[data-process-definition-key]:has-text("BL-01")');
  expect((await entry.textContent())?.replace(/[\u2066-\u2069]/g, '')).toBe(`${businessLicenceName} (BL-01) · version 1`);
  await entry.click();
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('BL-01.bpmn'));
  expect(await shapesOutsideFreeCanvas(page)).toEqual([]);

  await page.click('button[data-action="validate"]');
  expect(await page.textContent('.sj-problems-summary')).toBe('No problems: the diagram can be deployed.');

  await page.click('button[data-action="deploy"]');
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.startsWith('Deployed'));
  expect(await statusText(page)).toBe('Deployed procedure_bl_01 as version 2.');
  expect(errors).toEqual([]);

  const instance = await engine.getProcessInstance(running.processInstanceKey);
  expect(instance?.version).toBe(1);
  await page.close();
});
