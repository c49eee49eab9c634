// Deployment check: the embedded engine runs a subset of BPMN (the elements
// Sijill's diagrams use, in Camunda 8's zeebe conventions). checkProcess names
// every element outside that subset, or inside it but missing what the engine
// needs, so a diagram is rejected before any instance starts.
import { children, eventDefinitions, extension, messageOf, type ModdleElement } from './model.ts';

export interface Problem {
  elementId: string;
  message: string;
}

/** Elements that carry no behaviour and are accepted anywhere in a process. */
const passiveTypes = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:SequenceFlow']);

const taskTypes = new Set(['bpmn:Task', 'bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess']);

export function checkProcess(process: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  if (process.isExecutable !== true) {
    problems.push({ elementId: process.id ?? '?', message: 'bpmn:Process is not executable (set isExecutable="true")' });
  }
  checkScope(process, problems);
  return problems;
}

function checkScope(scope: ModdleElement, problems: Problem[]): void {
  for (const element of children(scope, 'flowElements')) {
    const problem = checkElement(element);
    if (problem) problems.push({ elementId: element.id ?? '?', message: `${element.$type}: ${problem}` });
    if (element.$type === 'bpmn:SubProcess') checkScope(element, problems);
  }
}

/** Returns why the engine cannot run the element, or null when it can. */
function checkElement(element: ModdleElement): string | null {
  if (passiveTypes.has(element.$type)) return null;
  if (taskTypes.has(element.$type) && element.loopCharacteristics) return 'loops and multi-instance are not supported';
  const definitions = eventDefinitions(element).map((definition) => definition.$type);
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return definitions.length === 0 ? null : `start events with ${definitions.join(', ')} are not supported (only none start events)`;
    case 'bpmn:EndEvent': {
      const unsupported = definitions.filter((type) => type !== 'bpmn:ErrorEventDefinition' && type !== 'bpmn:TerminateEventDefinition');
      return unsupported.length === 0 ? null : `end events with ${unsupported.join(', ')} are not supported`;
    }
    case 'bpmn:ServiceTask': {
      const taskDefinition = extension(element, 'zeebe:TaskDefinition');
      return typeof taskDefinition?.type === 'string' && taskDefinition.type !== '' ? null : 'zeebe:taskDefinition with a type is missing';
    }
    case 'bpmn:Task':
    case 'bpmn:UserTask':
    case 'bpmn:ParallelGateway':
      return null;
    case 'bpmn:ExclusiveGateway':
      return checkExclusiveGateway(element);
    case 'bpmn:SubProcess':
      return element.triggeredByEvent ? 'event sub-processes are not supported' : null;
    case 'bpmn:BoundaryEvent':
      if (definitions.length === 1 && definitions[0] === 'bpmn:ErrorEventDefinition') return null;
      if (definitions.length === 1 && definitions[0] === 'bpmn:TimerEventDefinition') return checkTimer(element);
      return `boundary events with ${definitions.join(', ') || 'no event definition'} are not supported (only error and timer)`;
    case 'bpmn:IntermediateCatchEvent':
      if (definitions.length === 1 && definitions[0] === 'bpmn:TimerEventDefinition') return checkTimer(element);
      if (definitions.length === 1 && definitions[0] === 'bpmn:MessageEventDefinition') return checkMessage(element);
      return `intermediate catch events with ${definitions.join(', ') || 'no event definition'} are not supported (only timer and message)`;
    case 'bpmn:ReceiveTask':
      return checkMessage(element);
    default:
      return 'this element type is not supported by the embedded engine';
  }
}

function checkTimer(element: ModdleElement): string | null {
  const timer = eventDefinitions(element)[0];
  if (!timer) return 'timer definition is missing';
  if (timer.timeCycle) return 'timeCycle timers are not supported (use timeDuration or timeDate)';
  if (!timer.timeDuration && !timer.timeDate) return 'timer needs a timeDuration or a timeDate';
  return null;
}

function checkMessage(element: ModdleElement): string | null {
  const message = messageOf(element);
  if (!message) return 'messageRef is missing';
  if (!message.name) return `message ${message.id ?? ''} has no name`;
  const subscription = extension(message, 'zeebe:Subscription');
  if (typeof subscription?.correlationKey !== 'string' || subscription.correlationKey === '') {
    return `message ${String(message.name)} needs a zeebe:subscription correlationKey`;
  }
  return null;
}

function checkExclusiveGateway(gateway: ModdleElement): string | null {
  const outgoing = children(gateway, 'outgoing');
  if (outgoing.length <= 1) return null;
  const defaultFlow = gateway.default as ModdleElement | undefined;
  const unconditioned = outgoing.filter((flow) => flow !== defaultFlow && !flow.conditionExpression);
  if (unconditioned.length === 0) return null;
  return `outgoing flows ${unconditioned.map((flow) => flow.id).join(', ')} have no condition and are not the default flow`;
}
