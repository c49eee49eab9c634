// The SLA board of a supervisor or approver: the open dossiers of the
// actor's units with the working time left before each deadline, nearest
// deadline first, and a summary per unit, most breaches first, then most
// open dossiers. The /sla screen and GET /api/sla both read it from here.
import type { AppContext } from '../../context.ts';
import { listOpenDossiersWithUnits } from '../../db/sla.ts';
import type { Actor } from '../access.ts';
import { workingTimeLeft } from '../calendar.ts';
import { listProcedures } from '../catalogue.ts';

export interface SlaUnit {
  id: string;
  name: { ar: string; en: string };
  open: number;
  breached: number;
}

export interface SlaDossier {
  id: string;
  reference: string;
  procedureCode: string;
  procedureName: { ar: string; en: string } | null;
  unitId: string;
  unitName: { ar: string; en: string };
  status: string;
  receivedAt: Date;
  deadlineAt: Date;
  /** Working minutes until the deadline; negative once it has passed. */
  workingMinutesLeft: number;
  breached: boolean;
}

export interface SlaBoard {
  now: Date;
  units: SlaUnit[];
  dossiers: SlaDossier[];
}

/** Loads the board for the actor's units at the context's current time. */
export async function loadSlaBoard(ctx: AppContext, actor: Actor): Promise<SlaBoard> {
  const now = ctx.now();
  const names = new Map((await listProcedures(ctx.db)).map((procedure) => [procedure.code, procedure.name]));
  const dossiers = (await listOpenDossiersWithUnits(ctx.db, actor.unitIds)).map((row): SlaDossier => {
    const workingMinutesLeft = Math.round(workingTimeLeft(now, new Date(row.deadline_at), ctx.calendar));
    return {
      id: row.id,
      reference: row.reference,
      procedureCode: row.procedure_code,
      procedureName: names.get(row.procedure_code) ?? null,
      unitId: row.unit_id,
      unitName: { ar: row.unit_name_ar, en: row.unit_name_en },
      status: row.status,
      receivedAt: new Date(row.received_at),
      deadlineAt: new Date(row.deadline_at),
      workingMinutesLeft,
      breached: workingMinutesLeft < 0,
    };
  });
  const units = new Map<string, SlaUnit>();
  for (const dossier of dossiers) {
    const entry = units.get(dossier.unitId) ?? { id: dossier.unitId, name: dossier.unitName, open: 0, breached: 0 };
    entry.open += 1;
    if (dossier.breached) entry.breached += 1;
    units.set(dossier.unitId, entry);
  }
  return { now, units: [...units.values()].sort((a, b) => b.breached - a.breached || b.open - a.open), dossiers };
}
