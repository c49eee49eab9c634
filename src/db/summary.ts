import type { Queryable } from './client.ts';

export interface SignatureSummaryRow {
  file_name: string;
  component_code: string | null;
  validity_basis: string | null;
  validation_report: unknown;
}

export async function listValidatedDocuments(db: Queryable): Promise<SignatureSummaryRow[]> {
  const { rows } = await db.query<SignatureSummaryRow>(
    `SELECT file_name, component_code, validity_basis, validation_report FROM documents
     WHERE kind = 'upload' AND validity_basis IS NOT NULL ORDER BY received_at, file_name`,
  );
  return rows;
}

export interface DeadlineRow {
  reference: string;
  status: string;
  decision: string | null;
  received_at: Date;
  deadline_at: Date;
  completed_at: Date | null;
}

export async function listDeadlines(db: Queryable): Promise<DeadlineRow[]> {
  return (await db.query<DeadlineRow>('SELECT reference, status, decision, received_at, deadline_at, completed_at FROM dossiers ORDER BY received_at')).rows;
}
