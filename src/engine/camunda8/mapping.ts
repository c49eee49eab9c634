// Mapping between Camunda 8 REST (Orchestration Cluster API) shapes and the
// engine port's types. Pure functions, so they are tested without a cluster.
import type { ActivatedJob, ProcessDefinition, ProcessInstanceView, UserTask, UserTaskState, Variables } from '../port.ts';

/** The fields of an activated job that Camunda 8 returns (keys are strings). */
export interface CamundaJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, unknown>;
  worker: string;
  retries: number;
  deadline: number | bigint | string;
  variables: Record<string, unknown>;
}

export interface CamundaUserTask {
  userTaskKey: string;
  name?: string;
  state?: string;
  assignee?: string;
  elementId?: string;
  elementInstanceKey?: string;
  candidateGroups?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionVersion?: number;
  processInstanceKey?: string;
  formKey?: string;
  customHeaders?: Record<string, string>;
  creationDate?: string;
  completionDate?: string;
}

export interface CamundaProcessInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  state: string;
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
}

export interface CamundaDeployedProcess {
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  resourceName: string;
}

export function toActivatedJob(job: CamundaJob): ActivatedJob {
  return {
    jobKey: String(job.jobKey),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    processDefinitionKey: String(job.processDefinitionKey),
    bpmnProcessId: String(job.processDefinitionId),
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: String(job.elementId),
    elementInstanceKey: String(job.elementInstanceKey),
    customHeaders: Object.fromEntries(Object.entries(job.customHeaders).map(([key, value]) => [key, String(value)])),
    worker: job.worker,
    retries: job.retries,
    deadline: Number(job.deadline),
    variables: job.variables,
  };
}

/** Camunda 8 has more user task states than the port; transient ones map to the state they lead from. */
export function toUserTaskState(state: string | undefined): UserTaskState {
  switch (state) {
    case 'COMPLETED':
      return 'COMPLETED';
    case 'CANCELED':
    case 'FAILED':
      return 'CANCELED';
    default:
      return 'CREATED';
  }
}

export function toUserTask(task: CamundaUserTask, variables: Variables = {}): UserTask {
  return {
    userTaskKey: String(task.userTaskKey),
    elementId: String(task.elementId ?? ''),
    name: task.name ?? String(task.elementId ?? ''),
    processInstanceKey: String(task.processInstanceKey ?? ''),
    processDefinitionKey: String(task.processDefinitionKey ?? ''),
    elementInstanceKey: String(task.elementInstanceKey ?? ''),
    bpmnProcessId: String(task.processDefinitionId ?? ''),
    processDefinitionVersion: task.processDefinitionVersion ?? 0,
    state: toUserTaskState(task.state),
    assignee: task.assignee ?? null,
    candidateGroups: task.candidateGroups ?? [],
    formKey: task.formKey !== undefined ? String(task.formKey) : null,
    customHeaders: task.customHeaders ?? {},
    variables,
    createdAt: task.creationDate ?? '',
    completedAt: task.completionDate ?? null,
  };
}

export function toInstanceView(instance: CamundaProcessInstance, variables: Variables = {}): ProcessInstanceView {
  const state = instance.state === 'COMPLETED' || instance.state === 'TERMINATED' ? instance.state : 'ACTIVE';
  return {
    processInstanceKey: String(instance.processInstanceKey),
    processDefinitionKey: String(instance.processDefinitionKey),
    bpmnProcessId: String(instance.processDefinitionId),
    version: instance.processDefinitionVersion,
    state,
    variables,
    // NOTE: Camunda 8 reports active elements and incidents through separate
    // searches; the adapter leaves both empty.
    activeElementIds: [],
    incidents: [],
    startedAt: instance.startDate,
    endedAt: instance.endDate ?? null,
  };
}

export function toProcessDefinition(process: CamundaDeployedProcess): ProcessDefinition {
  return {
    processDefinitionKey: String(process.processDefinitionKey),
    bpmnProcessId: String(process.processDefinitionId),
    version: process.processDefinitionVersion,
    resourceName: process.resourceName,
  };
}
