// The engine port: everything Sijill asks of a BPMN workflow engine. The API,
// the domain and the demo use only this interface; two adapters implement it:
//   embedded  — an open-source BPMN engine with instance state, jobs, timers
//               and messages kept in PostgreSQL (src/engine/embedded/);
//   camunda8  — a licensed Camunda 8 cluster through @camunda8/sdk.
// Keys are decimal strings, as Camunda 8 returns them. Variables are JSON.
//
// Lifecycles:
//   process instance: ACTIVE → COMPLETED | TERMINATED (cancelled); an ACTIVE
//     instance may have incidents (a job out of retries) and stays ACTIVE.
//   job: ACTIVATABLE → ACTIVATED (locked to one worker until its deadline,
//     then ACTIVATABLE again) → COMPLETED | ERROR_THROWN | FAILED (retries
//     left: ACTIVATABLE after the back-off; none left: an incident).
//   user task: CREATED → (assigned) → COMPLETED | CANCELED.

export type Variables = Record<string, unknown>;

export interface DeployResource {
  /** File name, e.g. 'BL-01.bpmn'. */
  name: string;
  xml: string;
}

export interface ProcessDefinition {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
}

export interface CreateInstanceRequest {
  bpmnProcessId: string;
  /** Latest version when omitted. */
  version?: number;
  variables?: Variables;
}

export interface ProcessInstanceRef {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstanceView extends ProcessInstanceRef {
  state: ProcessInstanceState;
  variables: Variables;
  /** Ids of the BPMN elements that hold a token now. */
  activeElementIds: string[];
  incidents: Incident[];
  startedAt: string;
  endedAt: string | null;
}

export interface ProcessInstanceFilter {
  processInstanceKey?: string;
  bpmnProcessId?: string;
  processDefinitionKey?: string;
  state?: ProcessInstanceState;
  /** Most instances returned; 100 when omitted. */
  limit?: number;
  offset?: number;
}

export interface Incident {
  incidentKey: string;
  elementId: string;
  jobKey: string | null;
  errorMessage: string;
  createdAt: string;
}

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** How long the message stays buffered for subscriptions opened later, in ms; 0 = not buffered. */
  timeToLiveMs?: number;
  /** Client id of the message: publishing it again while an equal message (same name and correlation key) is buffered throws EngineConflictError. */
  messageId?: string;
}

export interface PublishMessageResult {
  messageKey: string;
  correlated: boolean;
  /** The first instance the message was correlated to (it is correlated to at most one instance per BPMN process id). */
  processInstanceKey?: string;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  maxJobsToActivate: number;
  /** How long the job stays locked to this worker, in ms. */
  timeoutMs: number;
  /** Variable names to return; all when omitted. */
  fetchVariables?: string[];
  /** Long polling: when no job is activatable, wait up to this long for one, in ms. 0 or omitted: return at once. */
  requestTimeoutMs?: number;
}

export interface ActivatedJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  /** Epoch ms when the lock ends. */
  deadline: number;
  variables: Variables;
}

export interface FailJobRequest {
  retries: number;
  errorMessage?: string;
  /** Wait before the job can be activated again, in ms. */
  retryBackOffMs?: number;
  variables?: Variables;
}

export interface ThrowJobErrorRequest {
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface UserTask {
  userTaskKey: string;
  elementId: string;
  name: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  formKey: string | null;
  customHeaders: Record<string, string>;
  /** The instance's variables when the task was created. */
  variables: Variables;
  createdAt: string;
  completedAt: string | null;
}

export interface UserTaskFilter {
  state?: UserTaskState;
  processInstanceKey?: string;
  candidateGroups?: string[];
  assignee?: string;
  elementId?: string;
}

export interface EnginePort {
  deploy(resources: DeployResource[]): Promise<ProcessDefinition[]>;
  listProcessDefinitions(bpmnProcessId?: string): Promise<ProcessDefinition[]>;
  getProcessDefinitionXml(processDefinitionKey: string): Promise<string | null>;

  createProcessInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef>;
  getProcessInstance(processInstanceKey: string): Promise<ProcessInstanceView | null>;
  searchProcessInstances(filter: ProcessInstanceFilter): Promise<{ items: ProcessInstanceView[]; total: number }>;
  cancelProcessInstance(processInstanceKey: string): Promise<void>;

  publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult>;

  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]>;
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  failJob(jobKey: string, request: FailJobRequest): Promise<void>;
  throwJobError(jobKey: string, request: ThrowJobErrorRequest): Promise<void>;

  searchUserTasks(filter: UserTaskFilter): Promise<UserTask[]>;
  getUserTask(userTaskKey: string): Promise<UserTask | null>;
  assignUserTask(userTaskKey: string, assignee: string | null): Promise<void>;
  completeUserTask(userTaskKey: string, variables?: Variables): Promise<void>;

  /** Starts background work (due timers, expired job locks). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Thrown when a key names no instance, job or task, or one no longer in a state that allows the call. */
export class EngineNotFoundError extends Error {
  override name = 'EngineNotFoundError';
}

/** Thrown when a published message has the message id of an equal message still buffered (same name and correlation key). */
export class EngineConflictError extends Error {
  override name = 'EngineConflictError';
}

/** Thrown when a diagram cannot be deployed; `problems` names each element and why. */
export class DeploymentRejectedError extends Error {
  override name = 'DeploymentRejectedError';
  readonly problems: { elementId: string; message: string }[];

  constructor(resourceName: string, problems: { elementId: string; message: string }[]) {
    super(`${resourceName}: ${problems.map((p) => `${p.elementId}: ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}
