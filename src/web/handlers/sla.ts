// The SLA board for supervisors and approvers (src/domain/dossiers/sla-board.ts).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { loadSlaBoard } from '../../domain/dossiers/sla-board.ts';
import { renderSlaPage } from '../pages/sla.ts';
import { pageContextOf, requirePageRole, sendHtml } from '../request.ts';

export async function slaPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/sla', async (request, reply) => {
    const actor = requirePageRole(request, 'supervisor', 'approver', 'admin');
    const board = await loadSlaBoard(ctx, actor);
    return sendHtml(reply, renderSlaPage(pageContextOf(ctx, request), board.units, board.dossiers));
  });
}
