import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDiagram } from '../../src/bpmn-lint/index.ts';
import { bpmnDir } from '../../src/runtime.ts';
import { workerTypes } from '../../workers/index.ts';

const diagrams = readdirSync(bpmnDir).filter((name) => name.endsWith('.bpmn')).sort();

test('procedure diagrams exist', () => {
  expect(diagrams.length).toBeGreaterThan(0);
});

test.each(diagrams)('%s passes the paperless lint', async (file) => {
  const problems = await lintDiagram(readFileSync(path.join(bpmnDir, file), 'utf8'), { knownTaskTypes: workerTypes });
  expect(problems).toEqual([]);
});
