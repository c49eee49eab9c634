// Staff search over documents: file names and OCR text, matched on their
// normalized copy in documents.search_text.
import type { Queryable } from './client.ts';

export interface UnindexedDocumentRow {
  id: string;
  file_name: string;
  ocr_text: string | null;
}

/** Documents whose search_text is not written yet, oldest first. */
export async function listUnindexedDocuments(db: Queryable, limit: number): Promise<UnindexedDocumentRow[]> {
  const { rows } = await db.query<UnindexedDocumentRow>(
    'SELECT id, file_name, ocr_text FROM documents WHERE search_text IS NULL ORDER BY received_at LIMIT $1',
    [limit],
  );
  return rows;
}

/**
 * Writes one document's normalized text, unless its text changed since it
 * was read (the trigger of migration 008 then cleared search_text again and
 * the next pass indexes the new text).
 */
export async function setDocumentSearchText(db: Queryable, row: UnindexedDocumentRow, searchText: string): Promise<void> {
  await db.query(
    'UPDATE documents SET search_text = $2 WHERE id = $1 AND file_name = $3 AND ocr_text IS NOT DISTINCT FROM $4',
    [row.id, searchText, row.file_name, row.ocr_text],
  );
}

export interface SearchHitRow {
  document_id: string;
  dossier_id: string;
  reference: string;
  procedure_code: string;
  unit_id: string;
  component_code: string | null;
  kind: string;
  status: string;
  file_name: string;
  ocr_text: string | null;
  received_at: Date;
}

/**
 * Documents of dossiers in `unitIds` whose normalized text contains
 * `normalizedQuery`, newest first. Superseded versions are left out because
 * a later version carries the same text.
 * NOTE: strpos (a plain substring test, like ILIKE '%q%' without wildcard
 * escaping) cannot use an index, so every document of those units is read.
 * A pg_trgm index would serve it on a server, but the embedded PGlite has no
 * pg_trgm. That is acceptable for one city's counters; not measured at scale.
 */
export async function searchDocuments(db: Queryable, unitIds: string[], normalizedQuery: string, limit: number): Promise<SearchHitRow[]> {
  const { rows } = await db.query<SearchHitRow>(
    `SELECT doc.id AS document_id, d.id AS dossier_id, d.reference, d.procedure_code, d.unit_id, doc.component_code, doc.kind,
            doc.status, doc.file_name, doc.ocr_text, doc.received_at
     FROM documents doc JOIN dossiers d ON d.id = doc.dossier_id
     WHERE d.unit_id = ANY($1::text[]) AND doc.status <> 'superseded' AND strpos(doc.search_text, $2) > 0
     ORDER BY doc.received_at DESC, doc.id
     LIMIT $3`,
    [unitIds, normalizedQuery, limit],
  );
  return rows;
}
