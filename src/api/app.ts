// Builds the Fastify application: plugins, error handling, sessions and every
// route. server.ts listens; tests call buildApp and use inject().
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { camundaRestPlugin } from './camunda/plugin.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { installErrorHandler } from './error-handler.ts';
import { documentRoutes } from './routes/documents.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { modelerRoutes } from './routes/modeler.ts';
import { procedureRoutes } from './routes/procedures.ts';
import { sessionRoutes } from './routes/session.ts';
import { slaRoutes } from './routes/sla.ts';
import { taskRoutes } from './routes/tasks.ts';
import { installSessions, requireRole } from './session.ts';
import { webRoutes } from '../web/routes.ts';

export interface BuildAppOptions {
  /** Task types the workers implement (the modeler's lint accepts only these). */
  knownTaskTypes: string[];
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 6 * 1024 * 1024,
    trustProxy: false,
    // Workers hold long-polling job activations open; closing must not wait for them.
    forceCloseConnections: true,
  });
  installErrorHandler(app);
  await app.register(fastifyCookie, { secret: ctx.config.SIJILL_SESSION_SECRET });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.SIJILL_MAX_UPLOAD_BYTES, files: 30, fields: 200, fieldSize: 100_000 },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Sijill API', version: '0.1.0', description: 'Dossiers, documents, tasks and results; plus the Camunda 8 REST subset under /v2.' } },
  });
  installSessions(app, ctx);

  await app.register(sessionRoutes, { ctx });
  await app.register(procedureRoutes, { ctx });
  await app.register(dossierRoutes, { ctx });
  await app.register(documentRoutes, { ctx });
  await app.register(taskRoutes, { ctx });
  await app.register(slaRoutes, { ctx });
  await app.register(complianceRoutes, { ctx });
  await app.register(modelerRoutes, { engine: ctx.engine, db: ctx.db, knownTaskTypes: options.knownTaskTypes, requireAnalyst: requireRole('analyst', 'admin') });
  // Job workers call /v2 several times per task, so its per-request info lines are off; errors are still logged.
  await app.register(camundaRestPlugin, { prefix: '/v2', engine: ctx.engine, logLevel: 'warn' });
  await app.register(webRoutes, { ctx });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  return app;
}
