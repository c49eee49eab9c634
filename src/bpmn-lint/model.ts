// Read-only access to a parsed BPMN diagram (a bpmn-moddle element tree, as
// bpmn-moddle returns it in Node and bpmn-js keeps it in the browser), typed
// only as far as the lint needs it. Zeebe extension elements are read from
// `extensionElements.values` by their moddle type (`zeebe:TaskDefinition`…).

export interface BpmnElement {
  readonly $type: string;
  readonly $parent?: BpmnElement;
  id?: string;
  name?: string;
  $instanceOf(type: string): boolean;
}

interface ZeebeProperty {
  name?: string;
  value?: string;
}

/** Name of the zeebe:property on an end event that records how the dossier ends. */
export const outcomePropertyName = 'sijill:outcome';

/** Values of `sijill:outcome`: `issued` (the default) ends well, the others close the dossier without a result. */
export const endOutcomes = ['issued', 'rejected', 'withdrawn', 'expired'] as const;

export function listOf(element: BpmnElement, property: string): BpmnElement[] {
  const value = (element as unknown as Record<string, unknown>)[property];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

export function referenceOf(element: BpmnElement, property: string): BpmnElement | undefined {
  const value = (element as unknown as Record<string, unknown>)[property];
  return typeof value === 'object' && value !== null ? (value as BpmnElement) : undefined;
}

export function attributeOf(element: BpmnElement, property: string): unknown {
  return (element as unknown as Record<string, unknown>)[property];
}

export function rootElements(definitions: BpmnElement): BpmnElement[] {
  return listOf(definitions, 'rootElements');
}

export function processesOf(definitions: BpmnElement): BpmnElement[] {
  return rootElements(definitions).filter((element) => element.$instanceOf('bpmn:Process'));
}

/** Returns every flow element of a process, sub-processes included, depth first. */
export function allFlowElements(container: BpmnElement): BpmnElement[] {
  const result: BpmnElement[] = [];
  for (const element of listOf(container, 'flowElements')) {
    result.push(element);
    if (element.$instanceOf('bpmn:SubProcess')) result.push(...allFlowElements(element));
  }
  return result;
}

export function extensionValues(element: BpmnElement, type: string): BpmnElement[] {
  const extensionElements = referenceOf(element, 'extensionElements');
  if (!extensionElements) return [];
  return listOf(extensionElements, 'values').filter((value) => value.$type === type);
}

/** Returns the `zeebe:taskDefinition type`, trimmed, or undefined when it is absent or blank. */
export function taskTypeOf(element: BpmnElement): string | undefined {
  const definition = extensionValues(element, 'zeebe:TaskDefinition')[0];
  const type = definition ? attributeOf(definition, 'type') : undefined;
  return typeof type === 'string' && type.trim() !== '' ? type.trim() : undefined;
}

/** Returns the candidate groups of a user task as written (a comma-separated list or a FEEL expression), or undefined when blank. */
export function candidateGroupsOf(element: BpmnElement): string | undefined {
  const assignment = extensionValues(element, 'zeebe:AssignmentDefinition')[0];
  const groups = assignment ? attributeOf(assignment, 'candidateGroups') : undefined;
  return typeof groups === 'string' && groups.trim() !== '' ? groups.trim() : undefined;
}

export function zeebePropertyOf(element: BpmnElement, name: string): string | undefined {
  for (const properties of extensionValues(element, 'zeebe:Properties')) {
    const match = (listOf(properties, 'properties') as unknown as ZeebeProperty[]).find((property) => property.name === name);
    if (match) return match.value ?? '';
  }
  return undefined;
}

/** Returns the short event definition names of an event, e.g. ['timer'] for bpmn:TimerEventDefinition, or [] for a none event. */
export function eventDefinitionKinds(element: BpmnElement): string[] {
  return listOf(element, 'eventDefinitions').map((definition) =>
    definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase(),
  );
}

export function isEventSubProcess(element: BpmnElement): boolean {
  return element.$instanceOf('bpmn:SubProcess') && attributeOf(element, 'triggeredByEvent') === true;
}

export function elementIdOf(element: BpmnElement): string {
  return element.id ?? '';
}
