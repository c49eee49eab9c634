// The SLA board as JSON (src/domain/dossiers/sla-board.ts): open dossiers of
// the supervisor's units with the working time left, and a summary per unit.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { loadSlaBoard } from '../../domain/dossiers/sla-board.ts';
import { requireActor, requireRole } from '../session.ts';

export async function slaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/api/sla', { preHandler: requireRole('supervisor', 'approver', 'admin'), schema: { summary: 'Open dossiers by unit with time left' } }, async (request) => {
    const board = await loadSlaBoard(ctx, requireActor(request));
    return {
      now: board.now.toISOString(),
      units: board.units.map((unit) => ({ unit: { id: unit.id, ar: unit.name.ar, en: unit.name.en }, open: unit.open, breached: unit.breached })),
      dossiers: board.dossiers.map((dossier) => ({
        id: dossier.id,
        reference: dossier.reference,
        procedureCode: dossier.procedureCode,
        unit: { id: dossier.unitId, ar: dossier.unitName.ar, en: dossier.unitName.en },
        status: dossier.status,
        receivedAt: dossier.receivedAt.toISOString(),
        deadlineAt: dossier.deadlineAt.toISOString(),
        workingMinutesLeft: dossier.workingMinutesLeft,
        breached: dossier.breached,
      })),
    };
  });
}
