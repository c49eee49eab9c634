// Rows of the engine tables turned into the port's types.
import type { DefinitionRow } from '../../db/engine/definitions.ts';
import type { IncidentRow } from '../../db/engine/incidents.ts';
import type { InstanceRow } from '../../db/engine/instances.ts';
import type { ActivatedJobRow } from '../../db/engine/jobs.ts';
import type { UserTaskRow } from '../../db/engine/user-tasks.ts';
import type { ActivatedJob, ProcessDefinition, ProcessInstanceView, UserTask, Variables } from '../port.ts';

export function toProcessDefinition(row: DefinitionRow): ProcessDefinition {
  return { processDefinitionKey: row.key, bpmnProcessId: row.bpmnProcessId, version: row.version, resourceName: row.resourceName };
}

export function toInstanceView(row: InstanceRow, incidents: IncidentRow[]): ProcessInstanceView {
  return {
    processInstanceKey: row.key,
    processDefinitionKey: row.definitionKey,
    bpmnProcessId: row.bpmnProcessId,
    version: row.version,
    state: row.state,
    variables: row.variables,
    activeElementIds: row.activeElementIds,
    incidents: incidents.map((incident) => ({
      incidentKey: incident.key,
      elementId: incident.elementId,
      jobKey: incident.jobKey,
      errorMessage: incident.errorMessage,
      createdAt: incident.createdAt.toISOString(),
    })),
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
  };
}

export function toActivatedJob(row: ActivatedJobRow, fetchVariables: string[] | undefined): ActivatedJob {
  const all: Variables = { ...row.variables, ...row.localVariables };
  const variables = fetchVariables && fetchVariables.length > 0 ? pick(all, fetchVariables) : all;
  return {
    jobKey: row.key,
    type: row.type,
    processInstanceKey: row.instanceKey,
    processDefinitionKey: row.definitionKey,
    bpmnProcessId: row.bpmnProcessId,
    processDefinitionVersion: row.version,
    elementId: row.elementId,
    elementInstanceKey: row.elementInstanceKey,
    customHeaders: row.customHeaders,
    worker: row.worker,
    retries: row.retries,
    deadline: Math.round(row.deadline),
    variables,
  };
}

export function toUserTask(row: UserTaskRow): UserTask {
  return {
    userTaskKey: row.key,
    elementId: row.elementId,
    name: row.name,
    processInstanceKey: row.instanceKey,
    processDefinitionKey: row.definitionKey,
    elementInstanceKey: row.elementInstanceKey,
    bpmnProcessId: row.bpmnProcessId,
    processDefinitionVersion: row.version,
    state: row.state,
    assignee: row.assignee,
    candidateGroups: row.candidateGroups,
    formKey: row.formKey,
    customHeaders: row.customHeaders,
    variables: row.variables,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

function pick(variables: Variables, names: string[]): Variables {
  const result: Variables = {};
  for (const name of names) if (name in variables) result[name] = variables[name];
  return result;
}
