import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { allFlowElements, processesOf, taskTypeOf } from '../../src/bpmn-lint/model.ts';
import { createBpmnModdle } from '../../src/bpmn-lint/moddle.ts';
import { cleanBody, diagram } from '../bpmn-lint/diagrams.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { findLosses, parseToTree } from './element-tree.ts';
import { createModelerServer, type ModelerServer } from './server.ts';

const miwgDir = path.resolve('../shared/corpus/bpmn-miwg');
const miwgFile = path.join(miwgDir, 'C.7.0.bpmn');
let server: ModelerServer;
let browser: TestBrowser;
let baseUrl: string;

beforeAll(async () => {
  await buildWeb();
  server = await createModelerServer();
  baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchBrowser();
  await browser.context.addCookies([{ name: 'analyst', value: 'yes', url: baseUrl }]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openModeler(query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/modeler${query}`);
  await page.waitForFunction(() => window.sijillModeler !== undefined);
  await page.evaluate(() => window.sijillModeler?.ready);
  expect(errors).toEqual([]);
  return page;
}

/** Adds diagram interchange (a row of shapes) so bpmn-js can draw a diagram written for the lint tests. */
function withShapes(xml: string, processId: string, elementIds: string[]): string {
  const shapes = elementIds
    .map((id, index) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${100 + index * 150}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`)
    .join('');
  const interchange = `<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;
  return xml
    .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ')
    .replace('</bpmn:definitions>', `${interchange}</bpmn:definitions>`);
}

async function savedXml(page: Page): Promise<string> {
  return page.evaluate(async () => (await window.sijillModeler!.modeler.saveXML({ format: true })).xml ?? '');
}

test('page is Arabic RTL by default', async () => {
  const page = await openModeler();
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.getAttribute('html', 'lang')).toBe('ar');
  expect(await page.textContent('button[data-action="deploy"]')).toBe('نشر');
  expect(await page.getAttribute('.djs-palette [data-action="create.start-event"]', 'aria-label')).toBe('إنشاء حدث بداية');
  await page.close();
});

test('opened reference model saves without loss', async () => {
  const page = await openModeler();
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));

  const downloadPromise = page.waitForEvent('download');
  await page.click('button[data-action="download-bpmn"]');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('C.7.0.bpmn');
  const downloaded = await readFile((await download.path())!, 'utf8');

  const original = await readFile(miwgFile, 'utf8');
  expect(findLosses(await parseToTree(original), await parseToTree(downloaded))).toEqual([]);

  const screenshot = path.join(os.tmpdir(), 'sijill-modeler-rtl.png');
  await page.screenshot({ path: screenshot });
  await page.close();
});

test('every reference model round-trips in bpmn-js', async () => {
  const page = await openModeler();
  for (const file of readdirSync(miwgDir).filter((name) => name.endsWith('.bpmn')).sort()) {
    const original = await readFile(path.join(miwgDir, file), 'utf8');
    const saved = await page.evaluate(async (xml) => {
      const { modeler } = window.sijillModeler!;
      await modeler.importXML(xml);
      return (await modeler.saveXML({ format: true })).xml ?? '';
    }, original);
    const losses = findLosses(await parseToTree(original), await parseToTree(saved));
    expect(`${file}: ${losses.slice(0, 5).join('; ')}`).toBe(`${file}: `);
  }
  await page.close();
});

test('canvas chrome is fully translated', async () => {
  const page = await openModeler();
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
  const missing = await page.evaluate(async () => {
    const { modeler, missingTranslations } = window.sijillModeler!;
    const registry = modeler.get<{ filter(predicate: (element: { type: string }) => boolean): { type: string }[] }>('elementRegistry');
    const selection = modeler.get<{ select(element: unknown): void }>('selection');
    const contextPad = modeler.get<{ open(element: unknown, force: boolean): void }>('contextPad');
    const popupMenu = modeler.get<{ open(element: unknown, id: string, position: { x: number; y: number }): void; close(): void }>('popupMenu');
    for (const type of ['bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:ExclusiveGateway', 'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:SequenceFlow']) {
      const [element] = registry.filter((candidate) => candidate.type === type);
      if (!element) throw new Error(`C.7.0 has no ${type}`);
      selection.select(element);
      contextPad.open(element, true);
      popupMenu.open(element, 'bpmn-replace', { x: 100, y: 100 });
      popupMenu.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [...missingTranslations];
  });
  expect(missing).toEqual([]);
  await page.close();
});

test('task type dropdown writes the type', async () => {
  const page = await openModeler();
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
  const taskId = await page.evaluate(() => {
    const { modeler } = window.sijillModeler!;
    const [task] = modeler.get<{ filter(predicate: (element: { type: string }) => boolean): { id: string }[] }>('elementRegistry')
      .filter((element) => element.type === 'bpmn:ServiceTask');
    if (!task) throw new Error('C.7.0 has no service task');
    modeler.get<{ select(element: unknown): void }>('selection').select(task);
    return task.id;
  });

  const select = page.locator('[data-entry-id="sijillTaskType"] select');
  expect(await page.textContent('[data-entry-id="sijillTaskType"] label')).toBe('نوع المهمة في سِجِلّ');
  expect(await select.inputValue()).toBe('');
  await select.selectOption('seal');

  const { rootElement } = await createBpmnModdle().fromXML(await savedXml(page), 'bpmn:Definitions');
  const [process] = processesOf(rootElement);
  const task = allFlowElements(process!).find((element) => element.id === taskId);
  expect(task && taskTypeOf(task)).toBe('seal');
  await page.close();
});

test('language switch keeps the diagram', async () => {
  const page = await openModeler();
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
  const before = await savedXml(page);

  await page.click('a[data-action="switch-language"]');
  await page.waitForURL(/lang=en/);
  await page.waitForFunction(() => window.sijillModeler !== undefined);
  await page.evaluate(() => window.sijillModeler?.ready);
  expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  expect(await page.textContent('button[data-action="deploy"]')).toBe('Deploy');
  expect(await parseToTree(await savedXml(page))).toEqual(await parseToTree(before));
  await page.close();
});

test('opened diagram fits beside palette', async () => {
  for (const lang of ['ar', 'en']) {
    const page = await openModeler(`?lang=${lang}`);
    await page.setInputFiles('input[data-action="open-file"]', miwgFile);
    await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
    const misplaced = await page.evaluate(() => {
      const canvas = document.getElementById('sj-canvas')!.getBoundingClientRect();
      const palette = document.querySelector('.djs-palette')!.getBoundingClientRect();
      const ids: string[] = [];
      for (const shape of document.querySelectorAll<SVGGElement>('.djs-element.djs-shape')) {
        const box = shape.getBoundingClientRect();
        const inCanvas = box.left >= canvas.left && box.right <= canvas.right && box.top >= canvas.top && box.bottom <= canvas.bottom;
        const overPalette = box.left < palette.right && box.right > palette.left && box.top < palette.bottom && box.bottom > palette.top;
        if (!inCanvas || overPalette) ids.push(shape.dataset['elementId'] ?? '?');
      }
      return ids;
    });
    expect(`${lang}: ${misplaced.join(', ')}`).toBe(`${lang}: `);
    await page.close();
  }
});

test('english toolbar uses sans font', async () => {
  const page = await openModeler('?lang=en');
  const font = await page.evaluate(() => getComputedStyle(document.querySelector('button[data-action="deploy"]')!).fontFamily);
  expect(font.startsWith('"Noto Sans"')).toBe(true);
  const panel = await page.evaluate(() => {
    const header = document.querySelector('.bio-properties-panel-group-header.empty')!.getBoundingClientRect();
    const add = document.querySelector('.bio-properties-panel-group-header.empty .bio-properties-panel-add-entry')!.getBoundingClientRect();
    return { headerEnd: header.right, addEnd: add.right };
  });
  expect(panel.headerEnd - panel.addEnd).toBeLessThan(24);
  await page.close();
});

test('validate lists problems and selects', async () => {
  const page = await openModeler('?lang=en');
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
  await page.click('button[data-action="validate"]');

  const items = page.locator('#sj-problems li button');
  expect(await items.count()).toBeGreaterThan(0);
  const candidateGroupsProblem = items.filter({ hasText: 'names no candidate groups' }).first();
  const elementId = await candidateGroupsProblem.getAttribute('data-element-id');
  await candidateGroupsProblem.click();
  const selected = await page.evaluate(() => window.sijillModeler!.modeler.get<{ get(): { id: string }[] }>('selection').get().map((element) => element.id));
  expect(selected).toEqual([elementId]);
  await page.close();
});

test('deploy shows the new version', async () => {
  const page = await openModeler('?lang=en');
  const xml = withShapes(diagram(cleanBody).replace('id="permit"', 'id="browser_permit"'), 'browser_permit', ['start', 'receive', 'issue', 'end']);
  await page.evaluate((diagramXml) => window.sijillModeler!.modeler.importXML(diagramXml), xml);
  await page.click('button[data-action="deploy"]');
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.startsWith('Deployed'));
  expect(await page.textContent('#sj-status')).toBe('Deployed \u2068browser_permit\u2069 as version \u20681\u2069.');
  await page.close();
});

test('deploy lists lint problems', async () => {
  const page = await openModeler('?lang=en');
  await page.setInputFiles('input[data-action="open-file"]', miwgFile);
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.includes('C.7.0.bpmn'));
  await page.click('button[data-action="deploy"]');
  await page.waitForFunction(() => document.getElementById('sj-status')?.textContent?.startsWith('Deployment failed'));
  expect(await page.locator('#sj-problems li').count()).toBeGreaterThan(0);
  await page.close();
});
