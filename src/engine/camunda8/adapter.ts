// The camunda8 adapter of the engine port: a thin layer over @camunda8/sdk's
// Orchestration Cluster API client, for deployments on a licensed Camunda 8
// cluster. Keys are passed as the decimal strings the port uses.
// NOTE: no cluster is available here, so this adapter is type-checked and its
// mapping functions are tested, but it has never run against Camunda 8.
import { Camunda8 } from '@camunda8/sdk';
import {
  EngineNotFoundError,
  type ActivateJobsRequest, type ActivatedJob, type CreateInstanceRequest, type DeployResource, type EnginePort,
  type FailJobRequest, type ProcessDefinition, type ProcessInstanceFilter, type ProcessInstanceRef, type ProcessInstanceView,
  type PublishMessageRequest, type PublishMessageResult, type ThrowJobErrorRequest, type UserTask, type UserTaskFilter, type Variables,
} from '../port.ts';
import {
  toActivatedJob, toInstanceView, toProcessDefinition, toUserTask,
  type CamundaDeployedProcess, type CamundaJob, type CamundaProcessInstance, type CamundaUserTask,
} from './mapping.ts';

interface Page<T> {
  items: T[];
  page?: { totalItems?: number };
}

const noWait = { consistency: { waitUpToMs: 0 } };

/**
 * The calls this adapter makes, with plain string keys. The SDK's client
 * brands its key types; the cast in the constructor drops the brands, because
 * the port carries keys as strings.
 */
interface CamundaApi {
  createDeployment(input: { resources: File[] }): Promise<{ processes: CamundaDeployedProcess[] }>;
  searchProcessDefinitions(input: { filter?: Record<string, unknown> }, options: typeof noWait): Promise<Page<{ processDefinitionKey: string; processDefinitionId: string; version: number; resourceName: string }>>;
  getProcessDefinitionXml(input: { processDefinitionKey: string }, options: typeof noWait): Promise<string>;
  createProcessInstance(input: { processDefinitionId: string; processDefinitionVersion?: number; variables: Variables }): Promise<{ processInstanceKey: string; processDefinitionKey: string; processDefinitionId: string; processDefinitionVersion: number }>;
  searchProcessInstances(input: { filter?: Record<string, unknown>; page?: { from: number; limit: number } }, options: typeof noWait): Promise<Page<CamundaProcessInstance>>;
  cancelProcessInstance(input: { processInstanceKey: string }): Promise<unknown>;
  publishMessage(input: { name: string; correlationKey: string; timeToLive: number; messageId?: string; variables: Variables }): Promise<{ messageKey?: string }>;
  activateJobs(input: { type: string; worker: string; maxJobsToActivate: number; timeout: number; requestTimeout: number; fetchVariable?: string[] }): Promise<{ jobs: CamundaJob[] }>;
  completeJob(input: { jobKey: string; variables: Variables }): Promise<unknown>;
  failJob(input: { jobKey: string; retries: number; errorMessage?: string; retryBackOff: number; variables?: Variables }): Promise<unknown>;
  throwJobError(input: { jobKey: string; errorCode: string; errorMessage?: string; variables?: Variables }): Promise<unknown>;
  searchUserTasks(input: { filter?: Record<string, unknown> }, options: typeof noWait): Promise<Page<CamundaUserTask>>;
  getUserTask(input: { userTaskKey: string }, options: typeof noWait): Promise<CamundaUserTask>;
  assignUserTask(input: { userTaskKey: string; assignee: string; allowOverride: boolean }): Promise<unknown>;
  unassignUserTask(input: { userTaskKey: string }): Promise<unknown>;
  completeUserTask(input: { userTaskKey: string; variables: Variables }): Promise<unknown>;
}

export class Camunda8Engine implements EnginePort {
  private readonly api: CamundaApi;

  /** `settings` are @camunda8/sdk settings: CAMUNDA_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY=OAUTH, ZEEBE_CLIENT_ID, … */
  constructor(settings: Record<string, string | number | boolean | undefined>) {
    const client = new Camunda8(settings as ConstructorParameters<typeof Camunda8>[0]).getOrchestrationClusterApiClient();
    this.api = client as unknown as CamundaApi;
  }

  async deploy(resources: DeployResource[]): Promise<ProcessDefinition[]> {
    const files = resources.map((resource) => new File([resource.xml], resource.name, { type: 'application/xml' }));
    const result = await this.api.createDeployment({ resources: files });
    return result.processes.map(toProcessDefinition);
  }

  async listProcessDefinitions(bpmnProcessId?: string): Promise<ProcessDefinition[]> {
    const result = await this.api.searchProcessDefinitions({ ...(bpmnProcessId ? { filter: { processDefinitionId: bpmnProcessId } } : {}) }, noWait);
    return result.items.map((item) => toProcessDefinition({ ...item, processDefinitionVersion: item.version }));
  }

  async getProcessDefinitionXml(processDefinitionKey: string): Promise<string | null> {
    return this.api.getProcessDefinitionXml({ processDefinitionKey }, noWait).catch(notFoundAsNull);
  }

  async createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    const created = await this.api.createProcessInstance({
      processDefinitionId: request.bpmnProcessId,
      ...(request.version !== undefined ? { processDefinitionVersion: request.version } : {}),
      variables: request.variables ?? {},
    });
    return {
      processInstanceKey: String(created.processInstanceKey),
      processDefinitionKey: String(created.processDefinitionKey),
      bpmnProcessId: created.processDefinitionId,
      version: created.processDefinitionVersion,
    };
  }

  async getProcessInstance(processInstanceKey: string): Promise<ProcessInstanceView | null> {
    const result = await this.api.searchProcessInstances({ filter: { processInstanceKey } }, noWait);
    const instance = result.items[0];
    return instance ? toInstanceView(instance) : null;
  }

  async searchProcessInstances(filter: ProcessInstanceFilter): Promise<{ items: ProcessInstanceView[]; total: number }> {
    const result = await this.api.searchProcessInstances({
      filter: {
        ...(filter.processInstanceKey ? { processInstanceKey: filter.processInstanceKey } : {}),
        ...(filter.bpmnProcessId ? { processDefinitionId: filter.bpmnProcessId } : {}),
        ...(filter.processDefinitionKey ? { processDefinitionKey: filter.processDefinitionKey } : {}),
        ...(filter.state ? { state: filter.state } : {}),
      },
      page: { from: filter.offset ?? 0, limit: filter.limit ?? 100 },
    }, noWait);
    return { items: result.items.map((item) => toInstanceView(item)), total: result.page?.totalItems ?? result.items.length };
  }

  async cancelProcessInstance(processInstanceKey: string): Promise<void> {
    await this.api.cancelProcessInstance({ processInstanceKey }).catch(notFoundAsEngineError);
  }

  async publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    const result = await this.api.publishMessage({
      name: request.name,
      correlationKey: request.correlationKey,
      timeToLive: request.timeToLiveMs ?? 0,
      ...(request.messageId ? { messageId: request.messageId } : {}),
      variables: request.variables ?? {},
    });
    // NOTE: Camunda 8's publication does not say whether the message was correlated.
    return { messageKey: String(result.messageKey ?? ''), correlated: false };
  }

  async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    const result = await this.api.activateJobs({
      type: request.type,
      worker: request.worker,
      maxJobsToActivate: request.maxJobsToActivate,
      timeout: request.timeoutMs,
      requestTimeout: request.requestTimeoutMs && request.requestTimeoutMs > 0 ? request.requestTimeoutMs : -1,
      ...(request.fetchVariables ? { fetchVariable: request.fetchVariables } : {}),
    });
    return result.jobs.map(toActivatedJob);
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    await this.api.completeJob({ jobKey, variables }).catch(notFoundAsEngineError);
  }

  async failJob(jobKey: string, request: FailJobRequest): Promise<void> {
    await this.api.failJob({
      jobKey,
      retries: request.retries,
      retryBackOff: request.retryBackOffMs ?? 0,
      ...(request.errorMessage !== undefined ? { errorMessage: request.errorMessage } : {}),
      ...(request.variables ? { variables: request.variables } : {}),
    }).catch(notFoundAsEngineError);
  }

  async throwJobError(jobKey: string, request: ThrowJobErrorRequest): Promise<void> {
    await this.api.throwJobError({ jobKey, ...request }).catch(notFoundAsEngineError);
  }

  async searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]> {
    const result = await this.api.searchUserTasks({
      filter: {
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.processInstanceKey ? { processInstanceKey: filter.processInstanceKey } : {}),
        ...(filter.candidateGroups?.[0] ? { candidateGroup: filter.candidateGroups[0] } : {}),
        ...(filter.assignee ? { assignee: filter.assignee } : {}),
        ...(filter.elementId ? { elementId: filter.elementId } : {}),
      },
    }, noWait);
    return result.items.map((task) => toUserTask(task));
  }

  async getUserTask(userTaskKey: string): Promise<UserTask | null> {
    const task = await this.api.getUserTask({ userTaskKey }, noWait).catch(notFoundAsNull);
    return task ? toUserTask(task) : null;
  }

  async assignUserTask(userTaskKey: string, assignee: string | null): Promise<void> {
    const call = assignee === null
      ? this.api.unassignUserTask({ userTaskKey })
      : this.api.assignUserTask({ userTaskKey, assignee, allowOverride: true });
    await call.catch(notFoundAsEngineError);
  }

  async completeUserTask(userTaskKey: string, variables: Variables = {}): Promise<void> {
    await this.api.completeUserTask({ userTaskKey, variables }).catch(notFoundAsEngineError);
  }

  /** The cluster runs timers and job locks itself. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 404;
}

function notFoundAsNull(error: unknown): null {
  if (isNotFound(error)) return null;
  throw error;
}

function notFoundAsEngineError(error: unknown): never {
  if (isNotFound(error)) throw new EngineNotFoundError((error as Error).message, { cause: error });
  throw error;
}
