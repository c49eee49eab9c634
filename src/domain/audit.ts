// The audit trail (سجل التدقيق): append-only and hash-chained. Each event's
// hash is SHA-256 over the previous hash and the event's canonical JSON, so
// editing or deleting a past event breaks every later hash. recordAudit runs
// inside the caller's transaction, so the event lands with the change it
// records or not at all.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';
import { insertAuditEvent, listAuditEvents, lockAuditChain, type AuditEventRow } from '../db/audit.ts';

export const genesisHash = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  dossierId?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashAuditEvent(prevHash: string, event: { at: Date; actor: string; action: string; dossier_id: string | null; subject: string | null; details: Record<string, unknown> }): string {
  const body = canonical({ ...event, at: event.at.toISOString() });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export async function recordAudit(tx: Queryable, entry: AuditEntry, at = new Date()): Promise<void> {
  const prevHash = (await lockAuditChain(tx)) ?? genesisHash;
  // Round to the millisecond: timestamptz keeps microseconds, Date keeps ms.
  const event = {
    at: new Date(Math.floor(at.getTime())),
    actor: entry.actor,
    action: entry.action,
    dossier_id: entry.dossierId ?? null,
    subject: entry.subject ?? null,
    details: entry.details ?? {},
  };
  await insertAuditEvent(tx, { ...event, prev_hash: prevHash, hash: hashAuditEvent(prevHash, event) });
}

/** Recomputes the chain; returns the seq of the first event whose hash does not match, or null. */
export async function verifyAuditChain(db: Queryable): Promise<number | null> {
  let prev = genesisHash;
  for (const row of await listAuditEvents(db)) {
    if (row.prev_hash !== prev || hashAuditEvent(prev, eventOf(row)) !== row.hash) return row.seq;
    prev = row.hash;
  }
  return null;
}

function eventOf(row: AuditEventRow) {
  return { at: new Date(row.at), actor: row.actor, action: row.action, dossier_id: row.dossier_id, subject: row.subject, details: row.details };
}
