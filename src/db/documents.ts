import type { Queryable } from './client.ts';

export type DocumentKind = 'upload' | 'counter_original' | 'digitized' | 'result';
export type ValidityBasis = 'digitized_signed' | 'certified_copy' | 'e_authenticated' | 'self_declared' | 'other_prescribed' | 'invalid';

export interface DocumentRow {
  id: string;
  dossier_id: string | null;
  applicant_id: string;
  component_code: string | null;
  kind: DocumentKind;
  sha256: string;
  media_type: string;
  byte_size: number;
  file_name: string;
  page_count: number | null;
  source_document_id: string | null;
  status: string;
  validity_basis: ValidityBasis | null;
  validity_reason: { ar: string; en: string } | null;
  validation_report: unknown;
  declaration: string | null;
  ocr_text: string | null;
  /** Tesseract languages joined by '+': chosen for a paper original ("auto" to detect), used for a digitized document. */
  ocr_languages: string | null;
  received_at: Date;
  created_by: string | null;
  verification_code: string | null;
  flags: string[];
}

export type NewDocument = Omit<DocumentRow, 'received_at' | 'verification_code' | 'flags' | 'validity_basis' | 'validity_reason' | 'validation_report' | 'ocr_text' | 'ocr_languages'> &
  Partial<Pick<DocumentRow, 'validity_basis' | 'validity_reason' | 'validation_report' | 'ocr_text' | 'ocr_languages' | 'verification_code' | 'flags'>>;

export async function insertDocument(db: Queryable, doc: NewDocument): Promise<DocumentRow> {
  const { rows } = await db.query<DocumentRow>(
    `INSERT INTO documents (id, dossier_id, applicant_id, component_code, kind, sha256, media_type, byte_size, file_name,
       page_count, source_document_id, status, validity_basis, validity_reason, validation_report, declaration, ocr_text, created_by,
       verification_code, flags, ocr_languages)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (id) DO NOTHING
     RETURNING *`,
    [doc.id, doc.dossier_id, doc.applicant_id, doc.component_code, doc.kind, doc.sha256, doc.media_type, doc.byte_size,
      doc.file_name, doc.page_count, doc.source_document_id, doc.status, doc.validity_basis ?? null,
      doc.validity_reason ? JSON.stringify(doc.validity_reason) : null,
      doc.validation_report === undefined ? null : JSON.stringify(doc.validation_report), doc.declaration, doc.ocr_text ?? null, doc.created_by,
      doc.verification_code ?? null, doc.flags ?? [], doc.ocr_languages ?? null],
  );
  return rows[0] ?? ((await findDocument(db, doc.id)) as DocumentRow);
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRow | null> {
  return (await db.query<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id])).rows[0] ?? null;
}

export async function listDossierDocuments(db: Queryable, dossierId: string): Promise<DocumentRow[]> {
  return (await db.query<DocumentRow>('SELECT * FROM documents WHERE dossier_id = $1 ORDER BY received_at, id', [dossierId])).rows;
}

export async function findDerivedDocument(db: Queryable, sourceId: string, kind: DocumentKind, status: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentRow>(
    'SELECT * FROM documents WHERE source_document_id = $1 AND kind = $2 AND status = $3 ORDER BY received_at DESC LIMIT 1',
    [sourceId, kind, status],
  );
  return rows[0] ?? null;
}

export async function setDocumentStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query('UPDATE documents SET status = $2 WHERE id = $1', [id, status]);
}

export async function recordDocumentValidity(
  db: Queryable,
  id: string,
  validity: { basis: ValidityBasis; reason: { ar: string; en: string }; report: unknown; status: string },
): Promise<void> {
  await db.query(
    'UPDATE documents SET validity_basis = $2, validity_reason = $3, validation_report = $4, status = $5 WHERE id = $1',
    [id, validity.basis, JSON.stringify(validity.reason), JSON.stringify(validity.report ?? null), validity.status],
  );
}

export async function setDocumentText(db: Queryable, id: string, text: string): Promise<void> {
  await db.query('UPDATE documents SET ocr_text = $2 WHERE id = $1', [id, text]);
}

/** The applicant's vault: valid documents and issued results, newest first. */
export async function listVaultDocuments(db: Queryable, applicantId: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT * FROM documents WHERE applicant_id = $1 AND validity_basis IS NOT NULL AND validity_basis <> 'invalid'
       AND status IN ('valid', 'sealed', 'issued') ORDER BY received_at DESC`,
    [applicantId],
  );
  return rows;
}

export interface DocumentCounts {
  digitized: number;
  results: number;
  by_basis: Record<string, number>;
}

export async function countDocuments(db: Queryable): Promise<DocumentCounts> {
  const kinds = await db.query<{ digitized: number; results: number }>(
    `SELECT count(*) FILTER (WHERE kind = 'digitized' AND status = 'sealed')::int AS digitized,
            count(*) FILTER (WHERE kind = 'result' AND status = 'issued')::int AS results FROM documents`,
  );
  const bases = await db.query<{ basis: string; n: number }>(
    `SELECT validity_basis AS basis, count(*)::int AS n FROM documents WHERE validity_basis IS NOT NULL GROUP BY validity_basis`,
  );
  return {
    digitized: kinds.rows[0]?.digitized ?? 0,
    results: kinds.rows[0]?.results ?? 0,
    by_basis: Object.fromEntries(bases.rows.map((row) => [row.basis, row.n])),
  };
}

export async function countDossierDocumentsOfKind(db: Queryable, dossierId: string, kind: DocumentKind): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE dossier_id = $1 AND kind = $2', [dossierId, kind]);
  return rows[0]?.n ?? 0;
}

export async function findDocumentByVerificationCode(db: Queryable, code: string): Promise<DocumentRow | null> {
  return (await db.query<DocumentRow>('SELECT * FROM documents WHERE verification_code = $1', [code])).rows[0] ?? null;
}

export async function findDossierResult(db: Queryable, dossierId: string): Promise<DocumentRow | null> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT * FROM documents WHERE dossier_id = $1 AND kind = 'result' AND status = 'issued' ORDER BY received_at DESC LIMIT 1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

/** Moves every document of the dossier in status `from` with the given kind to status `to`; returns their ids. */
export async function moveDocumentsStatus(db: Queryable, dossierId: string, kind: DocumentKind, from: string, to: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE documents SET status = $4 WHERE dossier_id = $1 AND kind = $2 AND status = $3 RETURNING id',
    [dossierId, kind, from, to],
  );
  return rows.map((row) => row.id);
}

/** Issued results, oldest first, `limit` at most after the id `after` (for paging through all of them). */
export async function listIssuedResults(db: Queryable, after: string | null, limit: number): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT * FROM documents WHERE kind = 'result' AND status = 'issued' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
    [after, limit],
  );
  return rows;
}

/** Points a document at new bytes of the same content (a renewed archive timestamp), if it still has `previousSha256`. */
export async function replaceDocumentBytes(db: Queryable, id: string, previousSha256: string, sha256: string, byteSize: number): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE documents SET sha256 = $3, byte_size = $4 WHERE id = $1 AND sha256 = $2', [id, previousSha256, sha256, byteSize]);
  return rowCount > 0;
}

/** Records the OCR languages asked for on a paper original. */
export async function setDocumentOcrLanguages(db: Queryable, id: string, languages: string): Promise<void> {
  await db.query('UPDATE documents SET ocr_languages = $2 WHERE id = $1', [id, languages]);
}
