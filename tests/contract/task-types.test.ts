import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bpmnDir } from '../../src/runtime.ts';
import { workerTypes } from '../../workers/index.ts';

async function diagramTaskTypes(): Promise<Map<string, string[]>> {
  const types = new Map<string, string[]>();
  for (const file of (await readdir(bpmnDir)).filter((name) => name.endsWith('.bpmn'))) {
    const xml = await readFile(path.join(bpmnDir, file), 'utf8');
    for (const match of xml.matchAll(/<zeebe:taskDefinition\b[^>]*\btype="([^"]+)"/g)) {
      const type = match[1] as string;
      types.set(type, [...(types.get(type) ?? []), file]);
    }
  }
  return types;
}

test('every task type in bpmn/ has a worker', async () => {
  const used = await diagramTaskTypes();
  expect(used.size).toBeGreaterThan(0);
  for (const [type, files] of used) {
    expect({ type, files, hasWorker: workerTypes.includes(type) }).toEqual({ type, files, hasWorker: true });
  }
});

test('every worker is used by a diagram', async () => {
  const used = await diagramTaskTypes();
  for (const type of workerTypes) {
    expect({ type, used: used.has(type) }).toEqual({ type, used: true });
  }
});

test('worker task types are unique', () => {
  expect(new Set(workerTypes).size).toBe(workerTypes.length);
});
