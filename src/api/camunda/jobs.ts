// Job routes of the Camunda REST subset: activation (with long polling),
// completion, failure and BPMN error, as @camunda8/sdk's REST job workers call them.
import type { FastifyInstance } from 'fastify';
import type { EnginePort, Variables } from '../../engine/port.ts';
import { keyParam, variablesSchema } from './schemas.ts';

/** Long-poll wait used when a request sets requestTimeout to 0, as zeebe's gateway does with its 10 s default. */
const defaultRequestTimeoutMs = 10_000;

interface ActivationBody {
  type: string;
  worker?: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  requestTimeout?: number;
}

export function registerJobRoutes(app: FastifyInstance, engine: EnginePort): void {
  app.post<{ Body: ActivationBody }>('/jobs/activation', {
    schema: {
      body: {
        type: 'object',
        required: ['type', 'timeout', 'maxJobsToActivate'],
        properties: {
          type: { type: 'string', minLength: 1 },
          worker: { type: 'string' },
          timeout: { type: 'integer', minimum: 1 },
          maxJobsToActivate: { type: 'integer', minimum: 1, maximum: 1000 },
          fetchVariable: { type: 'array', items: { type: 'string' } },
          requestTimeout: { type: 'integer' },
          tenantIds: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  }, async (request) => {
    const body = request.body;
    // Camunda's contract: 0 means the default wait, a negative value means no wait.
    let requestTimeoutMs = body.requestTimeout ?? 0;
    if (requestTimeoutMs === 0) requestTimeoutMs = defaultRequestTimeoutMs;
    if (requestTimeoutMs < 0) requestTimeoutMs = 0;
    const jobs = await engine.activateJobs({
      type: body.type,
      worker: body.worker ?? 'default',
      maxJobsToActivate: body.maxJobsToActivate,
      timeoutMs: body.timeout,
      requestTimeoutMs,
      ...(body.fetchVariable ? { fetchVariables: body.fetchVariable } : {}),
    });
    return {
      jobs: jobs.map((job) => ({
        jobKey: job.jobKey,
        type: job.type,
        processInstanceKey: job.processInstanceKey,
        processDefinitionKey: job.processDefinitionKey,
        processDefinitionId: job.bpmnProcessId,
        processDefinitionVersion: job.processDefinitionVersion,
        elementId: job.elementId,
        elementInstanceKey: job.elementInstanceKey,
        customHeaders: job.customHeaders,
        worker: job.worker,
        retries: job.retries,
        deadline: job.deadline,
        variables: job.variables,
        tenantId: '<default>',
        kind: 'BPMN_ELEMENT',
        listenerEventType: 'UNSPECIFIED',
        tags: [],
      })),
    };
  });

  app.post<{ Params: { key: string }; Body: { variables?: Variables | null } | null }>('/jobs/:key/completion', {
    schema: { params: keyParam, body: { type: ['object', 'null'], properties: { variables: variablesSchema } } },
  }, async (request, reply) => {
    await engine.completeJob(request.params.key, request.body?.variables ?? {});
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string }; Body: { retries?: number; errorMessage?: string; retryBackOff?: number; variables?: Variables | null } }>('/jobs/:key/failure', {
    schema: {
      params: keyParam,
      body: {
        type: 'object',
        properties: {
          retries: { type: 'integer', minimum: 0 },
          errorMessage: { type: 'string' },
          retryBackOff: { type: 'integer', minimum: 0 },
          variables: variablesSchema,
        },
      },
    },
  }, async (request, reply) => {
    const body = request.body;
    await engine.failJob(request.params.key, {
      retries: body.retries ?? 0,
      retryBackOffMs: body.retryBackOff ?? 0,
      ...(body.errorMessage !== undefined ? { errorMessage: body.errorMessage } : {}),
      ...(body.variables ? { variables: body.variables } : {}),
    });
    return reply.code(204).send();
  });

  app.post<{ Params: { key: string }; Body: { errorCode: string; errorMessage?: string; variables?: Variables | null } }>('/jobs/:key/error', {
    schema: {
      params: keyParam,
      body: {
        type: 'object',
        required: ['errorCode'],
        properties: { errorCode: { type: 'string', minLength: 1 }, errorMessage: { type: ['string', 'null'] }, variables: variablesSchema },
      },
    },
  }, async (request, reply) => {
    const body = request.body;
    await engine.throwJobError(request.params.key, {
      errorCode: body.errorCode,
      ...(body.errorMessage ? { errorMessage: body.errorMessage } : {}),
      ...(body.variables ? { variables: body.variables } : {}),
    });
    return reply.code(204).send();
  });
}
