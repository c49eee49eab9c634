// The SLA board: open dossiers of the supervisor's units with the working
// time left before their deadline, breaches first, and a summary per unit.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { listOpenDossiersWithUnits } from '../../db/sla.ts';
import { workingTimeLeft } from '../../domain/calendar.ts';
import { requireActor, requireRole } from '../session.ts';

export async function slaRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/api/sla', { preHandler: requireRole('supervisor', 'approver', 'admin'), schema: { summary: 'Open dossiers by unit with time left' } }, async (request) => {
    const actor = requireActor(request);
    const now = ctx.now();
    const open = (await listOpenDossiersWithUnits(ctx.db, actor.unitIds)).map((row) => {
      const minutesLeft = Math.round(workingTimeLeft(now, new Date(row.deadline_at), ctx.calendar));
      return {
        id: row.id,
        reference: row.reference,
        procedureCode: row.procedure_code,
        unit: { id: row.unit_id, ar: row.unit_name_ar, en: row.unit_name_en },
        status: row.status,
        receivedAt: new Date(row.received_at).toISOString(),
        deadlineAt: new Date(row.deadline_at).toISOString(),
        workingMinutesLeft: minutesLeft,
        breached: minutesLeft < 0,
      };
    });
    const units = new Map<string, { unit: { id: string; ar: string; en: string }; open: number; breached: number }>();
    for (const dossier of open) {
      const entry = units.get(dossier.unit.id) ?? { unit: dossier.unit, open: 0, breached: 0 };
      entry.open += 1;
      if (dossier.breached) entry.breached += 1;
      units.set(dossier.unit.id, entry);
    }
    return { now: now.toISOString(), units: [...units.values()].sort((a, b) => b.breached - a.breached), dossiers: open };
  });
}
