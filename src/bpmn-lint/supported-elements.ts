// The BPMN elements Sijill's engines run, in one place. It is the subset that
// the embedded engine runs (src/engine/embedded/validate.ts decides that at
// deployment) and that Camunda 8 runs the same way, so a diagram that passes
// the lint deploys unchanged to both. A plain bpmn:Task is left out on
// purpose although the embedded engine passes through it: a step with neither
// a worker nor an officer is work done off the system, on paper.
// Events list the event definitions allowed on them ('none': no definition).
import { eventDefinitionKinds, isEventSubProcess, referenceOf, type BpmnElement } from './model.ts';

type EventKind = 'none' | 'message' | 'timer' | 'error' | 'terminate';

const supportedEvents: Record<string, readonly EventKind[]> = {
  'bpmn:StartEvent': ['none'],
  'bpmn:EndEvent': ['none', 'error', 'terminate'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer'],
  'bpmn:BoundaryEvent': ['timer', 'error'],
};

const supportedActivities = new Set(['bpmn:ServiceTask', 'bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess']);

const supportedOthers = new Set([
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SequenceFlow',
  // Documentation only: the engines ignore them.
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/** Returns whether the engines run a flow element. */
export function isSupportedElement(element: BpmnElement): boolean {
  const eventKinds = supportedEvents[element.$type];
  if (eventKinds) {
    const kinds = eventDefinitionKinds(element);
    return kinds.length <= 1 && (eventKinds as readonly string[]).includes(kinds[0] ?? 'none');
  }
  if (supportedActivities.has(element.$type)) {
    return !isEventSubProcess(element) && referenceOf(element, 'loopCharacteristics') === undefined;
  }
  return supportedOthers.has(element.$type);
}

/** Returns text that names an element's kind in a problem, e.g. 'bpmn:StartEvent (signal)' or 'bpmn:UserTask (multi-instance)'. */
export function describeElementKind(element: BpmnElement): string {
  const details = eventDefinitionKinds(element);
  if (isEventSubProcess(element)) details.push('event sub-process');
  if (referenceOf(element, 'loopCharacteristics') !== undefined) details.push('loop or multi-instance');
  return details.length > 0 ? `${element.$type} (${details.join(', ')})` : element.$type;
}
