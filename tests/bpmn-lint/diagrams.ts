// Small BPMN diagrams for the lint tests, written as XML so each test shows
// exactly what the analyst would have drawn.

export const knownTaskTypes = ['receive', 'verify', 'digitize', 'seal', 'reuse', 'issue-result', 'notify'];

/** Wraps flow elements in an executable process with the BPMN and Zeebe namespaces. */
export function diagram(body: string, options: { executable?: boolean } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1" targetNamespace="http://sijill.example/bpmn">
  <bpmn:process id="permit" isExecutable="${options.executable ?? true}">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

export function serviceTask(id: string, type: string | undefined): string {
  const definition = type === undefined ? '' : `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;
  return `<bpmn:serviceTask id="${id}">${definition}</bpmn:serviceTask>`;
}

export function userTask(id: string, candidateGroups: string | undefined): string {
  const assignment = candidateGroups === undefined ? '' : `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${candidateGroups}" /></bpmn:extensionElements>`;
  return `<bpmn:userTask id="${id}">${assignment}</bpmn:userTask>`;
}

export function endEvent(id: string, outcome?: string): string {
  const properties = outcome === undefined
    ? ''
    : `<bpmn:extensionElements><zeebe:properties><zeebe:property name="sijill:outcome" value="${outcome}" /></zeebe:properties></bpmn:extensionElements>`;
  return `<bpmn:endEvent id="${id}">${properties}</bpmn:endEvent>`;
}

export function flow(source: string, target: string, id = `${source}_to_${target}`): string {
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
}

/** start → receive → issue → end: a diagram that passes every rule. */
export const cleanBody = [
  '<bpmn:startEvent id="start" />',
  serviceTask('receive', 'receive'),
  serviceTask('issue', 'issue-result'),
  endEvent('end'),
  flow('start', 'receive'),
  flow('receive', 'issue'),
  flow('issue', 'end'),
].join('\n');
