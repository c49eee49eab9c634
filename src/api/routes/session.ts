import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { signIn, signOut } from '../session.ts';

export async function sessionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post('/api/session', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      body: { type: 'object', required: ['username', 'password'], additionalProperties: false, properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const account = await signIn(ctx, reply, username, password);
    return { account: { id: account.id, username: account.username, displayName: account.display_name, roles: account.roles, unitId: account.unit_id } };
  });

  app.get('/api/session', async (request) => {
    const actor = request.actor;
    if (!actor) return { account: null };
    const { account } = actor;
    return { account: { id: account.id, username: account.username, displayName: account.display_name, roles: account.roles, unitId: account.unit_id } };
  });

  app.delete('/api/session', async (_request, reply) => {
    signOut(reply);
    return reply.status(204).send();
  });
}
