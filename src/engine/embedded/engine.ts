// The embedded adapter of the engine port. bpmn-engine runs each instance,
// and PostgreSQL (server or PGlite) stores everything that must survive a restart.
//
// A step is one change of one instance (start, job completed, BPMN error
// thrown, timer fired, message correlated, user task completed). It runs
// under the instance's in-process lock and, in one transaction, under the
// row lock of the instance: it loads the live bpmn-engine instance (from the
// in-memory cache when its revision matches the row, otherwise recovered from
// the stored state), applies the change, and settles the resulting events
// into rows (see step.ts). The live instance is cached only after commit.
import type { Db, Queryable } from '../../db/client.ts';
import { findDefinition, findDefinitionByVersion, findDefinitionXml, findLatestDefinition, listDefinitions, type DefinitionRow } from '../../db/engine/definitions.ts';
import { insertIncident, listOpenIncidents } from '../../db/engine/incidents.ts';
import { findInstance, findInstanceAndJob, insertInstance, lockInstance, lockInstanceAndJob, saveInstanceStep, searchInstances, type InstanceRow } from '../../db/engine/instances.ts';
import { activateJobs, deleteJob, findJob, lockJob, markJobFailed, retryJob, type JobRow } from '../../db/engine/jobs.ts';
import { takeSubscription } from '../../db/engine/messages.ts';
import { claimTimer, type TimerRow } from '../../db/engine/timers.ts';
import { assignUserTask, findUserTask, lockUserTask, markUserTaskCompleted, searchUserTasks } from '../../db/engine/user-tasks.ts';
import type { Logger } from '../../log.ts';
import {
  EngineNotFoundError,
  type ActivateJobsRequest, type ActivatedJob, type CreateInstanceRequest, type DeployResource, type EnginePort,
  type FailJobRequest, type ProcessDefinition, type ProcessInstanceFilter, type ProcessInstanceRef, type ProcessInstanceView, type PublishMessageRequest,
  type PublishMessageResult, type ThrowJobErrorRequest, type UserTask, type UserTaskFilter, type Variables,
} from '../port.ts';
import { Background } from './background.ts';
import { compileProcess, deployResources } from './deploy.ts';
import { applyHop, findHop, replayHops, startByHop, type HopOutcome } from './hops.ts';
import { JobInstances } from './job-instances.ts';
import { JobSignals } from './job-signals.ts';
import { publishMessage } from './messages.ts';
import { JobWaiters } from './job-waiters.ts';
import { recordStepIncident, type StepCause } from './incidents.ts';
import { InstanceLocks } from './locks.ts';
import { hasErrorCatcher } from './model.ts';
import { LiveInstance, type CompiledProcess } from './runtime.ts';
import { mergeVariables, releaseInstance, settleStep, StepFailedError, type StepOutcome } from './step.ts';
import { toActivatedJob, toInstanceView, toProcessDefinition, toUserTask } from './views.ts';

export interface EmbeddedEngineOptions {
  db: Db;
  logger?: Logger;
  /** How often background work fires due timers, in ms. @default 250 */
  pollIntervalMs?: number;
  /** How often a long-polling activation re-reads the jobs table, for jobs created by other processes, in ms. @default 250 */
  activationRecheckMs?: number;
  /** Most live instances kept in memory between steps. @default 2000 */
  maxCachedInstances?: number;
  /**
   * PostgreSQL connection string for LISTEN/NOTIFY between engine processes:
   * created jobs wake activations waiting in other processes at once. Unset,
   * those find new jobs at their next re-read (activationRecheckMs).
   */
  notifyUrl?: string;
}

type StepAction<T> = (tx: Queryable, row: InstanceRow & { job: JobRow | null }, load: () => Promise<LiveInstance>) => Promise<T>;

export class EmbeddedEngine implements EnginePort {
  readonly db: Db;
  private readonly logger: Logger | undefined;
  private readonly activationRecheckMs: number;
  private readonly maxCachedInstances: number;
  private readonly compiled = new Map<string, Promise<CompiledProcess>>();
  private readonly cache = new Map<string, LiveInstance>();
  private readonly locks = new InstanceLocks();
  private readonly waiters = new JobWaiters();
  private readonly jobInstances = new JobInstances();
  private readonly background: Background;
  private readonly signals: JobSignals | null;
  private stopped = false;

  constructor(options: EmbeddedEngineOptions) {
    this.db = options.db;
    this.logger = options.logger;
    this.activationRecheckMs = options.activationRecheckMs ?? 250;
    this.maxCachedInstances = options.maxCachedInstances ?? 2000;
    this.background = new Background({
      db: options.db,
      intervalMs: options.pollIntervalMs ?? 250,
      logger: options.logger,
      fireTimer: (timer) => this.fireTimer(timer),
      onJobsReleased: (types) => types.forEach((type) => this.announceJobs(type)),
    });
    this.signals = options.notifyUrl
      ? new JobSignals({ db: options.db, url: options.notifyUrl, logger: options.logger, wake: (type) => this.waiters.notify(type) })
      : null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.signals?.start();
    this.background.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiters.notifyAll();
    await this.background.stop();
    await this.signals?.stop();
  }

  async deploy(resources: DeployResource[]): Promise<ProcessDefinition[]> {
    const rows = await deployResources(this.db, resources);
    return rows.map(toProcessDefinition);
  }

  async listProcessDefinitions(bpmnProcessId?: string): Promise<ProcessDefinition[]> {
    return (await listDefinitions(this.db, bpmnProcessId)).map(toProcessDefinition);
  }

  async getProcessDefinitionXml(processDefinitionKey: string): Promise<string | null> {
    if (!isKey(processDefinitionKey)) return null;
    return findDefinitionXml(this.db, processDefinitionKey);
  }

  async createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    const definition = request.version === undefined
      ? await findLatestDefinition(this.db, request.bpmnProcessId)
      : await findDefinitionByVersion(this.db, request.bpmnProcessId, request.version);
    if (!definition) {
      throw new EngineNotFoundError(`process ${request.bpmnProcessId}${request.version === undefined ? '' : ` version ${request.version}`} is not deployed`);
    }
    const process = await this.compile(definition);
    const hop = process.model.plainStart;
    if (hop) {
      const key = await startByHop(this.db, definition, hop, { ...request.variables });
      this.announceJobs(hop.target.job?.type ?? '');
      return { processInstanceKey: key, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version };
    }
    const { key, live, outcome } = await this.db.transaction(async (tx) => {
      const variables = { ...request.variables };
      const instanceKey = await insertInstance(tx, { definitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version, variables });
      const started = await LiveInstance.start(process, variables);
      const row = (await lockInstance(tx, instanceKey)) as InstanceRow;
      return { key: instanceKey, live: started, outcome: await settleStep(tx, row, started) };
    });
    this.afterCommit(key, live, outcome);
    return { processInstanceKey: key, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version };
  }

  async getProcessInstance(processInstanceKey: string): Promise<ProcessInstanceView | null> {
    if (!isKey(processInstanceKey)) return null;
    const row = await findInstance(this.db, processInstanceKey);
    if (!row) return null;
    return toInstanceView(row, await listOpenIncidents(this.db, row.key));
  }

  async searchProcessInstances(filter: ProcessInstanceFilter): Promise<{ items: ProcessInstanceView[]; total: number }> {
    if (filter.processInstanceKey !== undefined && !isKey(filter.processInstanceKey)) return { items: [], total: 0 };
    if (filter.processDefinitionKey !== undefined && !isKey(filter.processDefinitionKey)) return { items: [], total: 0 };
    const { rows, total } = await searchInstances(this.db, {
      processInstanceKey: filter.processInstanceKey,
      bpmnProcessId: filter.bpmnProcessId,
      processDefinitionKey: filter.processDefinitionKey,
      state: filter.state,
      limit: filter.limit ?? 100,
      offset: filter.offset ?? 0,
    });
    const items = [];
    for (const row of rows) items.push(toInstanceView(row, await listOpenIncidents(this.db, row.key)));
    return { items, total };
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    if (!isKey(processInstanceKey)) throw new EngineNotFoundError(`process instance ${processInstanceKey} not found`);
    await this.locks.run(processInstanceKey, async () => {
      await this.db.transaction(async (tx) => {
        const row = await lockInstance(tx, processInstanceKey);
        if (!row || row.state !== 'ACTIVE') throw new EngineNotFoundError(`process instance ${processInstanceKey} is not active`);
        await releaseInstance(tx, row.key);
        await saveInstanceStep(tx, row.key, {
          state: 'TERMINATED', variables: row.variables, engineState: null, revision: row.revision + 1, activeElementIds: [], soleExecutionId: null,
        });
      });
      this.cache.get(processInstanceKey)?.stop();
      this.cache.delete(processInstanceKey);
    });
  }

  /** Publishes a message by Camunda 8's rules (see messages.ts). */
  async publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    return publishMessage(this.db, request, (subscription, variables) =>
      this.step(subscription.instanceKey, async (tx, _row, load) => {
        if (!(await takeSubscription(tx, subscription.instanceKey, subscription.executionId))) return false;
        const live = await load();
        if (!live.isWaiting(subscription.executionId)) return false;
        mergeVariables(live, live.process.model.elements.get(subscription.elementId), variables);
        live.signal(subscription.executionId);
        return true;
      }));
  }

  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    const deadline = Date.now() + Math.max(0, request.requestTimeoutMs ?? 0);
    for (;;) {
      const rows = await activateJobs(this.db, { type: request.type, worker: request.worker, max: request.maxJobsToActivate, timeoutMs: request.timeoutMs });
      const remaining = deadline - Date.now();
      for (const row of rows) this.jobInstances.remember(row.key, row.instanceKey);
      if (rows.length > 0 || remaining <= 0 || this.stopped) return rows.map((row) => toActivatedJob(row, request.fetchVariables));
      await this.waiters.wait(request.type, Math.min(this.activationRecheckMs, remaining));
    }
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    const instanceKey = this.jobInstances.get(jobKey) ?? (await this.requireJob(jobKey)).instanceKey;
    // A plain hop first, without a transaction: one read and one guarded write.
    let hop = await this.locks.run(instanceKey, () => this.tryHop(instanceKey, jobKey, variables));
    if (!hop) {
      hop = await this.step(instanceKey, async (tx, row, load) => {
        const locked = row.job;
        if (!locked || locked.state === 'FAILED') throw new EngineNotFoundError(`job ${jobKey} not found or not active`);
        const process = await this.compileKey(row.definitionKey, tx);
        const plain = findHop(process.model, row, locked);
        const hopped = plain ? await applyHop(tx, process, row, locked, variables, plain) : null;
        if (hopped) return hopped;
        const live = await load();
        mergeVariables(live, live.process.model.elements.get(locked.elementId), variables, locked.localVariables);
        await deleteJob(tx, jobKey);
        live.signal(locked.executionId);
        return null;
      }, { jobKey });
    }
    this.jobInstances.forget(jobKey);
    if (hop?.ended) this.cache.delete(instanceKey);
    if (hop?.jobType) this.announceJobs(hop.jobType);
  }

  /** Completes a job by a plain hop when it is one; null when the step needs a transaction (or bpmn-engine). */
  private async tryHop(instanceKey: string, jobKey: string, variables: Variables): Promise<HopOutcome | null> {
    const found = await findInstanceAndJob(this.db, instanceKey, jobKey);
    if (!found || found.row.state !== 'ACTIVE' || !found.job || found.job.state === 'FAILED') return null;
    const process = await this.compileKey(found.row.definitionKey, this.db);
    const plain = findHop(process.model, found.row, found.job);
    return plain ? applyHop(this.db, process, found.row, found.job, variables, plain) : null;
  }

  async failJob(jobKey: string, request: FailJobRequest): Promise<void> {
    const job = await this.requireJob(jobKey);
    const backOffMs = Math.max(0, request.retryBackOffMs ?? 0);
    await this.locks.run(job.instanceKey, () =>
      this.db.transaction(async (tx) => {
        const locked = await lockJob(tx, jobKey);
        if (!locked || locked.state === 'FAILED') throw new EngineNotFoundError(`job ${jobKey} not found or not active`);
        const errorMessage = request.errorMessage ?? '';
        if (request.retries > 0) {
          await retryJob(tx, jobKey, request.retries, backOffMs, errorMessage || null);
          return;
        }
        await markJobFailed(tx, jobKey, 0, errorMessage);
        await insertIncident(tx, {
          instanceKey: locked.instanceKey, elementId: locked.elementId, jobKey, errorType: 'JOB_NO_RETRIES',
          errorMessage: errorMessage || `job ${jobKey} of type ${locked.type} failed with no retries left`,
        });
        this.logger?.warn({ jobKey, processInstanceKey: locked.instanceKey, elementId: locked.elementId, type: locked.type }, 'job out of retries: incident raised');
      }),
    );
    if (request.retries > 0) {
      if (backOffMs === 0) this.announceJobs(job.type);
      else setTimeout(() => this.announceJobs(job.type), backOffMs).unref();
    }
  }

  async throwJobError(jobKey: string, request: ThrowJobErrorRequest): Promise<void> {
    const job = await this.requireJob(jobKey);
    await this.step(job.instanceKey, async (tx, row, load) => {
      const locked = row.job;
      if (!locked || locked.state === 'FAILED') throw new EngineNotFoundError(`job ${jobKey} not found or not active`);
      const live = await load();
      const errorMessage = request.errorMessage ?? '';
      if (!hasErrorCatcher(live.process.model, locked.elementId, request.errorCode)) {
        const message = `BPMN error ${request.errorCode} thrown at ${locked.elementId} has no boundary event to catch it${errorMessage ? `: ${errorMessage}` : ''}`;
        await markJobFailed(tx, jobKey, locked.retries, message);
        await insertIncident(tx, { instanceKey: locked.instanceKey, elementId: locked.elementId, jobKey, errorType: 'UNHANDLED_ERROR_EVENT', errorMessage: message });
        return;
      }
      Object.assign(live.variables, request.variables ?? {});
      await deleteJob(tx, jobKey);
      live.throwError(locked.executionId, request.errorCode, errorMessage);
    }, { jobKey });
  }

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    const rows = await searchUserTasks(this.db, {
      state: filter.state,
      processInstanceKey: filter.processInstanceKey !== undefined && !isKey(filter.processInstanceKey) ? '0' : filter.processInstanceKey,
      candidateGroups: filter.candidateGroups,
      assignee: filter.assignee,
      elementId: filter.elementId,
    });
    return rows.map(toUserTask);
  }

  async getUserTask(userTaskKey: string): Promise<UserTask | null> {
    const row = await findUserTask(this.db, userTaskKey);
    return row ? toUserTask(row) : null;
  }

  async assignUserTask(userTaskKey: string, assignee: string | null): Promise<void> {
    if (!(await assignUserTask(this.db, userTaskKey, assignee))) throw new EngineNotFoundError(`user task ${userTaskKey} not found or not open`);
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    const task = await findUserTask(this.db, userTaskKey);
    if (!task || task.state !== 'CREATED') throw new EngineNotFoundError(`user task ${userTaskKey} not found or not open`);
    await this.step(task.instanceKey, async (tx, _row, load) => {
      const live = await load();
      const locked = await lockUserTask(tx, userTaskKey);
      if (!locked || locked.state !== 'CREATED') throw new EngineNotFoundError(`user task ${userTaskKey} not found or not open`);
      mergeVariables(live, live.process.model.elements.get(locked.elementId), variables);
      await markUserTaskCompleted(tx, userTaskKey);
      live.signal(locked.executionId);
    });
  }

  /** Fires one due timer; returns false when another process fired it or its element ended. */
  async fireTimer(timer: TimerRow): Promise<boolean> {
    try {
      return await this.step(timer.instanceKey, async (tx, _row, load) => {
        if (!(await claimTimer(tx, timer.instanceKey, timer.executionId))) return false;
        return (await load()).fireTimer(timer.executionId);
      }, { timerExecutionId: timer.executionId });
    } catch (error) {
      if (error instanceof EngineNotFoundError) return false;
      throw error;
    }
  }

  /**
   * Runs one step of an instance. The action calls `load` when the step needs
   * bpmn-engine, and the step is then settled into rows; a plain hop never
   * calls it. When a job causes the step, its row is locked together with the
   * instance and handed over as `row.job`.
   */
  private async step<T>(instanceKey: string, action: StepAction<T>, cause: StepCause = {}): Promise<T> {
    const jobKey = cause.jobKey;
    return this.locks.run(instanceKey, async () => {
      let live: LiveInstance | undefined;
      let outcome: StepOutcome | undefined;
      try {
        const value = await this.db.transaction(async (tx) => {
          const locked = jobKey === undefined
            ? { row: await lockInstance(tx, instanceKey), job: null }
            : await lockInstanceAndJob(tx, instanceKey, jobKey);
          const row = locked?.row;
          if (!row || row.state !== 'ACTIVE') throw new EngineNotFoundError(`process instance ${instanceKey} is not active`);
          const load = async (): Promise<LiveInstance> => (live ??= await this.loadLive(tx, row));
          const result = await action(tx, { ...row, job: locked.job }, load);
          if (live) outcome = await settleStep(tx, row, live);
          return result;
        });
        if (live && outcome) this.afterCommit(instanceKey, live, outcome);
        return value;
      } catch (error) {
        this.cache.delete(instanceKey);
        if (error instanceof StepFailedError) await recordStepIncident(this.db, this.logger, instanceKey, error, cause);
        throw error;
      }
    });
  }

  private afterCommit(instanceKey: string, live: LiveInstance, outcome: StepOutcome): void {
    this.cache.delete(instanceKey);
    if (!outcome.ended) {
      this.cache.set(instanceKey, live);
      if (this.cache.size > this.maxCachedInstances) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
    }
    for (const type of outcome.jobTypes) this.announceJobs(type);
  }

  /** Wakes the activations waiting for jobs of the type, here and (with notifyUrl) in other engine processes. */
  private announceJobs(type: string): void {
    this.waiters.notify(type);
    this.signals?.publish(type);
  }

  /**
   * Returns the live instance for a locked row. Queries go through the step's
   * transaction: taking a second pool connection while holding one can starve
   * the pool when every connection is inside a step.
   */
  private async loadLive(tx: Queryable, row: InstanceRow): Promise<LiveInstance> {
    const hops = row.deferredHops;
    const baseRevision = hops ? hops.baseRevision : row.revision;
    const cached = this.cache.get(row.key);
    let live: LiveInstance;
    if (cached && baseRevision !== null && cached.revision === baseRevision) {
      live = cached;
    } else {
      const process = await this.compileKey(row.definitionKey, tx);
      if (baseRevision === null) {
        live = await LiveInstance.start(process, row.variables);
      } else {
        if (!row.engineState) throw new Error(`process instance ${row.key} is active but has no stored engine state`);
        live = await LiveInstance.recover(process, row.engineState, row.variables, baseRevision);
      }
    }
    if (hops) {
      await replayHops(tx, row.key, live, hops);
      live.variables = row.variables;
    }
    return live;
  }

  /** Returns the compiled process of a definition key, reading the definition only when it is not compiled yet. */
  private async compileKey(definitionKey: string, tx: Queryable): Promise<CompiledProcess> {
    const compiled = this.compiled.get(definitionKey);
    if (compiled) return compiled;
    const definition = await findDefinition(tx, definitionKey);
    if (!definition) throw new Error(`process instance refers to missing definition ${definitionKey}`);
    return this.compile(definition, tx);
  }

  private compile(definition: DefinitionRow, db: Queryable = this.db): Promise<CompiledProcess> {
    let compiled = this.compiled.get(definition.key);
    if (!compiled) {
      compiled = findDefinitionXml(db, definition.key).then((xml) => compileProcess(definition, xml ?? ''));
      compiled.catch(() => this.compiled.delete(definition.key));
      this.compiled.set(definition.key, compiled);
    }
    return compiled;
  }

  private async requireJob(jobKey: string): Promise<{ instanceKey: string; type: string }> {
    const job = isKey(jobKey) ? await findJob(this.db, jobKey) : null;
    if (!job) throw new EngineNotFoundError(`job ${jobKey} not found`);
    return job;
  }

}

function isKey(value: string): boolean {
  return /^\d{1,19}$/.test(value);
}
