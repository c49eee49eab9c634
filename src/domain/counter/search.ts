// Staff search over the documents of the officer's units: file names and OCR
// text. Both the stored text and the query go through normalizeForSearch, so
// أ/إ/ا, ة/ه, diacritics, bidi marks and Arabic-Indic digits do not decide a
// match. The normalized text is kept in documents.search_text; documents
// stored without it (workers write only ocr_text) are indexed before each
// search by indexDocumentsForSearch.
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/client.ts';
import { listUnindexedDocuments, searchDocuments, setDocumentSearchText, type SearchHitRow } from '../../db/counter-search.ts';
import { normalizeForSearch } from '../../digitize/index.ts';
import type { Actor } from '../access.ts';
import { findSnippet, type Snippet } from './snippet.ts';

/** Shortest query searched, after normalization; a single letter matches nearly every document. */
export const minimumQueryLength = 2;
const maximumHits = 50;
const indexBatchSize = 200;

export interface SearchHit {
  row: SearchHitRow;
  /** Passage of the OCR text around the match; null when only the file name matched. */
  snippet: Snippet | null;
}

/** The text a document is found by: its file name and its OCR text, normalized. */
export function searchTextOf(fileName: string, ocrText: string | null): string {
  return normalizeForSearch(`${fileName}\n${ocrText ?? ''}`);
}

/** Writes search_text for every document without it, in batches; returns how many were indexed. */
export async function indexDocumentsForSearch(db: Queryable): Promise<number> {
  let indexed = 0;
  for (;;) {
    const batch = await listUnindexedDocuments(db, indexBatchSize);
    for (const row of batch) await setDocumentSearchText(db, row, searchTextOf(row.file_name, row.ocr_text));
    indexed += batch.length;
    // A row whose text changed while it was read stays unindexed; the next search picks it up.
    if (batch.length < indexBatchSize) return indexed;
  }
}

/** Documents of the actor's units matching `query`, newest first; none for a query shorter than minimumQueryLength. */
export async function searchStaffDocuments(ctx: AppContext, actor: Actor, query: string): Promise<SearchHit[]> {
  const normalizedQuery = normalizeForSearch(query);
  if (normalizedQuery.length < minimumQueryLength || actor.unitIds.length === 0) return [];
  const indexed = await indexDocumentsForSearch(ctx.db);
  if (indexed > 0) ctx.logger.debug({ indexed }, 'documents indexed for search');
  const rows = await searchDocuments(ctx.db, actor.unitIds, normalizedQuery, maximumHits);
  return rows.map((row) => ({ row, snippet: row.ocr_text ? findSnippet(row.ocr_text, normalizedQuery) : null }));
}
