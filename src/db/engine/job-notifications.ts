// PostgreSQL LISTEN/NOTIFY on the channel engine_jobs: an engine process that
// creates jobs notifies their types, and every engine process listening wakes
// its long-polling activations at once instead of at their next re-read.
// Only for a PostgreSQL server: PGlite runs in one process, whose waiting
// activations are woken in memory.
import pg from 'pg';
import type { Queryable } from '../client.ts';

const channel = 'engine_jobs';

/** Sends one notification per payload; they are delivered when the statement's transaction commits. */
export async function notifyJobTypes(db: Queryable, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return;
  await db.query(`SELECT pg_notify('${channel}', payload) FROM unnest($1::text[]) AS payload`, [payloads]);
}

export interface JobListener {
  close(): Promise<void>;
}

/**
 * Listens on a dedicated connection and calls `onPayload` for every
 * notification. `onError` receives connection failures; the listener does not
 * reconnect by itself.
 */
export async function listenForJobTypes(url: string, onPayload: (payload: string) => void, onError: (error: Error) => void): Promise<JobListener> {
  const client = new pg.Client({ connectionString: url });
  client.on('notification', (message) => {
    if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
  });
  client.on('error', onError);
  await client.connect();
  await client.query(`LISTEN ${channel}`);
  return { close: () => client.end() };
}
