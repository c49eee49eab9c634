// Figures of the "digitized at receipt" compliance indicator, per unit and
// period. A paper document is counted once per dossier and component, so a
// rescan or a stack of several scans for one component is one document.
import type { Queryable } from './client.ts';
import type { PaperExceptionReason } from './counter-exceptions.ts';

export interface UnitReceiptRow {
  unit_id: string;
  unit_path: string;
  unit_name_ar: string;
  unit_name_en: string;
  /** Components scanned from paper originals received in the period. */
  scanned: number;
  /** Of those, the ones whose digitized PDF/A is sealed. */
  sealed: number;
  /** Paper documents recorded as exceptions in the period. */
  exceptions: number;
}

/** One row per unit in `unitIds`, in tree order, for documents received in [from, to). */
export async function countPaperReceiptsByUnit(db: Queryable, unitIds: string[], from: Date, to: Date): Promise<UnitReceiptRow[]> {
  const { rows } = await db.query<UnitReceiptRow>(
    `WITH scanned AS (
       SELECT DISTINCT d.unit_id, o.dossier_id, o.component_code
       FROM documents o JOIN dossiers d ON d.id = o.dossier_id
       WHERE o.kind = 'counter_original' AND d.unit_id = ANY($1::text[]) AND o.received_at >= $2 AND o.received_at < $3
     ),
     scanned_counts AS (
       SELECT s.unit_id, count(*)::int AS scanned,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM documents g
                WHERE g.dossier_id = s.dossier_id AND g.component_code IS NOT DISTINCT FROM s.component_code
                  AND g.kind = 'digitized' AND g.status = 'sealed'))::int AS sealed
       FROM scanned s GROUP BY s.unit_id
     ),
     exception_counts AS (
       SELECT d.unit_id, count(*)::int AS exceptions
       FROM paper_exceptions e JOIN dossiers d ON d.id = e.dossier_id
       WHERE d.unit_id = ANY($1::text[]) AND e.recorded_at >= $2 AND e.recorded_at < $3
       GROUP BY d.unit_id
     )
     SELECT u.id AS unit_id, u.path AS unit_path, u.name_ar AS unit_name_ar, u.name_en AS unit_name_en,
            coalesce(s.scanned, 0) AS scanned, coalesce(s.sealed, 0) AS sealed, coalesce(e.exceptions, 0) AS exceptions
     FROM units u
       LEFT JOIN scanned_counts s ON s.unit_id = u.id
       LEFT JOIN exception_counts e ON e.unit_id = u.id
     WHERE u.id = ANY($1::text[])
     ORDER BY u.path`,
    [unitIds, from, to],
  );
  return rows;
}

export interface ExceptionListRow {
  id: string;
  unit_id: string;
  dossier_id: string;
  reference: string;
  procedure_code: string;
  component_code: string;
  reason: PaperExceptionReason;
  note: string | null;
  officer_id: string;
  officer_name: string;
  recorded_at: Date;
}

/** Paper exceptions of dossiers in `unitIds` recorded in [from, to), newest first. */
export async function listPaperExceptions(db: Queryable, unitIds: string[], from: Date, to: Date): Promise<ExceptionListRow[]> {
  const { rows } = await db.query<ExceptionListRow>(
    `SELECT e.id, d.unit_id, d.id AS dossier_id, d.reference, d.procedure_code, e.component_code, e.reason, e.note,
            a.id AS officer_id, a.display_name AS officer_name, e.recorded_at
     FROM paper_exceptions e JOIN dossiers d ON d.id = e.dossier_id JOIN accounts a ON a.id = e.recorded_by
     WHERE d.unit_id = ANY($1::text[]) AND e.recorded_at >= $2 AND e.recorded_at < $3
     ORDER BY e.recorded_at DESC, e.id`,
    [unitIds, from, to],
  );
  return rows;
}
