// Every path from a start event to an end event that ends well passes through
// an issue-result task (a job-worker task whose zeebe:taskDefinition type is
// `issue-result`), so no dossier closes as handled without its signed result.
//
// An end event ends well unless it is an error end event or carries the
// zeebe:property `sijill:outcome` with a value other than `issued` (see
// endOutcomes in ../model.ts). Only end events that end the dossier are
// judged: those directly in the process or in one of its event sub-processes.
// The end of a sub-process continues after the sub-process, and a branch that
// starts at a non-interrupting event runs beside a main path that is still
// judged on its own, so its end events are not judged.
//
// The search walks states (element, issued yet?, on a non-interrupting side
// branch?) over the sequence flows. A token anywhere inside an activity or
// sub-process can leave through the boundary events of that activity or of
// any enclosing sub-process, and can start any event sub-process of an
// enclosing scope, with the state it has at that moment. Parallel joins are
// treated as pass-through, which can only report more paths, never fewer.
import {
  attributeOf, elementIdOf, eventDefinitionKinds, isEventSubProcess, listOf, outcomePropertyName,
  processesOf, referenceOf, taskTypeOf, zeebePropertyOf, type BpmnElement,
} from '../model.ts';
import { createProblem, type LintProblem } from '../problem.ts';

export const issueResultTaskType = 'issue-result';

/** Longest path shown in a problem, in elements; longer paths keep their end. */
const maxPathElements = 12;

interface Graph {
  successors: Map<BpmnElement, BpmnElement[]>;
  boundaryEvents: Map<BpmnElement, BpmnElement[]>;
}

interface State {
  element: BpmnElement;
  issued: boolean;
  sideBranch: boolean;
  key: string;
}

export function checkIssueResultPaths(definitions: BpmnElement): LintProblem[] {
  return processesOf(definitions).flatMap((process) => checkProcess(process));
}

function checkProcess(process: BpmnElement): LintProblem[] {
  const graph = buildGraph(process);
  const previousKeys = new Map<string, string | undefined>();
  const queue: State[] = [];
  const problems: LintProblem[] = [];
  const reported = new Set<BpmnElement>();

  const enqueue = (element: BpmnElement, issued: boolean, sideBranch: boolean, previous: string | undefined): void => {
    const key = `${elementIdOf(element)}|${issued ? 1 : 0}|${sideBranch ? 1 : 0}`;
    if (previousKeys.has(key)) return;
    previousKeys.set(key, previous);
    queue.push({ element, issued, sideBranch, key });
  };
  const enqueueAfter = (element: BpmnElement, state: State, issued: boolean): void => {
    for (const next of graph.successors.get(element) ?? []) enqueue(next, issued, state.sideBranch, state.key);
  };

  for (const start of startEventsOf(process)) enqueue(start, false, false, undefined);

  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    const { element, issued } = state;
    enqueueInterruptions(element, process, graph, state, enqueue);

    if (element.$instanceOf('bpmn:SubProcess') && !isEventSubProcess(element)) {
      const starts = startEventsOf(element);
      if (starts.length === 0) enqueueAfter(element, state, issued);
      for (const start of starts) enqueue(start, issued, state.sideBranch, state.key);
      continue;
    }

    if (element.$type === 'bpmn:EndEvent') {
      if (eventDefinitionKinds(element).includes('error')) continue;
      const continuesAfter = scopeContinuedByEnd(element, process);
      if (continuesAfter) {
        enqueueAfter(continuesAfter, state, issued);
      } else if (!issued && !state.sideBranch && endsWell(element) && !reported.has(element)) {
        reported.add(element);
        problems.push(createProblem(elementIdOf(element), 'issue-result-bypassed', { path: describePath(state.key, previousKeys) }));
      }
      continue;
    }

    const sideBranch = state.sideBranch || startsSideBranch(element);
    const issuedAfter = issued || taskTypeOf(element) === issueResultTaskType;
    for (const next of graph.successors.get(element) ?? []) enqueue(next, issuedAfter, sideBranch, state.key);
  }
  return problems;
}

/** Enqueues the boundary events of the element and of every enclosing sub-process, and the starts of enclosing scopes' event sub-processes. */
function enqueueInterruptions(
  element: BpmnElement,
  process: BpmnElement,
  graph: Graph,
  state: State,
  enqueue: (element: BpmnElement, issued: boolean, sideBranch: boolean, previous: string | undefined) => void,
): void {
  for (let scope: BpmnElement | undefined = element; scope !== undefined; scope = scope === process ? undefined : scope.$parent) {
    for (const boundary of graph.boundaryEvents.get(scope) ?? []) enqueue(boundary, state.issued, state.sideBranch, state.key);
    for (const child of listOf(scope, 'flowElements')) {
      if (!isEventSubProcess(child) || child === element) continue;
      for (const start of startEventsOf(child)) enqueue(start, state.issued, state.sideBranch, state.key);
    }
  }
}

/** Returns the sub-process after which a token goes on from this end event, or undefined when the end event ends the dossier. */
function scopeContinuedByEnd(end: BpmnElement, process: BpmnElement): BpmnElement | undefined {
  const scope = end.$parent;
  if (scope === undefined || scope === process) return undefined;
  if (!isEventSubProcess(scope)) return scope;
  const outer = scope.$parent;
  return outer === undefined || outer === process ? undefined : outer;
}

function endsWell(end: BpmnElement): boolean {
  const outcome = zeebePropertyOf(end, outcomePropertyName);
  return outcome === undefined || outcome === 'issued';
}

function startsSideBranch(element: BpmnElement): boolean {
  if (element.$type === 'bpmn:BoundaryEvent') return attributeOf(element, 'cancelActivity') === false;
  if (element.$type === 'bpmn:StartEvent') return attributeOf(element, 'isInterrupting') === false;
  return false;
}

function startEventsOf(container: BpmnElement): BpmnElement[] {
  return listOf(container, 'flowElements').filter((element) => element.$type === 'bpmn:StartEvent');
}

function buildGraph(process: BpmnElement): Graph {
  const graph: Graph = { successors: new Map(), boundaryEvents: new Map() };
  const visit = (container: BpmnElement): void => {
    for (const element of listOf(container, 'flowElements')) {
      if (element.$type === 'bpmn:SequenceFlow') {
        const source = referenceOf(element, 'sourceRef');
        const target = referenceOf(element, 'targetRef');
        if (source && target) graph.successors.set(source, [...(graph.successors.get(source) ?? []), target]);
      } else if (element.$type === 'bpmn:BoundaryEvent') {
        const host = referenceOf(element, 'attachedToRef');
        if (host) graph.boundaryEvents.set(host, [...(graph.boundaryEvents.get(host) ?? []), element]);
      }
      if (element.$instanceOf('bpmn:SubProcess')) visit(element);
    }
  };
  visit(process);
  return graph;
}

function describePath(lastKey: string, previousKeys: Map<string, string | undefined>): string {
  const ids: string[] = [];
  for (let key: string | undefined = lastKey; key !== undefined; key = previousKeys.get(key)) {
    ids.unshift(key.split('|')[0] ?? '');
  }
  const visibleIds = ids.length > maxPathElements ? ['…', ...ids.slice(-maxPathElements)] : ids;
  return visibleIds.join(' → ');
}
