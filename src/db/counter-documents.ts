// Document queries of the counter screens: a digitized document locked for a
// page edit, and the digitization progress of the dossiers an officer
// registered.
import type { Queryable } from './client.ts';
import type { DocumentRow } from './documents.ts';

/** The document row, locked until the transaction ends, so two page edits of one version cannot both succeed. */
export async function findDocumentForUpdate(db: Queryable, id: string): Promise<DocumentRow | null> {
  return (await db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1 FOR UPDATE', [id])).rows[0] ?? null;
}

export interface IntakeDocumentRow {
  dossier_id: string;
  reference: string;
  received_at: Date;
  document_id: string;
  component_code: string | null;
  kind: string;
  status: string;
  file_name: string;
  page_count: number | null;
}

/**
 * Documents of the given dossiers that show how far their paper originals
 * have come: the originals, and every digitized version except the ones
 * replaced by a later version.
 */
export async function listIntakeDocuments(db: Queryable, dossierIds: string[]): Promise<IntakeDocumentRow[]> {
  const { rows } = await db.query<IntakeDocumentRow>(
    `SELECT d.id AS dossier_id, d.reference, d.received_at, doc.id AS document_id, doc.component_code, doc.kind, doc.status,
            doc.file_name, doc.page_count
     FROM dossiers d JOIN documents doc ON doc.dossier_id = d.id
     WHERE d.id = ANY($1::uuid[]) AND doc.kind IN ('counter_original', 'digitized') AND doc.status <> 'superseded'
     ORDER BY d.received_at DESC, doc.received_at, doc.id`,
    [dossierIds],
  );
  return rows;
}

/** Ids of counter or postal dossiers an officer registered since `since`, newest first. */
export async function listDossierIdsRegisteredBy(db: Queryable, accountId: string, since: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM dossiers WHERE created_by = $1 AND channel IN ('counter', 'postal') AND received_at >= $2
     ORDER BY received_at DESC LIMIT $3`,
    [accountId, since, limit],
  );
  return rows.map((row) => row.id);
}
