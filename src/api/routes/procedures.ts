import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { getProcedure, listProcedures } from '../../domain/catalogue.ts';

export async function procedureRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/api/procedures', { schema: { summary: 'The procedure catalogue' } }, async () => ({ procedures: await listProcedures(ctx.db) }));

  app.get('/api/procedures/:code', {
    schema: { params: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Z]{2}-[0-9]{2}$' } } } },
  }, async (request) => ({ procedure: await getProcedure(ctx.db, (request.params as { code: string }).code) }));
}
