// The officers' tasklist: open user tasks of the caller's candidate groups,
// limited to dossiers of the caller's units, and their completion.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { staffRoles } from '../../domain/access.ts';
import { completeOfficerTask, type TaskCompletion } from '../../domain/dossiers/officer-tasks.ts';
import { listOpenTasks } from '../../domain/dossiers/task-list.ts';
import { requireActor, requireRole } from '../session.ts';

const completionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matches: { type: 'boolean' },
    supplementRequested: { type: 'boolean' },
    decision: { type: 'string', enum: ['approved', 'rejected'] },
    note: { type: 'string', maxLength: 2000 },
  },
} as const;

export async function taskRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const staffOnly = requireRole(...staffRoles);

  app.get('/api/tasks', { preHandler: staffOnly, schema: { summary: 'Open tasks the caller may work on' } }, async (request) => {
    const visible = (await listOpenTasks(ctx, requireActor(request))).map(({ key, name, elementId, form, candidateGroups, createdAt, dossier }) => ({
      key,
      name,
      elementId,
      form,
      candidateGroups,
      createdAt,
      dossier: { id: dossier.id, reference: dossier.reference, procedureCode: dossier.procedure_code, deadlineAt: new Date(dossier.deadline_at).toISOString(), status: dossier.status },
    }));
    return { tasks: visible };
  });

  app.post('/api/tasks/:key/completion', {
    preHandler: staffOnly,
    schema: { params: { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[0-9]+$' } } }, body: completionBody },
  }, async (request, reply) => {
    await completeOfficerTask(ctx, requireActor(request), (request.params as { key: string }).key, (request.body ?? {}) as TaskCompletion);
    return reply.status(204).send();
  });
}
