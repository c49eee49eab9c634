// Paper exceptions: paper documents received at the counter that were
// recorded with a reason instead of a scan (table paper_exceptions).
import type { Queryable } from './client.ts';

export const paperExceptionReasons = ['fragile', 'oversized', 'sealed_envelope', 'other'] as const;
export type PaperExceptionReason = (typeof paperExceptionReasons)[number];

export interface PaperExceptionRow {
  id: string;
  dossier_id: string;
  component_code: string;
  reason: PaperExceptionReason;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export async function insertPaperException(db: Queryable, row: PaperExceptionRow): Promise<void> {
  await db.query(
    `INSERT INTO paper_exceptions (id, dossier_id, component_code, reason, note, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.dossier_id, row.component_code, row.reason, row.note, row.recorded_by, row.recorded_at],
  );
}

export async function listDossierPaperExceptions(db: Queryable, dossierId: string): Promise<PaperExceptionRow[]> {
  const { rows } = await db.query<PaperExceptionRow>('SELECT * FROM paper_exceptions WHERE dossier_id = $1 ORDER BY recorded_at, component_code', [dossierId]);
  return rows;
}
