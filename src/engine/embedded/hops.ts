// Plain hops: steps the embedded engine takes without bpmn-engine.
//
// bpmn-engine costs about 1.3 ms of CPU to move a token from one service task
// to the next, and about 7 ms to start an instance (bench/engine.ts). Most
// of that is its internal message broker, and none of it is needed when the
// move is fixed by the diagram. A plain hop is such a move. The instance has
// one token (enclosing sub-processes and their boundary events aside). The
// token goes from a service task, or from the none start event, along the one
// unconditional sequence flow to a service task without boundary events, or
// to a none end event at process level. No expression is evaluated on the way
// except the mappings the engine applies itself, so the hop needs only rows.
//
// The instance row then records the hops as deferred (DeferredHops), and
// engine_state stays the state before them. The next step that needs
// bpmn-engine replays them first (replayHops): it starts or recovers the
// instance, signals each element the hops left, and renames the waiting job
// to the execution id bpmn-engine gave it.
import type { Queryable } from '../../db/client.ts';
import type { DefinitionRow } from '../../db/engine/definitions.ts';
import { insertStartedInstance, saveHop } from '../../db/engine/hops.ts';
import type { DeferredHops, InstanceRow } from '../../db/engine/instances.ts';
import { renameJobExecution, type JobRow, type NewJob } from '../../db/engine/jobs.ts';
import type { Variables } from '../port.ts';
import { applyMappings } from './feel.ts';
import type { ElementModel, PlainHop, ProcessModel } from './model.ts';
import type { CompiledProcess, LiveInstance } from './runtime.ts';
import { mergeInto } from './step.ts';

/** Fills `model.plainHops` and `model.plainStart` from the diagram alone. */
export function planPlainHops(model: ProcessModel): void {
  const withBoundary = new Set<string>();
  for (const element of model.elements.values()) if (element.attachedToId) withBoundary.add(element.attachedToId);

  const targetOf = (source: ElementModel): PlainHop | null => {
    if (source.outgoing.length !== 1) return null;
    const [flow] = source.outgoing;
    if (!flow || flow.conditional) return null;
    const target = model.elements.get(flow.targetId);
    if (!target || withBoundary.has(target.id)) return null;
    if (target.job && target.type === 'bpmn:ServiceTask') return { fromId: source.id, target, ends: false };
    if (target.type === 'bpmn:EndEvent' && target.isNoneEvent && target.scopeId === null) return { fromId: source.id, target, ends: true };
    return null;
  };

  for (const element of model.elements.values()) {
    if (!element.job || withBoundary.has(element.id)) continue;
    const hop = targetOf(element);
    if (hop) model.plainHops.set(element.id, hop);
  }

  const starts = [...model.elements.values()].filter((element) => element.type === 'bpmn:StartEvent' && element.scopeId === null);
  const [start] = starts;
  if (starts.length === 1 && start?.isNoneEvent && start.outputs.length === 0) {
    const hop = targetOf(start);
    if (hop && !hop.ends) model.plainStart = hop;
  }
}

/**
 * Returns the plain hop that completing this job makes, or null when the
 * step needs bpmn-engine: the job's element has no plain hop, or its token is
 * not the instance's only one.
 */
export function findHop(model: ProcessModel, row: InstanceRow, job: { elementId: string; executionId: string }): PlainHop | null {
  const hop = model.plainHops.get(job.elementId);
  if (!hop || row.soleExecutionId !== job.executionId) return null;
  return hop;
}

/** Returns the execution id of a job created by a hop, unique in its instance because revisions only grow. */
export function hopExecutionId(elementId: string, revision: number): string {
  return `${elementId}_hop${revision}`;
}

/** Builds the job that a service task gets when a token reaches it. */
export function newJobFor(element: ElementModel, executionId: string, variables: Variables): NewJob {
  const job = element.job;
  if (!job) throw new Error(`element ${element.id} is not a service task with a job`);
  return {
    elementId: element.id,
    executionId,
    type: job.type,
    retries: job.retries,
    customHeaders: job.customHeaders,
    localVariables: applyMappings(element.inputs, variables),
  };
}

/** Returns the deferred hops after one more hop from `row`'s state. */
export function nextDeferredHops(row: InstanceRow, hop: PlainHop, executionId: string): DeferredHops {
  const previous = row.deferredHops;
  return {
    baseRevision: previous ? previous.baseRevision : row.revision,
    signalled: [...(previous?.signalled ?? []), hop.fromId],
    elementId: hop.target.id,
    executionId,
  };
}

/**
 * Replays deferred hops in a live instance that is at their base state, and
 * renames the waiting job to bpmn-engine's execution id. The renamed id is
 * also kept as an alias, so a job row read before the replay still finds
 * its element.
 */
export async function replayHops(tx: Queryable, instanceKey: string, live: LiveInstance, hops: DeferredHops): Promise<void> {
  for (const elementId of hops.signalled) live.signalElement(elementId);
  const executionId = live.waitingExecutionIdOf(hops.elementId);
  if (executionId === null) {
    throw new Error(`process instance ${instanceKey}: no token waits at ${hops.elementId} after replaying its deferred hops`);
  }
  await renameJobExecution(tx, instanceKey, hops.executionId, executionId);
  live.aliases.set(hops.executionId, executionId);
}

/** Starts an instance by the plain hop from its start event: one insert of the instance and its first job; returns the instance key. */
export async function startByHop(db: Queryable, definition: DefinitionRow, hop: PlainHop, variables: Variables): Promise<string> {
  const revision = 1;
  const executionId = hopExecutionId(hop.target.id, revision);
  return insertStartedInstance(db, {
    definitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, variables, revision,
    hops: { baseRevision: null, signalled: [], elementId: hop.target.id, executionId },
    job: newJobFor(hop.target, executionId, variables),
  });
}

/** What a stored hop changed, for the work after commit. */
export interface HopOutcome {
  ended: boolean;
  /** Type of the job the hop created; null when it ended the instance. */
  jobType: string | null;
}

/**
 * Completes a job by a plain hop: merges its variables, deletes it and moves
 * the token on, all in rows. Returns null, having changed nothing, when the
 * instance moved on since `row` was read.
 */
export async function applyHop(
  db: Queryable, process: CompiledProcess, row: InstanceRow, job: JobRow, result: Variables, hop: PlainHop,
): Promise<HopOutcome | null> {
  const variables = { ...row.variables };
  mergeInto(variables, process.model.elements.get(job.elementId), result, job.localVariables);
  const update = { instanceKey: row.key, fromRevision: row.revision, jobKey: job.key, variables };
  if (hop.ends) {
    const saved = await saveHop(db, { ...update, next: null, activeElementIds: [], hops: null });
    return saved ? { ended: true, jobType: null } : null;
  }
  const executionId = hopExecutionId(hop.target.id, row.revision + 1);
  const next = newJobFor(hop.target, executionId, variables);
  const saved = await saveHop(db, {
    ...update, next,
    activeElementIds: row.activeElementIds.map((id) => (id === hop.fromId ? hop.target.id : id)),
    hops: nextDeferredHops(row, hop, executionId),
  });
  return saved ? { ended: false, jobType: next.type } : null;
}
