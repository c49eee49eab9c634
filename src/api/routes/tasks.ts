// The officers' tasklist: open user tasks of the caller's candidate groups,
// limited to dossiers of the caller's units, and their completion.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { staffRoles } from '../../domain/access.ts';
import { canWorkOn, completeOfficerTask, loadTaskDossier, taskFormOf, type TaskCompletion } from '../../domain/dossiers/officer-tasks.ts';
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
    const actor = requireActor(request);
    const tasks = await ctx.engine.searchUserTasks({ state: 'CREATED', candidateGroups: actor.account.roles });
    const visible = [];
    for (const task of tasks) {
      const dossier = await loadTaskDossier(ctx, task);
      if (!dossier || !canWorkOn(actor, task, dossier)) continue;
      visible.push({
        key: task.userTaskKey,
        name: task.name,
        elementId: task.elementId,
        form: taskFormOf(task),
        candidateGroups: task.candidateGroups,
        createdAt: task.createdAt,
        dossier: { id: dossier.id, reference: dossier.reference, procedureCode: dossier.procedure_code, deadlineAt: new Date(dossier.deadline_at).toISOString(), status: dossier.status },
      });
    }
    visible.sort((a, b) => a.dossier.deadlineAt.localeCompare(b.dossier.deadlineAt));
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
