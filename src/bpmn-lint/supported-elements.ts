// The BPMN elements Sijill's engines run, in one place. The list is the part
// of BPMN that both the embedded engine and Camunda 8 execute the same way;
// anything else in a process (a plain task, a script task, a signal…) is a
// lint problem, so a diagram never deploys with an element one engine skips.
// Events list the event definitions allowed on them; 'none' is an event with
// no definition.
import { eventDefinitionKinds, isEventSubProcess, type BpmnElement } from './model.ts';

type EventKind = 'none' | 'message' | 'timer' | 'error' | 'terminate';

const supportedEvents: Record<string, readonly EventKind[]> = {
  'bpmn:StartEvent': ['none', 'message', 'timer'],
  'bpmn:EndEvent': ['none', 'error', 'terminate'],
  'bpmn:IntermediateCatchEvent': ['message', 'timer'],
  'bpmn:IntermediateThrowEvent': ['none'],
  'bpmn:BoundaryEvent': ['message', 'timer', 'error'],
};

/** Start events of an event sub-process may also catch errors. */
const eventSubProcessStartKinds: readonly EventKind[] = ['message', 'timer', 'error'];

const supportedActivitiesAndGateways = new Set([
  'bpmn:ServiceTask',
  'bpmn:UserTask',
  'bpmn:ReceiveTask',
  'bpmn:SendTask',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:SequenceFlow',
]);

/** Elements that document a diagram and that the engines ignore. */
const ignoredElements = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/** Whether the engines run a flow element; sub-process variants (transaction, ad-hoc) are not run. */
export function isSupportedElement(element: BpmnElement): boolean {
  if (ignoredElements.has(element.$type)) return true;
  const eventKinds = supportedEvents[element.$type];
  if (eventKinds) {
    const kinds = eventDefinitionKinds(element);
    if (kinds.length > 1) return false;
    const kind = kinds[0] ?? 'none';
    const parent = element.$parent;
    const allowed = element.$type === 'bpmn:StartEvent' && parent && isEventSubProcess(parent) ? eventSubProcessStartKinds : eventKinds;
    return (allowed as readonly string[]).includes(kind);
  }
  return supportedActivitiesAndGateways.has(element.$type);
}

/** Text that names an element's kind in a problem, e.g. 'bpmn:StartEvent (signal)'. */
export function describeElementKind(element: BpmnElement): string {
  const kinds = eventDefinitionKinds(element);
  return kinds.length > 0 ? `${element.$type} (${kinds.join(', ')})` : element.$type;
}
