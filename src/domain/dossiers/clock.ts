// The processing clock of a dossier: it runs from electronic receipt and
// stops while a supplement is awaited. The deadline is recomputed from the
// receipt time, the legal working days and the pauses, so it moves by exactly
// the working time spent waiting.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { DossierRow } from '../../db/dossiers.ts';
import { endOpenPauses, insertPause, listPauses, setDossierDeadline } from '../../db/pauses.ts';
import { computeDeadline, type WorkingCalendar } from '../calendar.ts';
import type { Procedure } from '../procedures.ts';

export async function pauseClock(tx: Queryable, dossier: DossierRow, reason: string, at: Date): Promise<void> {
  await insertPause(tx, { id: randomUUID(), dossier_id: dossier.id, reason, started_at: at });
}

/** Ends the pause and moves the deadline; returns the new deadline, or null when the clock was running. */
export async function resumeClock(tx: Queryable, dossier: DossierRow, procedure: Procedure, calendar: WorkingCalendar, at: Date): Promise<Date | null> {
  if ((await endOpenPauses(tx, dossier.id, at)) === 0) return null;
  const pauses = (await listPauses(tx, dossier.id)).map((pause) => (pause.ended_at ? { from: new Date(pause.started_at), to: new Date(pause.ended_at) } : { from: new Date(pause.started_at) }));
  const deadline = computeDeadline(new Date(dossier.received_at), procedure.legalWorkingDays, calendar, pauses);
  if (deadline) await setDossierDeadline(tx, dossier.id, deadline);
  return deadline;
}

/**
 * Returns the milliseconds until the dossier's deadline passes: 0 or less
 * once it has, Infinity while the clock is stopped for a supplement (the
 * deadline moves when it restarts).
 */
export async function timeUntilDeadline(db: Queryable, dossier: DossierRow, now: Date): Promise<number> {
  if ((await listPauses(db, dossier.id)).some((pause) => pause.ended_at === null)) return Infinity;
  return new Date(dossier.deadline_at).getTime() - now.getTime();
}
