import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createBpmnModdle } from '../../src/bpmn-lint/moddle.ts';
import { collectIds, findLosses, idsInXml, parseToTree } from './element-tree.ts';

const miwgDir = path.resolve('../shared/corpus/bpmn-miwg');
const files = readdirSync(miwgDir).filter((name) => name.endsWith('.bpmn')).sort();

test('corpus has the reference models', () => {
  expect(files).toHaveLength(10);
});

test.each(files)('round trip keeps %s', async (file) => {
  const original = readFileSync(path.join(miwgDir, file), 'utf8');
  const moddle = createBpmnModdle();
  const { rootElement } = await moddle.fromXML(original, 'bpmn:Definitions');
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });

  const before = await parseToTree(original);
  const after = await parseToTree(saved);
  expect(after).toEqual(before);

  const ids = collectIds(after);
  expect(new Set(ids)).toEqual(new Set(idsInXml(original)));
  expect(idsInXml(saved).length).toBe(idsInXml(original).length);
});

test('comparison sees a lost waypoint', async () => {
  const original = readFileSync(path.join(miwgDir, 'A.1.0.bpmn'), 'utf8');
  const damaged = original.replace(/<di:waypoint [^>]*\/>/, '');
  expect(damaged).not.toBe(original);
  expect(await parseToTree(damaged)).not.toEqual(await parseToTree(original));
});

test('comparison sees a changed attribute', async () => {
  const original = readFileSync(path.join(miwgDir, 'C.7.0.bpmn'), 'utf8');
  const damaged = original.replace('triso:name="D', 'triso:name="X');
  expect(damaged).not.toBe(original);
  expect(await parseToTree(damaged)).not.toEqual(await parseToTree(original));
});

test('round trip keeps zeebe extensions', async () => {
  const original = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:serviceTask id="seal">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="seal" retries="5" />
        <zeebe:taskHeaders><zeebe:header key="profile" value="PAdES-B-LT" /></zeebe:taskHeaders>
        <zeebe:ioMapping>
          <zeebe:input source="=dossierId" target="dossierId" />
          <zeebe:output source="=sealedDocumentId" target="resultId" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="review">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="licensing-officers" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="end">
      <bpmn:extensionElements>
        <zeebe:properties><zeebe:property name="sijill:outcome" value="rejected" /></zeebe:properties>
      </bpmn:extensionElements>
    </bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
  const moddle = createBpmnModdle();
  const { rootElement } = await moddle.fromXML(original, 'bpmn:Definitions');
  const { xml: saved } = await moddle.toXML(rootElement, { format: true });
  expect(await parseToTree(saved)).toEqual(await parseToTree(original));
  expect(saved).toContain('zeebe:taskDefinition type="seal" retries="5"');
  expect(saved).toContain('candidateGroups="licensing-officers"');
});

test('loss check allows additions only', async () => {
  const original = readFileSync(path.join(miwgDir, 'A.2.0.bpmn'), 'utf8');
  const before = await parseToTree(original);
  const added = await parseToTree(original.replace(/<bpmndi:BPMNShape /, '<bpmndi:BPMNShape isMarkerVisible="true" '));
  expect(findLosses(before, added)).toEqual([]);
  const moved = await parseToTree(original.replace(/<di:waypoint x="(\d+)/, '<di:waypoint x="9$1'));
  expect(findLosses(before, moved)).toHaveLength(1);
  const [lostLine] = findLosses(before, await parseToTree(original.replace(/<bpmndi:BPMNEdge [\s\S]*?<\/bpmndi:BPMNEdge>/, '')));
  expect(lostLine).toMatch(/element lost$/);
});
