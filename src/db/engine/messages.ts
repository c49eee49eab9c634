// Message subscriptions (waiting receive tasks and message catch events) and
// buffered messages of the embedded engine. A message matches a subscription
// by name and correlation key.
import type { Queryable } from '../client.ts';

export interface SubscriptionRow {
  instanceKey: string;
  executionId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
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

/** Returns the open subscriptions for a message, at most one per instance (the oldest). */
export async function findSubscriptions(db: Queryable, name: string, correlationKey: string): Promise<SubscriptionRow[]> {
  const result = await db.query<SubscriptionRow>(
    `SELECT DISTINCT ON (instance_key) instance_key::text AS "instanceKey", execution_id AS "executionId", element_id AS "elementId",
       message_name AS "messageName", correlation_key AS "correlationKey"
     FROM engine_message_subscriptions WHERE message_name = $1 AND correlation_key = $2
     ORDER BY instance_key, created_at`,
    [name, correlationKey],
  );
  return result.rows;
}

export async function insertBufferedMessage(
  db: Queryable,
  message: { name: string; correlationKey: string; messageId: string | null; variables: Record<string, unknown>; timeToLiveMs: number },
): Promise<string | null> {
  const result = await db.query<{ key: string }>(
    `INSERT INTO engine_messages (name, correlation_key, message_id, variables, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
     ON CONFLICT (name, message_id) WHERE message_id IS NOT NULL DO NOTHING
     RETURNING key::text AS key`,
    [message.name, message.correlationKey, message.messageId, JSON.stringify(message.variables), message.timeToLiveMs],
  );
  return result.rows[0]?.key ?? null;
}

/** Takes (deletes and returns) the oldest unexpired buffered message for a subscription, if any. */
export async function takeBufferedMessage(db: Queryable, name: string, correlationKey: string): Promise<BufferedMessageRow | null> {
  const result = await db.query<BufferedMessageRow>(
    `DELETE FROM engine_messages WHERE key = (
       SELECT key FROM engine_messages WHERE name = $1 AND correlation_key = $2 AND expires_at > now()
       ORDER BY created_at, key LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING key::text AS key, name, correlation_key AS "correlationKey", variables`,
    [name, correlationKey],
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
