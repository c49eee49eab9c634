// Process instance routes of the Camunda REST subset: create, search, get, cancel.
import type { FastifyInstance } from 'fastify';
import { EngineNotFoundError, type EnginePort, type ProcessInstanceState, type ProcessInstanceView, type Variables } from '../../engine/port.ts';
import { filterEquals, filterValue, keyParam, pageSchema, variablesSchema } from './schemas.ts';

interface CreateBody {
  processDefinitionId?: string;
  processDefinitionVersion?: number;
  processDefinitionKey?: string;
  variables?: Variables | null;
}

const instanceStates = new Set<string>(['ACTIVE', 'COMPLETED', 'TERMINATED']);

interface SearchBody {
  filter?: Record<string, unknown>;
  page?: { from?: number; limit?: number };
}

export function registerProcessInstanceRoutes(app: FastifyInstance, engine: EnginePort): void {
  app.post<{ Body: CreateBody }>('/process-instances', {
    schema: {
      body: {
        type: 'object',
        properties: {
          processDefinitionId: { type: 'string', minLength: 1 },
          processDefinitionVersion: { type: 'integer' },
          processDefinitionKey: { type: 'string', pattern: '^[0-9]{1,19}$' },
          variables: variablesSchema,
        },
      },
    },
  }, async (request) => {
    const body = request.body;
    let bpmnProcessId = body.processDefinitionId;
    let version = body.processDefinitionVersion !== undefined && body.processDefinitionVersion > 0 ? body.processDefinitionVersion : undefined;
    if (body.processDefinitionKey) {
      const definition = (await engine.listProcessDefinitions()).find((candidate) => candidate.processDefinitionKey === body.processDefinitionKey);
      if (!definition) throw new EngineNotFoundError(`process definition ${body.processDefinitionKey} not found`);
      bpmnProcessId = definition.bpmnProcessId;
      version = definition.version;
    }
    if (!bpmnProcessId) throw Object.assign(new Error('processDefinitionId or processDefinitionKey is required'), { statusCode: 400, code: 'INVALID_ARGUMENT' });
    const created = await engine.createProcessInstance({
      bpmnProcessId,
      ...(version !== undefined ? { version } : {}),
      variables: body.variables ?? {},
    });
    return {
      processDefinitionId: created.bpmnProcessId,
      processDefinitionVersion: created.version,
      processDefinitionKey: created.processDefinitionKey,
      processInstanceKey: created.processInstanceKey,
      tenantId: '<default>',
      variables: {},
    };
  });

  app.post<{ Body: SearchBody | null }>('/process-instances/search', {
    schema: {
      body: {
        type: ['object', 'null'],
        properties: {
          filter: {
            type: 'object',
            properties: { processInstanceKey: filterValue, processDefinitionId: filterValue, processDefinitionKey: filterValue, state: filterValue },
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
    if (state !== undefined && !instanceStates.has(state)) return { items: [], page: { totalItems: 0 } };
    const processInstanceKey = filterEquals(filter.processInstanceKey);
    const bpmnProcessId = filterEquals(filter.processDefinitionId);
    const processDefinitionKey = filterEquals(filter.processDefinitionKey);
    const result = await engine.searchProcessInstances({
      ...(processInstanceKey !== undefined ? { processInstanceKey } : {}),
      ...(bpmnProcessId !== undefined ? { bpmnProcessId } : {}),
      ...(processDefinitionKey !== undefined ? { processDefinitionKey } : {}),
      ...(state !== undefined ? { state: state as ProcessInstanceState } : {}),
      limit: page.limit ?? 100,
      offset: page.from ?? 0,
    });
    return { items: result.items.map(toSearchItem), page: { totalItems: result.total } };
  });

  app.get<{ Params: { key: string } }>('/process-instances/:key', { schema: { params: keyParam } }, async (request) => {
    const view = await engine.getProcessInstance(request.params.key);
    if (!view) throw new EngineNotFoundError(`process instance ${request.params.key} not found`);
    return toSearchItem(view);
  });

  app.post<{ Params: { key: string } }>('/process-instances/:key/cancellation', { schema: { params: keyParam } }, async (request, reply) => {
    await engine.cancelProcessInstance(request.params.key);
    return reply.code(204).send();
  });
}

function toSearchItem(view: ProcessInstanceView): Record<string, unknown> {
  return {
    processInstanceKey: view.processInstanceKey,
    processDefinitionKey: view.processDefinitionKey,
    processDefinitionId: view.bpmnProcessId,
    processDefinitionName: view.bpmnProcessId,
    processDefinitionVersion: view.version,
    startDate: view.startedAt,
    ...(view.endedAt ? { endDate: view.endedAt } : {}),
    state: view.state,
    hasIncident: view.incidents.length > 0,
    tenantId: '<default>',
  };
}
