// Message subscriptions (waiting receive tasks and message catch events) and
// buffered messages of the embedded engine. A message matches a subscription
// by name and correlation key, and is correlated at most once per BPMN
// process id (Camunda 8's message cardinality).
import type { Queryable } from '../client.ts';

export interface SubscriptionRow {
  instanceKey: string;
  executionId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

export interface MatchingSubscriptionRow extends SubscriptionRow {
  bpmnProcessId: string;
}

export interface BufferedMessageRow {
  key: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
}

export async function insertSubscriptions(db: Queryable, instanceKey: string, subscriptions: Omit<SubscriptionRow, 'instanceKey'>[]): Promise<void> {
  for (const subscription of subscriptions) {
    await db.query(
      `INSERT INTO engine_message_subscriptions (instance_key, execution_id, element_id, message_name, correlation_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (instance_key, execution_id) DO NOTHING`,
      [instanceKey, subscription.executionId, subscription.elementId, subscription.messageName, subscription.correlationKey],
    );
  }
}

export async function deleteSubscriptions(db: Queryable, instanceKey: string, executionIds: string[] | 'all'): Promise<void> {
  if (executionIds !== 'all' && executionIds.length === 0) return;
  await db.query(
    'DELETE FROM engine_message_subscriptions WHERE instance_key = $1 AND ($2::text[] IS NULL OR execution_id = ANY($2))',
    [instanceKey, executionIds === 'all' ? null : executionIds],
  );
}

/** Deletes one subscription; returns false when it was already gone (correlated or ended). */
export async function takeSubscription(db: Queryable, instanceKey: string, executionId: string): Promise<boolean> {
  const result = await db.query('DELETE FROM engine_message_subscriptions WHERE instance_key = $1 AND execution_id = $2', [instanceKey, executionId]);
  return result.rowCount > 0;
}

/** Returns the open subscriptions for a message with their instance's process id, oldest first. */
export async function findSubscriptions(db: Queryable, name: string, correlationKey: string): Promise<MatchingSubscriptionRow[]> {
  const result = await db.query<MatchingSubscriptionRow>(
    `SELECT s.instance_key::text AS "instanceKey", s.execution_id AS "executionId", s.element_id AS "elementId",
       s.message_name AS "messageName", s.correlation_key AS "correlationKey", i.bpmn_process_id AS "bpmnProcessId"
     FROM engine_message_subscriptions s JOIN engine_process_instances i ON i.key = s.instance_key
     WHERE s.message_name = $1 AND s.correlation_key = $2
     ORDER BY s.created_at, s.instance_key, s.execution_id`,
    [name, correlationKey],
  );
  return result.rows;
}

/** Returns whether an unexpired buffered message has this name, correlation key and message id. */
export async function isMessageBuffered(db: Queryable, name: string, correlationKey: string, messageId: string): Promise<boolean> {
  const result = await db.query(
    'SELECT 1 FROM engine_messages WHERE name = $1 AND correlation_key = $2 AND message_id = $3 AND expires_at > now()',
    [name, correlationKey, messageId],
  );
  // rows, not rowCount: PGlite reports no row count for a SELECT.
  return result.rows.length > 0;
}

/**
 * Buffers a message until its time to live ends; `correlatedProcessIds` are
 * the process ids it was correlated to on publication. Returns null when an
 * equal message (name, correlation key and message id) was buffered meanwhile.
 */
export async function insertBufferedMessage(
  db: Queryable,
  message: {
    name: string; correlationKey: string; messageId: string | null; variables: Record<string, unknown>; timeToLiveMs: number;
    correlatedProcessIds: string[];
  },
): Promise<string | null> {
  if (message.messageId !== null) {
    // An expired equal message that housekeeping has not deleted yet must not block this one.
    await db.query(
      'DELETE FROM engine_messages WHERE name = $1 AND correlation_key = $2 AND message_id = $3 AND expires_at <= now()',
      [message.name, message.correlationKey, message.messageId],
    );
  }
  const result = await db.query<{ key: string }>(
    `INSERT INTO engine_messages (name, correlation_key, message_id, variables, expires_at, correlated_process_ids)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond', $6)
     ON CONFLICT (name, correlation_key, message_id) WHERE message_id IS NOT NULL DO NOTHING
     RETURNING key::text AS key`,
    [message.name, message.correlationKey, message.messageId, JSON.stringify(message.variables), message.timeToLiveMs, message.correlatedProcessIds],
  );
  return result.rows[0]?.key ?? null;
}

/**
 * Correlates the oldest unexpired buffered message that was not yet
 * correlated to `bpmnProcessId`: records the process id on it and returns it.
 * The message stays buffered for other processes until it expires.
 */
export async function takeBufferedMessage(db: Queryable, name: string, correlationKey: string, bpmnProcessId: string): Promise<BufferedMessageRow | null> {
  const result = await db.query<BufferedMessageRow>(
    `UPDATE engine_messages SET correlated_process_ids = correlated_process_ids || $3::text
     WHERE key = (
       SELECT key FROM engine_messages
       WHERE name = $1 AND correlation_key = $2 AND expires_at > now() AND NOT ($3::text = ANY (correlated_process_ids))
       ORDER BY created_at, key LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING key::text AS key, name, correlation_key AS "correlationKey", variables`,
    [name, correlationKey, bpmnProcessId],
  );
  return result.rows[0] ?? null;
}

export async function deleteExpiredMessages(db: Queryable): Promise<number> {
  const result = await db.query('DELETE FROM engine_messages WHERE expires_at <= now()');
  return result.rowCount;
}

export async function nextMessageKey(db: Queryable): Promise<string> {
  const result = await db.query<{ key: string }>(`SELECT nextval('engine_key_seq')::text AS key`);
  return result.rows[0]?.key ?? '0';
}
