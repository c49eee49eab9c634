// User task routes of the Camunda REST subset: search, get, assign,
// unassign and complete.
import type { FastifyInstance } from 'fastify';
import { EngineNotFoundError, type EnginePort, type UserTask, type UserTaskState, type Variables } from '../../engine/port.ts';
import { filterEquals, filterValue, keyParam, pageSchema, variablesSchema } from './schemas.ts';

const taskStates = new Set<string>(['CREATED', 'COMPLETED', 'CANCELED']);

interface SearchBody {
  filter?: Record<string, unknown>;
  page?: { from?: number; limit?: number };
}

export function registerUserTaskRoutes(app: FastifyInstance, engine: EnginePort): void {
  app.post<{ Body: SearchBody | null }>('/user-tasks/search', {
    schema: {
      body: {
        type: ['object', 'null'],
        properties: {
          filter: {
            type: 'object',
            properties: {
              state: filterValue, assignee: filterValue, candidateGroup: filterValue, processInstanceKey: filterValue,
              elementId: filterValue, userTaskKey: filterValue,
            },
          },
          page: pageSchema,
          sort: { type: 'array' },
        },
      },
    },
  }, async (request) => {
    const filter = request.body?.filter ?? {};
    const page = request.body?.page ?? {};
    const state = filterEquals(filter.state);
    const userTaskKey = filterEquals(filter.userTaskKey);
    let tasks: UserTask[];
    if (state !== undefined && !taskStates.has(state)) {
      tasks = [];
    } else if (userTaskKey !== undefined) {
      const task = await engine.getUserTask(userTaskKey);
      tasks = task ? [task] : [];
    } else {
      const candidateGroup = filterEquals(filter.candidateGroup);
      const processInstanceKey = filterEquals(filter.processInstanceKey);
      const assignee = filterEquals(filter.assignee);
      const elementId = filterEquals(filter.elementId);
      tasks = await engine.searchUserTasks({
        ...(state !== undefined ? { state: state as UserTaskState } : {}),
        ...(candidateGroup !== undefined ? { candidateGroups: [candidateGroup] } : {}),
        ...(processInstanceKey !== undefined ? { processInstanceKey } : {}),
        ...(assignee !== undefined ? { assignee } : {}),
        ...(elementId !== undefined ? { elementId } : {}),
      });
    }
    const from = page.from ?? 0;
    return { items: tasks.slice(from, from + (page.limit ?? 100)).map(toItem), page: { totalItems: tasks.length } };
  });

  app.get<{ Params: { key: string } }>('/user-tasks/:key', { schema: { params: keyParam } }, async (request) => {
    const task = await engine.getUserTask(request.params.key);
    if (!task) throw new EngineNotFoundError(`user task ${request.params.key} not found`);
    return toItem(task);
  });

  app.post<{ Params: { key: string }; Body: { assignee: string; allowOverride?: boolean } }>('/user-tasks/:key/assignment', {
    schema: {
      params: keyParam,
      body: {
        type: 'object',
        required: ['assignee'],
        properties: { assignee: { type: 'string', minLength: 1 }, allowOverride: { type: ['boolean', 'null'] }, action: { type: ['string', 'null'] } },
      },
    },
  }, async (request, reply) => {
    const task = await engine.getUserTask(request.params.key);
    if (!task || task.state !== 'CREATED') throw new EngineNotFoundError(`user task ${request.params.key} not found or not open`);
    if (request.body.allowOverride === false && task.assignee !== null && task.assignee !== request.body.assignee) {
      return reply.code(409).type('application/problem+json').send({
        type: 'about:blank', title: 'INVALID_STATE', status: 409,
        detail: `user task ${request.params.key} is already assigned to ${task.assignee}`, instance: request.url,
      });
    }
    await engine.assignUserTask(request.params.key, request.body.assignee);
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string } }>('/user-tasks/:key/assignee', { schema: { params: keyParam } }, async (request, reply) => {
    await engine.assignUserTask(request.params.key, null);
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string }; Body: { variables?: Variables | null } | null }>('/user-tasks/:key/completion', {
    schema: { params: keyParam, body: { type: ['object', 'null'], properties: { variables: variablesSchema, action: { type: ['string', 'null'] } } } },
  }, async (request, reply) => {
    await engine.completeUserTask(request.params.key, request.body?.variables ?? {});
    return reply.code(204).send();
  });
}

function toItem(task: UserTask): Record<string, unknown> {
  return {
    userTaskKey: task.userTaskKey,
    name: task.name,
    state: task.state,
    ...(task.assignee !== null ? { assignee: task.assignee } : {}),
    elementId: task.elementId,
    elementInstanceKey: task.elementInstanceKey,
    candidateGroups: task.candidateGroups,
    candidateUsers: [],
    processDefinitionId: task.bpmnProcessId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersion: task.processDefinitionVersion,
    processInstanceKey: task.processInstanceKey,
    creationDate: task.createdAt,
    ...(task.completedAt !== null ? { completionDate: task.completedAt } : {}),
    ...(task.formKey !== null ? { formKey: task.formKey } : {}),
    customHeaders: task.customHeaders,
    tenantId: '<default>',
    priority: 50,
  };
}
