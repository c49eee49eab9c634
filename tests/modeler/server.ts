// A Fastify app with only the modeler's routes on the embedded engine, for
// the route and browser tests. Requests count as an analyst's when they carry
// the header `x-analyst: yes` or the cookie `analyst=yes`.
import Fastify, { type FastifyInstance, type preHandlerHookHandler } from 'fastify';
import { modelerRoutes } from '../../src/api/routes/modeler.ts';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { createTestDb, type TestDb } from '../support/postgres.ts';

export const knownTaskTypes = ['receive', 'verify', 'digitize', 'seal', 'reuse', 'issue-result', 'notify'];

export const requireAnalyst: preHandlerHookHandler = async (request, reply) => {
  const analyst = request.headers['x-analyst'] === 'yes' || (request.headers.cookie ?? '').split(/;\s*/).includes('analyst=yes');
  if (!analyst) await reply.code(401).send({ code: 'request.unauthenticated', message: 'sign-in required', params: {} });
};

export interface ModelerServer {
  app: FastifyInstance;
  engine: EmbeddedEngine;
  close(): Promise<void>;
}

export async function createModelerServer(): Promise<ModelerServer> {
  const testDb: TestDb = await createTestDb();
  const engine = new EmbeddedEngine({ db: testDb.db });
  const app = Fastify({ logger: false });
  await app.register(modelerRoutes, { engine, knownTaskTypes, requireAnalyst });
  await app.ready();
  return {
    app,
    engine,
    async close() {
      await app.close();
      await engine.stop();
      await testDb.drop();
    },
  };
}
