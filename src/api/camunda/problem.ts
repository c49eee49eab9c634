// Errors of the Camunda REST subset as RFC 9457 problem details, the shape
// Camunda 8 returns and @camunda8/sdk reads.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DeploymentRejectedError, EngineConflictError, EngineNotFoundError } from '../../engine/port.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

export function problem(status: number, title: string, detail: string, instance: string): Problem {
  return { type: 'about:blank', title, status, detail, instance };
}

export function handleCamundaError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof EngineNotFoundError) {
    return sendProblem(reply, problem(404, 'NOT_FOUND', error.message, request.url));
  }
  if (error instanceof EngineConflictError) {
    return sendProblem(reply, problem(409, 'ALREADY_EXISTS', error.message, request.url));
  }
  if (error instanceof DeploymentRejectedError) {
    return sendProblem(reply, problem(400, 'INVALID_ARGUMENT', error.message, request.url));
  }
  if (error.validation) {
    return sendProblem(reply, problem(400, 'INVALID_ARGUMENT', error.message, request.url));
  }
  if (error.statusCode && error.statusCode < 500) {
    return sendProblem(reply, problem(error.statusCode, error.code ?? 'INVALID_ARGUMENT', error.message, request.url));
  }
  request.log.error({ err: error }, 'camunda api request failed');
  return sendProblem(reply, problem(500, 'INTERNAL', 'the engine failed to process the request; the log has the details', request.url));
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}
