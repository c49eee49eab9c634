import { lintDiagram } from '../../src/bpmn-lint/index.ts';
import { checkResource } from '../../src/engine/embedded/deploy.ts';
import { diagram, knownTaskTypes, serviceTask } from './diagrams.ts';

// Every element kind the lint accepts, written as the engine needs it
// (timers with a duration, messages with a correlation key, conditions on
// the flows of an exclusive gateway, <outgoing> references).
const everyKind = `
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:receiveTask id="waitForFee" messageRef="feePaid"><bpmn:outgoing>f2</bpmn:outgoing></bpmn:receiveTask>
  <bpmn:intermediateCatchEvent id="coolingOff"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="supplement"><bpmn:outgoing>f4</bpmn:outgoing><bpmn:messageEventDefinition messageRef="supplementReceived" /></bpmn:intermediateCatchEvent>
  <bpmn:parallelGateway id="split"><bpmn:outgoing>f5</bpmn:outgoing><bpmn:outgoing>f6</bpmn:outgoing></bpmn:parallelGateway>
  ${serviceTask('verify', 'verify')}
  <bpmn:userTask id="review">
    <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="officers" /></bpmn:extensionElements>
    <bpmn:outgoing>f8</bpmn:outgoing>
  </bpmn:userTask>
  <bpmn:parallelGateway id="join"><bpmn:outgoing>f9</bpmn:outgoing></bpmn:parallelGateway>
  <bpmn:subProcess id="handling">
    <bpmn:outgoing>f10</bpmn:outgoing>
    <bpmn:startEvent id="handlingStart" />
    ${serviceTask('issue', 'issue-result')}
    <bpmn:endEvent id="handlingEnd" />
    <bpmn:sequenceFlow id="h1" sourceRef="handlingStart" targetRef="issue" />
    <bpmn:sequenceFlow id="h2" sourceRef="issue" targetRef="handlingEnd" />
  </bpmn:subProcess>
  <bpmn:boundaryEvent id="slaTimer" attachedToRef="handling"><bpmn:outgoing>f11</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
  <bpmn:boundaryEvent id="illegible" attachedToRef="verify"><bpmn:outgoing>f12</bpmn:outgoing><bpmn:errorEventDefinition errorRef="illegibleError" /></bpmn:boundaryEvent>
  <bpmn:exclusiveGateway id="decide" default="f13"><bpmn:outgoing>f13</bpmn:outgoing><bpmn:outgoing>f14</bpmn:outgoing></bpmn:exclusiveGateway>
  <bpmn:endEvent id="end" />
  <bpmn:endEvent id="refused">
    <bpmn:extensionElements><zeebe:properties><zeebe:property name="sijill:outcome" value="rejected" /></zeebe:properties></bpmn:extensionElements>
  </bpmn:endEvent>
  <bpmn:endEvent id="late">
    <bpmn:extensionElements><zeebe:properties><zeebe:property name="sijill:outcome" value="expired" /></zeebe:properties></bpmn:extensionElements>
    <bpmn:terminateEventDefinition />
  </bpmn:endEvent>
  <bpmn:endEvent id="failed"><bpmn:errorEventDefinition errorRef="illegibleError" /></bpmn:endEvent>
  <bpmn:dataObjectReference id="applicationFormReference" dataObjectRef="applicationForm" />
  <bpmn:dataObject id="applicationForm" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitForFee" />
  <bpmn:sequenceFlow id="f2" sourceRef="waitForFee" targetRef="coolingOff" />
  <bpmn:sequenceFlow id="f3" sourceRef="coolingOff" targetRef="supplement" />
  <bpmn:sequenceFlow id="f4" sourceRef="supplement" targetRef="split" />
  <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="verify" />
  <bpmn:sequenceFlow id="f6" sourceRef="split" targetRef="review" />
  <bpmn:sequenceFlow id="f7" sourceRef="verify" targetRef="join" />
  <bpmn:sequenceFlow id="f8" sourceRef="review" targetRef="join" />
  <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="decide" />
  <bpmn:sequenceFlow id="f13" sourceRef="decide" targetRef="handling" />
  <bpmn:sequenceFlow id="f14" sourceRef="decide" targetRef="refused"><bpmn:conditionExpression>=refused</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f10" sourceRef="handling" targetRef="end" />
  <bpmn:sequenceFlow id="f11" sourceRef="slaTimer" targetRef="late" />
  <bpmn:sequenceFlow id="f12" sourceRef="illegible" targetRef="failed" />`;

const messages = `
  <bpmn:message id="feePaid" name="fee-paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=dossierId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="supplementReceived" name="supplement-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=dossierId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:error id="illegibleError" errorCode="DOCUMENT_ILLEGIBLE" />`;

function everyKindDiagram(): string {
  return diagram(everyKind).replace('</bpmn:definitions>', `${messages}\n</bpmn:definitions>`);
}

test('every accepted kind passes the lint', async () => {
  expect(await lintDiagram(everyKindDiagram(), { knownTaskTypes })).toEqual([]);
});

test('embedded engine runs every accepted kind', async () => {
  await expect(checkResource({ name: 'every-kind.bpmn', xml: everyKindDiagram() })).resolves.toEqual(['permit']);
});
