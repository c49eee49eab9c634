// Settling a step: after bpmn-engine has run, the events it emitted become
// rows. A task that started waiting gets its job, user task or message
// subscription, and an element that left loses them. Timer rows follow the
// pending timers. A buffered message for a new subscription is correlated at
// once, which runs the engine again, so settling loops until nothing happens.
import type { Queryable } from '../../db/client.ts';
import { insertJobs, deleteJobsOfExecutions, deleteJobsOfInstance, type NewJob } from '../../db/engine/jobs.ts';
import { saveInstanceStep, type InstanceRow } from '../../db/engine/instances.ts';
import { deleteSubscriptions, insertSubscriptions, takeBufferedMessage } from '../../db/engine/messages.ts';
import { deleteTimers, replaceTimers, upsertTimers } from '../../db/engine/timers.ts';
import { cancelUserTasksOfExecutions, insertUserTasks, type NewUserTask } from '../../db/engine/user-tasks.ts';
import type { Variables } from '../port.ts';
import { applyMappings, evaluateExpression } from './feel.ts';
import type { ElementModel } from './model.ts';
import type { LiveInstance } from './runtime.ts';

/** Thrown when bpmn-engine reports an error during a step; the step is rolled back and an incident recorded. */
export class StepFailedError extends Error {
  override name = 'StepFailedError';
}

export interface StepOutcome {
  /** Job types that got new jobs, to wake waiting activations after commit. */
  jobTypes: Set<string>;
  ended: boolean;
}

/** Most rounds of buffered-message correlation in one step; guards against a loop in a diagram. */
const maxRounds = 100;

export async function settleStep(tx: Queryable, row: InstanceRow, live: LiveInstance): Promise<StepOutcome> {
  const model = live.process.model;
  const outcome: StepOutcome = { jobTypes: new Set(), ended: false };
  for (let round = 0; round < maxRounds; round++) {
    const events = live.takeEvents();
    if (events.error) throw new StepFailedError(events.error.message, { cause: events.error });
    const left = events.left;
    if (events.ended) {
      outcome.ended = true;
      break;
    }
    await releaseLeftElements(tx, row.key, live, left);
    const waiting = dedupe(events.waits).filter((wait) => !events.left.has(wait.executionId) && live.isWaiting(wait.executionId));
    const jobs: NewJob[] = [];
    const userTasks: NewUserTask[] = [];
    let correlated = false;
    for (const wait of waiting) {
      const element = model.elements.get(wait.id);
      if (element?.job) {
        jobs.push({
          elementId: element.id,
          executionId: wait.executionId,
          type: element.job.type,
          retries: element.job.retries,
          customHeaders: element.job.customHeaders,
          localVariables: applyMappings(element.inputs, live.variables),
        });
        outcome.jobTypes.add(element.job.type);
      } else if (element?.userTask) {
        userTasks.push({
          elementId: element.id,
          executionId: wait.executionId,
          name: element.name,
          candidateGroups: element.userTask.candidateGroups,
          assignee: element.userTask.assignee,
          formKey: element.userTask.formKey,
          customHeaders: element.userTask.customHeaders,
          variables: { ...live.variables, ...applyMappings(element.inputs, live.variables) },
        });
      } else if (element?.message) {
        correlated = (await subscribe(tx, row.key, live, element, wait.executionId)) || correlated;
      }
    }
    await insertJobs(tx, row.key, jobs);
    await insertUserTasks(tx, row, userTasks);
    if (!correlated) break;
  }

  if (outcome.ended) {
    await releaseInstance(tx, row.key);
  } else if (model.hasTimers) {
    await syncTimers(tx, row.key, live);
  }
  live.revision = row.revision + 1;
  await saveInstanceStep(tx, row.key, {
    state: outcome.ended ? 'COMPLETED' : 'ACTIVE',
    variables: live.variables,
    engineState: outcome.ended ? null : live.getState(),
    revision: live.revision,
    activeElementIds: outcome.ended ? [] : live.activeElementIds(),
    soleExecutionId: outcome.ended ? null : live.soleExecutionId(),
  });
  live.aliases.clear();
  return outcome;
}

/**
 * Merges variables from a job, user task or message into the instance: the
 * element's output mappings decide when it has any, otherwise every variable
 * goes to process scope (zeebe's rule).
 */
export function mergeVariables(live: LiveInstance, element: ElementModel | undefined, variables: Variables, local: Variables = {}): void {
  mergeInto(live.variables, element, variables, local);
}

/** Merges variables into `target` by the rule of mergeVariables. */
export function mergeInto(target: Variables, element: ElementModel | undefined, variables: Variables, local: Variables = {}): void {
  if (element && element.outputs.length > 0) {
    Object.assign(target, applyMappings(element.outputs, { ...target, ...local, ...variables }));
  } else {
    Object.assign(target, variables);
  }
}

/** Opens the subscription of a waiting message element; returns true when a buffered message was correlated to it. */
async function subscribe(tx: Queryable, instanceKey: string, live: LiveInstance, element: ElementModel, executionId: string): Promise<boolean> {
  if (!element.message) return false;
  const correlationKey = String(evaluateExpression(element.message.correlationKey, live.variables) ?? '');
  const buffered = await takeBufferedMessage(tx, element.message.name, correlationKey, live.process.bpmnProcessId);
  if (buffered) {
    mergeVariables(live, element, buffered.variables);
    live.signal(executionId);
    return true;
  }
  await insertSubscriptions(tx, instanceKey, [{ executionId, elementId: element.id, messageName: element.message.name, correlationKey }]);
  return false;
}

async function releaseLeftElements(tx: Queryable, instanceKey: string, live: LiveInstance, left: Map<string, string>): Promise<void> {
  if (left.size === 0) return;
  const model = live.process.model;
  const ofKind = (test: (element: ElementModel) => boolean): string[] =>
    [...left].filter(([, elementId]) => {
      const element = model.elements.get(elementId);
      return element !== undefined && test(element);
    }).map(([executionId]) => executionId);
  await deleteJobsOfExecutions(tx, instanceKey, ofKind((element) => element.job !== undefined));
  if (model.hasUserTasks) await cancelUserTasksOfExecutions(tx, instanceKey, ofKind((element) => element.userTask !== undefined));
  if (model.hasMessages) await deleteSubscriptions(tx, instanceKey, ofKind((element) => element.message !== undefined));
}

async function syncTimers(tx: Queryable, instanceKey: string, live: LiveInstance): Promise<void> {
  const pending = live.pendingTimers();
  const known = live.persistedTimers;
  if (known === null) {
    await replaceTimers(tx, instanceKey, pending);
  } else {
    const changed = pending.filter((timer) => known.get(timer.executionId) !== timer.dueAt.getTime());
    const removed = [...known.keys()].filter((executionId) => !pending.some((timer) => timer.executionId === executionId));
    await upsertTimers(tx, instanceKey, changed);
    await deleteTimers(tx, instanceKey, removed);
  }
  live.persistedTimers = new Map(pending.map((timer) => [timer.executionId, timer.dueAt.getTime()]));
}

/** Removes what an ended instance leaves behind. */
export async function releaseInstance(tx: Queryable, instanceKey: string): Promise<void> {
  await deleteJobsOfInstance(tx, instanceKey);
  await deleteTimers(tx, instanceKey, 'all');
  await deleteSubscriptions(tx, instanceKey, 'all');
  await cancelUserTasksOfExecutions(tx, instanceKey, 'all');
}

function dedupe<T extends { executionId: string }>(events: T[]): T[] {
  const seen = new Map<string, T>();
  for (const event of events) seen.set(event.executionId, event);
  return [...seen.values()];
}
