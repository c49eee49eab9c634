// The OMG BPMN MIWG reference models: each must either deploy or be rejected
// with a DeploymentRejectedError that names every element and its type.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { DeploymentRejectedError } from '../../src/engine/port.ts';
import { openEngineDb, type EngineDb } from './support.ts';

const corpusDir = '../shared/corpus/bpmn-miwg';
const models = readdirSync(corpusDir).filter((name) => name.endsWith('.bpmn')).sort();

let handle: EngineDb;
let engine: EmbeddedEngine;

beforeAll(async () => {
  handle = await openEngineDb('embedded');
  engine = new EmbeddedEngine({ db: handle.db });
});

afterAll(async () => {
  await handle.close();
});

test('corpus has reference models', () => {
  expect(models.length).toBeGreaterThan(5);
});

test.each(models)('MIWG %s deploys or names its problems', async (name) => {
  const xml = readFileSync(path.join(corpusDir, name), 'utf8');
  try {
    const deployed = await engine.deploy([{ name, xml }]);
    expect(deployed.length).toBeGreaterThan(0);
    expect(deployed.every((definition) => definition.version >= 1)).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(DeploymentRejectedError);
    const problems = (error as DeploymentRejectedError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.elementId).not.toBe('?');
      expect(xml).toContain(problem.elementId);
      expect(problem.message).toMatch(/^bpmn:[A-Za-z]+/);
    }
  }
});

test('rejection names each unsupported element', async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:scriptTask id="script" />
    <bpmn:inclusiveGateway id="inclusive" />
    <bpmn:serviceTask id="noType" />
  </bpmn:process>
</bpmn:definitions>`;
  const rejection = await engine.deploy([{ name: 'bad.bpmn', xml }]).catch((error: unknown) => error);
  expect(rejection).toBeInstanceOf(DeploymentRejectedError);
  expect((rejection as DeploymentRejectedError).problems.map((problem) => problem.elementId)).toEqual(['script', 'inclusive', 'noType']);
  expect((rejection as DeploymentRejectedError).problems[0]?.message).toContain('bpmn:ScriptTask');
});

test('identical XML keeps its version', async () => {
  const xml = readFileSync(path.join(import.meta.dirname, 'fixtures', 'linear.bpmn'), 'utf8');
  const [first] = await engine.deploy([{ name: 'linear.bpmn', xml }]);
  const [again] = await engine.deploy([{ name: 'linear.bpmn', xml }]);
  const [changed] = await engine.deploy([{ name: 'linear.bpmn', xml: xml.replace('name="Echo"', 'name="Echo twice"') }]);
  expect(again?.processDefinitionKey).toBe(first?.processDefinitionKey);
  expect(changed?.version).toBe((first?.version ?? 0) + 1);
});
