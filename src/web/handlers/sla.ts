// The SLA board for supervisors and approvers: the open dossiers of their
// units, breaches first within each unit's summary, nearest deadline first
// in the list.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { listOpenDossiersWithUnits } from '../../db/sla.ts';
import { workingTimeLeft } from '../../domain/calendar.ts';
import { listProcedures } from '../../domain/catalogue.ts';
import { renderSlaPage, type SlaDossier, type SlaUnit } from '../pages/sla.ts';
import { pageContextOf, requirePageRole, sendHtml } from '../request.ts';

export async function slaPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/sla', async (request, reply) => {
    const actor = requirePageRole(request, 'supervisor', 'approver', 'admin');
    const now = ctx.now();
    const names = new Map((await listProcedures(ctx.db)).map((procedure) => [procedure.code, procedure.name]));
    const dossiers: SlaDossier[] = (await listOpenDossiersWithUnits(ctx.db, actor.unitIds)).map((row) => ({
      id: row.id,
      reference: row.reference,
      procedureCode: row.procedure_code,
      procedureName: names.get(row.procedure_code) ?? null,
      unitId: row.unit_id,
      unitName: { ar: row.unit_name_ar, en: row.unit_name_en },
      status: row.status,
      deadlineAt: new Date(row.deadline_at),
      workingMinutesLeft: Math.round(workingTimeLeft(now, new Date(row.deadline_at), ctx.calendar)),
    }));
    const units = new Map<string, SlaUnit>();
    for (const dossier of dossiers) {
      const entry = units.get(dossier.unitId) ?? { id: dossier.unitId, name: dossier.unitName, open: 0, breached: 0 };
      entry.open += 1;
      if (dossier.workingMinutesLeft < 0) entry.breached += 1;
      units.set(dossier.unitId, entry);
    }
    const summary = [...units.values()].sort((a, b) => b.breached - a.breached || b.open - a.open);
    return sendHtml(reply, renderSlaPage(pageContextOf(ctx, request), summary, dossiers));
  });
}
