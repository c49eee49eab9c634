import type { Queryable } from './client.ts';

export interface ProcedureRow {
  code: string;
  name_ar: string;
  name_en: string;
  unit_id: string;
  legal_working_days: string;
  fee: string;
  result_kind: string;
  paper_result_by_law: boolean;
  bpmn_process_id: string;
  catalogue: unknown;
}

export async function upsertProcedure(db: Queryable, row: ProcedureRow): Promise<void> {
  await db.query(
    `INSERT INTO procedures (code, name_ar, name_en, unit_id, legal_working_days, fee, result_kind, paper_result_by_law, bpmn_process_id, catalogue)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (code) DO UPDATE SET name_ar = $2, name_en = $3, unit_id = $4, legal_working_days = $5, fee = $6,
       result_kind = $7, paper_result_by_law = $8, bpmn_process_id = $9, catalogue = $10`,
    [row.code, row.name_ar, row.name_en, row.unit_id, row.legal_working_days, row.fee, row.result_kind, row.paper_result_by_law, row.bpmn_process_id, JSON.stringify(row.catalogue)],
  );
}

export async function listProcedureRows(db: Queryable): Promise<ProcedureRow[]> {
  return (await db.query<ProcedureRow>('SELECT * FROM procedures ORDER BY code')).rows;
}

export async function findProcedureRow(db: Queryable, code: string): Promise<ProcedureRow | null> {
  return (await db.query<ProcedureRow>('SELECT * FROM procedures WHERE code = $1', [code])).rows[0] ?? null;
}
