// Message routes of the Camunda REST subset: publication (buffered for its
// time to live when no subscription waits) and correlation (404 when none waits).
import type { FastifyInstance } from 'fastify';
import { EngineNotFoundError, type EnginePort, type Variables } from '../../engine/port.ts';
import { variablesSchema } from './schemas.ts';

interface MessageBody {
  name: string;
  correlationKey?: string;
  timeToLive?: number;
  messageId?: string;
  variables?: Variables | null;
}

const messageSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    correlationKey: { type: 'string' },
    timeToLive: { type: 'integer', minimum: 0 },
    messageId: { type: 'string' },
    variables: variablesSchema,
    tenantId: { type: 'string' },
  },
} as const;

export function registerMessageRoutes(app: FastifyInstance, engine: EnginePort): void {
  app.post<{ Body: MessageBody }>('/messages/publication', { schema: { body: messageSchema } }, async (request) => {
    const body = request.body;
    const result = await engine.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      variables: body.variables ?? {},
      timeToLiveMs: body.timeToLive ?? 0,
      ...(body.messageId ? { messageId: body.messageId } : {}),
    });
    return { tenantId: '<default>', messageKey: result.messageKey };
  });

  app.post<{ Body: MessageBody }>('/messages/correlation', { schema: { body: messageSchema } }, async (request) => {
    const body = request.body;
    const result = await engine.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      variables: body.variables ?? {},
      timeToLiveMs: 0,
    });
    if (!result.correlated) {
      throw new EngineNotFoundError(`no process instance waits for message ${body.name} with correlation key ${body.correlationKey ?? ''}`);
    }
    return { tenantId: '<default>', messageKey: result.messageKey, processInstanceKey: result.processInstanceKey };
  });
}
