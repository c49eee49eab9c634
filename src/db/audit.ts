import type { Queryable } from './client.ts';

export interface AuditEventRow {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  dossier_id: string | null;
  subject: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/**
 * Takes the chain's append lock for the rest of the transaction and returns
 * the last hash. Appends are serialized so two transactions never fork the chain.
 */
export async function lockAuditChain(db: Queryable): Promise<string | null> {
  await db.query('SELECT pg_advisory_xact_lock(7251002)');
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  return rows[0]?.hash ?? null;
}

export async function insertAuditEvent(db: Queryable, event: Omit<AuditEventRow, 'seq'>): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (at, actor, action, dossier_id, subject, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [event.at, event.actor, event.action, event.dossier_id, event.subject, JSON.stringify(event.details), event.prev_hash, event.hash],
  );
}

export async function listAuditEvents(db: Queryable, dossierId?: string): Promise<AuditEventRow[]> {
  if (dossierId) {
    return (await db.query<AuditEventRow>('SELECT * FROM audit_events WHERE dossier_id = $1 ORDER BY seq', [dossierId])).rows;
  }
  return (await db.query<AuditEventRow>('SELECT * FROM audit_events ORDER BY seq')).rows;
}

/** Hashes a document had before its archive timestamp was renewed, oldest first, with the time of each renewal. */
export async function listEarlierDocumentHashes(db: Queryable, documentId: string): Promise<{ sha256: string; replacedAt: Date }[]> {
  const { rows } = await db.query<{ previous: string; at: Date }>(
    `SELECT details->>'previous' AS previous, at FROM audit_events
     WHERE action = 'document.archive_timestamp_renewed' AND subject = $1 ORDER BY seq`,
    [documentId],
  );
  return rows.map((row) => ({ sha256: row.previous, replacedAt: new Date(row.at) }));
}
