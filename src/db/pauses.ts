import type { Queryable } from './client.ts';

export interface PauseRow {
  id: string;
  dossier_id: string;
  reason: string;
  started_at: Date;
  ended_at: Date | null;
}

export async function insertPause(db: Queryable, pause: Omit<PauseRow, 'ended_at'>): Promise<void> {
  await db.query('INSERT INTO dossier_pauses (id, dossier_id, reason, started_at) VALUES ($1, $2, $3, $4)', [pause.id, pause.dossier_id, pause.reason, pause.started_at]);
}

/** Ends the open pauses of the dossier; returns how many were open. */
export async function endOpenPauses(db: Queryable, dossierId: string, at: Date): Promise<number> {
  const result = await db.query('UPDATE dossier_pauses SET ended_at = $2 WHERE dossier_id = $1 AND ended_at IS NULL', [dossierId, at]);
  return result.rowCount;
}

export async function listPauses(db: Queryable, dossierId: string): Promise<PauseRow[]> {
  return (await db.query<PauseRow>('SELECT * FROM dossier_pauses WHERE dossier_id = $1 ORDER BY started_at', [dossierId])).rows;
}

export async function setDossierDeadline(db: Queryable, dossierId: string, deadline: Date): Promise<void> {
  await db.query('UPDATE dossiers SET deadline_at = $2 WHERE id = $1', [dossierId, deadline]);
}
