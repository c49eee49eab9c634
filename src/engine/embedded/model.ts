// The process model of a deployed diagram as the embedded engine needs it.
// bpmn-moddle parses the XML with the zeebe extension (zeebe-bpmn-moddle).
// readProcessModel then indexes what bpmn-engine does not interpret itself:
// job types and headers, input/output mappings, user task assignment,
// message subscriptions and which boundary events catch which error codes.
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';

// Loaded with require because Jest's ESM loader does not honour import attributes.
const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** A bpmn-moddle element; properties depend on `$type`. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export interface ParsedDiagram {
  definitions: ModdleElement;
  /** bpmn-moddle's parse result, which bpmn-engine serializes into its own model. */
  moddleContext: unknown;
  warnings: string[];
}

export interface Mapping {
  /** FEEL expression (without the leading '=') or a literal. */
  source: string;
  target: string;
}

export interface ElementModel {
  id: string;
  type: string;
  name: string;
  /** Id of the enclosing sub-process; null at process level. */
  scopeId: string | null;
  inputs: Mapping[];
  outputs: Mapping[];
  job?: { type: string; retries: number; customHeaders: Record<string, string> };
  userTask?: { candidateGroups: string[]; assignee: string | null; formKey: string | null; customHeaders: Record<string, string> };
  message?: { name: string; correlationKey: string };
  /** Outgoing sequence flows: the target element and whether the flow has a condition. */
  outgoing: { targetId: string; conditional: boolean }[];
  /** Whether the element is an event without event definitions (a none start or end event). */
  isNoneEvent: boolean;
  /** For boundary error events: the caught error code; null catches every code. */
  catchesErrorCode?: string | null;
  attachedToId?: string;
}

/**
 * A move of a process's only token that bpmn-engine need not run: from a
 * service task (or the none start event) along its one unconditional
 * sequence flow to a service task or a none end event (see hops.ts).
 */
export interface PlainHop {
  fromId: string;
  target: ElementModel;
  /** True when the target is a none end event at process level: the hop completes the instance. */
  ends: boolean;
}

export interface ProcessModel {
  bpmnProcessId: string;
  elements: Map<string, ElementModel>;
  hasTimers: boolean;
  hasMessages: boolean;
  hasUserTasks: boolean;
  /** Plain hops by source element id; filled by planPlainHops (hops.ts). */
  plainHops: Map<string, PlainHop>;
  /** The plain hop from the process's none start event to its first service task, if there is one. */
  plainStart: PlainHop | null;
}

const moddle = new BpmnModdle({ zeebe: zeebeSchema });

export async function parseDiagram(xml: string): Promise<ParsedDiagram> {
  const result = (await moddle.fromXML(xml)) as unknown as { rootElement: ModdleElement; warnings: { message: string }[] };
  return { definitions: result.rootElement, moddleContext: result, warnings: result.warnings.map((warning) => warning.message) };
}

export function listProcesses(definitions: ModdleElement): ModdleElement[] {
  return children(definitions, 'rootElements').filter((element) => element.$type === 'bpmn:Process');
}

export function children(element: ModdleElement, property: string): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const extensionElements = element.extensionElements as ModdleElement | undefined;
  return extensionElements ? children(extensionElements, 'values').find((value) => value.$type === type) : undefined;
}

export function eventDefinitions(element: ModdleElement): ModdleElement[] {
  return children(element, 'eventDefinitions');
}

/** Builds the engine's index of one process of a parsed diagram. */
export function readProcessModel(process: ModdleElement): ProcessModel {
  const model: ProcessModel = {
    bpmnProcessId: process.id ?? '', elements: new Map(), hasTimers: false, hasMessages: false, hasUserTasks: false,
    plainHops: new Map(), plainStart: null,
  };
  indexScope(model, process, null);
  return model;
}

function indexScope(model: ProcessModel, scope: ModdleElement, scopeId: string | null): void {
  for (const element of children(scope, 'flowElements')) {
    if (!element.id || element.$type === 'bpmn:SequenceFlow') continue;
    const io = extension(element, 'zeebe:IoMapping');
    const entry: ElementModel = {
      id: element.id,
      type: element.$type,
      name: element.name ?? element.id,
      scopeId,
      inputs: io ? readMappings(children(io, 'inputParameters')) : [],
      outputs: io ? readMappings(children(io, 'outputParameters')) : [],
      outgoing: [],
      isNoneEvent: element.$type.endsWith('Event') && eventDefinitions(element).length === 0,
    };
    const taskDefinition = extension(element, 'zeebe:TaskDefinition');
    if (element.$type === 'bpmn:ServiceTask' && taskDefinition) {
      entry.job = {
        type: String(taskDefinition.type ?? ''),
        retries: Number.parseInt(String(taskDefinition.retries ?? '3'), 10) || 3,
        customHeaders: readHeaders(element),
      };
    }
    if (element.$type === 'bpmn:UserTask') {
      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      const form = extension(element, 'zeebe:FormDefinition');
      entry.userTask = {
        candidateGroups: splitList(assignment?.candidateGroups),
        assignee: typeof assignment?.assignee === 'string' && assignment.assignee !== '' ? assignment.assignee : null,
        formKey: readFormKey(form),
        customHeaders: readHeaders(element),
      };
      model.hasUserTasks = true;
    }
    const messageRef = messageOf(element);
    if (messageRef) {
      const subscription = extension(messageRef, 'zeebe:Subscription');
      entry.message = { name: String(messageRef.name ?? messageRef.id), correlationKey: String(subscription?.correlationKey ?? '') };
      model.hasMessages = true;
    }
    if (eventDefinitions(element).some((definition) => definition.$type === 'bpmn:TimerEventDefinition')) model.hasTimers = true;
    if (element.$type === 'bpmn:BoundaryEvent') {
      const attachedTo = element.attachedToRef as ModdleElement | undefined;
      if (attachedTo?.id) entry.attachedToId = attachedTo.id;
      const errorDefinition = eventDefinitions(element).find((definition) => definition.$type === 'bpmn:ErrorEventDefinition');
      if (errorDefinition) {
        const errorRef = errorDefinition.errorRef as ModdleElement | undefined;
        entry.catchesErrorCode = errorRef && typeof errorRef.errorCode === 'string' ? errorRef.errorCode : null;
      }
    }
    model.elements.set(element.id, entry);
    if (element.$type === 'bpmn:SubProcess') indexScope(model, element, element.id);
  }
  // Read from the flows themselves: <bpmn:outgoing> on the source element is optional in the XML.
  for (const flow of children(scope, 'flowElements')) {
    if (flow.$type !== 'bpmn:SequenceFlow') continue;
    const source = model.elements.get((flow.sourceRef as ModdleElement | undefined)?.id ?? '');
    const targetId = (flow.targetRef as ModdleElement | undefined)?.id;
    if (source && targetId) source.outgoing.push({ targetId, conditional: flow.conditionExpression !== undefined });
  }
}

/** Returns the bpmn:Message a receive task or message catch event waits for. */
export function messageOf(element: ModdleElement): ModdleElement | undefined {
  if (element.$type === 'bpmn:ReceiveTask') return element.messageRef as ModdleElement | undefined;
  if (element.$type !== 'bpmn:IntermediateCatchEvent') return undefined;
  const definition = eventDefinitions(element).find((candidate) => candidate.$type === 'bpmn:MessageEventDefinition');
  return definition?.messageRef as ModdleElement | undefined;
}

function readFormKey(form: ModdleElement | undefined): string | null {
  if (typeof form?.formKey === 'string') return form.formKey;
  if (typeof form?.formId === 'string') return form.formId;
  return null;
}

function readMappings(parameters: ModdleElement[]): Mapping[] {
  return parameters.map((parameter) => ({ source: String(parameter.source ?? ''), target: String(parameter.target ?? '') }));
}

function readHeaders(element: ModdleElement): Record<string, string> {
  const headers: Record<string, string> = {};
  const taskHeaders = extension(element, 'zeebe:TaskHeaders');
  for (const header of taskHeaders ? children(taskHeaders, 'values') : []) {
    if (typeof header.key === 'string') headers[header.key] = String(header.value ?? '');
  }
  return headers;
}

function splitList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * Returns whether a BPMN error thrown at `elementId` with `errorCode` has a
 * boundary event to go to: on the element itself or on an enclosing sub-process.
 */
export function hasErrorCatcher(model: ProcessModel, elementId: string, errorCode: string): boolean {
  let current: string | null = elementId;
  while (current) {
    for (const element of model.elements.values()) {
      if (element.attachedToId !== current || element.catchesErrorCode === undefined) continue;
      if (element.catchesErrorCode === null || element.catchesErrorCode === errorCode) return true;
    }
    current = model.elements.get(current)?.scopeId ?? null;
  }
  return false;
}
