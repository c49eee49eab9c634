// Due timers of the embedded engine. A row exists while its timer event
// waits; firing deletes it in the transaction of the step it triggers.
import type { Queryable } from '../client.ts';

export interface TimerRow {
  instanceKey: string;
  executionId: string;
  elementId: string;
  dueAt: Date;
}

export async function upsertTimers(db: Queryable, instanceKey: string, timers: Omit<TimerRow, 'instanceKey'>[]): Promise<void> {
  for (const timer of timers) {
    await db.query(
      `INSERT INTO engine_timers (instance_key, execution_id, element_id, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (instance_key, execution_id) DO UPDATE SET due_at = excluded.due_at`,
      [instanceKey, timer.executionId, timer.elementId, timer.dueAt],
    );
  }
}

export async function deleteTimers(db: Queryable, instanceKey: string, executionIds: string[] | 'all'): Promise<void> {
  if (executionIds !== 'all' && executionIds.length === 0) return;
  await db.query(
    'DELETE FROM engine_timers WHERE instance_key = $1 AND ($2::text[] IS NULL OR execution_id = ANY($2))',
    [instanceKey, executionIds === 'all' ? null : executionIds],
  );
}

/** Makes the instance's timer rows exactly `timers`. */
export async function replaceTimers(db: Queryable, instanceKey: string, timers: Omit<TimerRow, 'instanceKey'>[]): Promise<void> {
  await db.query('DELETE FROM engine_timers WHERE instance_key = $1 AND NOT (execution_id = ANY($2))', [instanceKey, timers.map((timer) => timer.executionId)]);
  await upsertTimers(db, instanceKey, timers);
}

/** Returns up to `max` due timers, skipping those another engine process is firing. */
export async function listDueTimers(db: Queryable, max: number): Promise<TimerRow[]> {
  const result = await db.query<TimerRow>(
    `SELECT instance_key::text AS "instanceKey", execution_id AS "executionId", element_id AS "elementId", due_at AS "dueAt"
     FROM engine_timers WHERE due_at <= now() ORDER BY due_at LIMIT $1`,
    [max],
  );
  return result.rows;
}

/** Locks one timer row for firing; null when it is gone or another process holds it. */
export async function claimTimer(db: Queryable, instanceKey: string, executionId: string): Promise<TimerRow | null> {
  const result = await db.query<TimerRow>(
    `DELETE FROM engine_timers WHERE (instance_key, execution_id) IN (
       SELECT instance_key, execution_id FROM engine_timers
       WHERE instance_key = $1 AND execution_id = $2 AND due_at <= now() FOR UPDATE SKIP LOCKED)
     RETURNING instance_key::text AS "instanceKey", execution_id AS "executionId", element_id AS "elementId", due_at AS "dueAt"`,
    [instanceKey, executionId],
  );
  return result.rows[0] ?? null;
}

export async function nextTimerDueAt(db: Queryable): Promise<Date | null> {
  const result = await db.query<{ at: Date | null }>('SELECT min(due_at) AS at FROM engine_timers');
  return result.rows[0]?.at ?? null;
}
