import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDiagram, type LintProblem } from '../../src/bpmn-lint/index.ts';
import { cleanBody, diagram, endEvent, flow, knownTaskTypes, serviceTask, userTask } from './diagrams.ts';

const miwgDir = path.resolve('../shared/corpus/bpmn-miwg');

async function lint(xml: string): Promise<LintProblem[]> {
  return lintDiagram(xml, { knownTaskTypes });
}

function summarize(problems: LintProblem[]): string[] {
  return problems.map((problem) => `${problem.rule} ${problem.elementId}`);
}

/** start → receive → gateway → (issue → end | endRejected) */
function gatewayBody(rejectedEnd: string): string {
  return [
    '<bpmn:startEvent id="start" />',
    serviceTask('receive', 'receive'),
    '<bpmn:exclusiveGateway id="decide" />',
    serviceTask('issue', 'issue-result'),
    endEvent('end'),
    rejectedEnd,
    flow('start', 'receive'),
    flow('receive', 'decide'),
    flow('decide', 'issue'),
    flow('issue', 'end'),
    flow('decide', 'endRejected'),
  ].join('\n');
}

test('clean diagram has no problems', async () => {
  expect(await lint(diagram(cleanBody))).toEqual([]);
});

test('service task without type', async () => {
  const xml = diagram(cleanBody.replace(serviceTask('receive', 'receive'), serviceTask('receive', undefined)));
  expect(summarize(await lint(xml))).toEqual(['task-type-missing receive']);
});

test('service task with unknown type', async () => {
  const xml = diagram(cleanBody.replace(serviceTask('receive', 'receive'), serviceTask('receive', 'scan-paper')));
  const problems = await lint(xml);
  expect(summarize(problems)).toEqual(['task-type-unknown receive']);
  expect(problems[0]?.params['type']).toBe('scan-paper');
  expect(problems[0]?.messageKey).toBe('modeler.lint.task-type-unknown');
});

test('good end reached without issue-result', async () => {
  const problems = await lint(diagram(gatewayBody(endEvent('endRejected'))));
  expect(summarize(problems)).toEqual(['issue-result-bypassed endRejected']);
  expect(problems[0]?.params['path']).toBe('start → receive → decide → endRejected');
});

test('rejected end may skip issue-result', async () => {
  expect(await lint(diagram(gatewayBody(endEvent('endRejected', 'rejected'))))).toEqual([]);
});

test('error end may skip issue-result', async () => {
  const errorEnd = '<bpmn:endEvent id="endRejected"><bpmn:errorEventDefinition /></bpmn:endEvent>';
  expect(await lint(diagram(gatewayBody(errorEnd)))).toEqual([]);
});

test('unknown outcome is reported', async () => {
  const problems = await lint(diagram(gatewayBody(endEvent('endRejected', 'rejectd'))));
  expect(summarize(problems)).toEqual(['outcome-unknown endRejected']);
  expect(problems[0]?.params['outcome']).toBe('rejectd');
});

test('loop back before issue-result', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    serviceTask('verify', 'verify'),
    '<bpmn:exclusiveGateway id="complete" />',
    userTask('supplement', 'reception'),
    serviceTask('issue', 'issue-result'),
    endEvent('end'),
    flow('start', 'verify'),
    flow('verify', 'complete'),
    flow('complete', 'supplement'),
    flow('supplement', 'verify'),
    flow('complete', 'issue'),
    flow('issue', 'end'),
  ].join('\n');
  expect(await lint(diagram(body))).toEqual([]);
});

test('issue-result inside a sub-process counts', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    '<bpmn:subProcess id="handling">',
    '  <bpmn:startEvent id="handlingStart" />',
    `  ${serviceTask('issue', 'issue-result')}`,
    `  ${endEvent('handlingEnd')}`,
    `  ${flow('handlingStart', 'issue')}`,
    `  ${flow('issue', 'handlingEnd')}`,
    '</bpmn:subProcess>',
    endEvent('end'),
    flow('start', 'handling'),
    flow('handling', 'end'),
  ].join('\n');
  expect(await lint(diagram(body))).toEqual([]);
});

test('timer boundary on sub-process bypasses', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    '<bpmn:subProcess id="handling">',
    '  <bpmn:startEvent id="handlingStart" />',
    `  ${serviceTask('issue', 'issue-result')}`,
    `  ${endEvent('handlingEnd')}`,
    `  ${flow('handlingStart', 'issue')}`,
    `  ${flow('issue', 'handlingEnd')}`,
    '</bpmn:subProcess>',
    '<bpmn:boundaryEvent id="slaTimer" attachedToRef="handling"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>',
    endEvent('end'),
    endEvent('endLate'),
    flow('start', 'handling'),
    flow('handling', 'end'),
    flow('slaTimer', 'endLate'),
  ].join('\n');
  expect(summarize(await lint(diagram(body)))).toEqual(['issue-result-bypassed endLate']);
});

test('non-interrupting branch end is not judged', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    userTask('review', 'officers'),
    '<bpmn:boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>',
    serviceTask('notify', 'notify'),
    endEvent('reminded'),
    serviceTask('issue', 'issue-result'),
    endEvent('end'),
    flow('start', 'review'),
    flow('review', 'issue'),
    flow('issue', 'end'),
    flow('reminder', 'notify'),
    flow('notify', 'reminded'),
  ].join('\n');
  expect(await lint(diagram(body))).toEqual([]);
});

test('interrupting event sub-process end is judged', async () => {
  const body = [
    cleanBody,
    '<bpmn:subProcess id="withdrawal" triggeredByEvent="true">',
    '  <bpmn:startEvent id="withdrawn"><bpmn:messageEventDefinition /></bpmn:startEvent>',
    `  ${endEvent('withdrawnEnd')}`,
    `  ${flow('withdrawn', 'withdrawnEnd')}`,
    '</bpmn:subProcess>',
  ].join('\n');
  const pathProblems = async (xml: string): Promise<string[]> =>
    summarize((await lint(xml)).filter((problem) => problem.rule === 'issue-result-bypassed'));
  expect(await pathProblems(diagram(body))).toEqual(['issue-result-bypassed withdrawnEnd']);
  expect(await pathProblems(diagram(body.replace(endEvent('withdrawnEnd'), endEvent('withdrawnEnd', 'withdrawn'))))).toEqual([]);
});

test('user task without candidate groups', async () => {
  const body = cleanBody.replace(serviceTask('receive', 'receive'), userTask('receive', undefined));
  expect(summarize(await lint(diagram(body)))).toEqual(['candidate-groups-missing receive']);
  expect(await lint(diagram(cleanBody.replace(serviceTask('receive', 'receive'), userTask('receive', 'reception'))))).toEqual([]);
});

test('elements the engine does not run', async () => {
  const body = cleanBody
    .replace(serviceTask('receive', 'receive'), '<bpmn:task id="receive" />')
    .replace('<bpmn:startEvent id="start" />', '<bpmn:startEvent id="start"><bpmn:signalEventDefinition /></bpmn:startEvent>');
  const problems = await lint(diagram(body));
  expect(summarize(problems)).toEqual(['element-unsupported start', 'element-unsupported receive']);
  expect(problems[0]?.params['kind']).toBe('bpmn:StartEvent (signal)');
});

test('multi-instance and send tasks are unsupported', async () => {
  const body = cleanBody
    .replace(serviceTask('receive', 'receive'), '<bpmn:sendTask id="receive" />')
    .replace(serviceTask('issue', 'issue-result'), `<bpmn:serviceTask id="issue">
      <bpmn:extensionElements><zeebe:taskDefinition type="issue-result" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics />
    </bpmn:serviceTask>`);
  const problems = await lint(diagram(body));
  expect(summarize(problems)).toEqual(['element-unsupported receive', 'element-unsupported issue']);
  expect(problems[1]?.params['kind']).toBe('bpmn:ServiceTask (loop or multi-instance)');
});

test('process not executable', async () => {
  expect(summarize(await lint(diagram(cleanBody, { executable: false })))).toEqual(['process-not-executable Definitions_1']);
});

test('malformed XML is one problem', async () => {
  const problems = await lint('<bpmn:definitions');
  expect(summarize(problems)).toEqual(['xml-invalid ']);
  expect(problems[0]?.params['detail']).toEqual(expect.any(String));
});

test('reference models lint without crashing', async () => {
  for (const file of readdirSync(miwgDir).filter((name) => name.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(miwgDir, file), 'utf8');
    const problems = await lint(xml);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(`${file} ${problem.elementId}`).toBe(`${file} ${xml.includes(`id="${problem.elementId}"`) ? problem.elementId : '(missing)'}`);
    }
  }
});
