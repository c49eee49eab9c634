// Jobs of the embedded engine: one row per waiting service task. States are
// documented in 002_engine.sql; activation takes rows with FOR UPDATE SKIP
// LOCKED, so concurrent workers never receive the same job.
import type { Queryable } from '../client.ts';

export interface NewJob {
  elementId: string;
  executionId: string;
  type: string;
  retries: number;
  customHeaders: Record<string, string>;
  localVariables: Record<string, unknown>;
}

export interface JobRow {
  key: string;
  instanceKey: string;
  elementId: string;
  executionId: string;
  elementInstanceKey: string;
  type: string;
  state: 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED';
  retries: number;
  customHeaders: Record<string, string>;
  localVariables: Record<string, unknown>;
}

export interface ActivatedJobRow extends JobRow {
  worker: string;
  deadline: number;
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  variables: Record<string, unknown>;
}

export const jobColumns = `key::text AS key, instance_key::text AS "instanceKey", element_id AS "elementId", execution_id AS "executionId",
  element_instance_key::text AS "elementInstanceKey", type, state, retries, custom_headers AS "customHeaders",
  local_variables AS "localVariables"`;

/** Inserts jobs of one instance; a job that already exists for an execution is kept as it is. */
export async function insertJobs(db: Queryable, instanceKey: string, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db.query(
    `INSERT INTO engine_jobs (instance_key, element_id, execution_id, type, state, retries, custom_headers, local_variables)
     SELECT $1, element_id, execution_id, type, 'ACTIVATABLE', retries, custom_headers, local_variables
     FROM jsonb_to_recordset($2::jsonb)
       AS j(element_id text, execution_id text, type text, retries int, custom_headers jsonb, local_variables jsonb)
     ON CONFLICT (instance_key, execution_id) DO NOTHING`,
    [
      instanceKey,
      JSON.stringify(
        jobs.map((job) => ({
          element_id: job.elementId,
          execution_id: job.executionId,
          type: job.type,
          retries: job.retries,
          custom_headers: job.customHeaders,
          local_variables: job.localVariables,
        })),
      ),
    ],
  );
}

/** Locks up to `max` activatable jobs of a type to `worker` for `timeoutMs` and returns them with their instance's variables. */
export async function activateJobs(
  db: Queryable,
  request: { type: string; worker: string; max: number; timeoutMs: number },
): Promise<ActivatedJobRow[]> {
  const result = await db.query<ActivatedJobRow>(
    `WITH picked AS (
       SELECT key FROM engine_jobs
       WHERE type = $1 AND state = 'ACTIVATABLE' AND available_at <= now()
       ORDER BY available_at, key
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     UPDATE engine_jobs j
     SET state = 'ACTIVATED', worker = $2, deadline = now() + $4 * interval '1 millisecond'
     FROM picked, engine_process_instances i
     WHERE j.key = picked.key AND i.key = j.instance_key
     RETURNING j.key::text AS key, j.instance_key::text AS "instanceKey", j.element_id AS "elementId",
       j.execution_id AS "executionId", j.element_instance_key::text AS "elementInstanceKey", j.type, j.state, j.retries,
       j.custom_headers AS "customHeaders", j.local_variables AS "localVariables", j.worker,
       (extract(epoch FROM j.deadline) * 1000)::float8 AS deadline, i.definition_key::text AS "definitionKey",
       i.bpmn_process_id AS "bpmnProcessId", i.version, i.variables`,
    [request.type, request.worker, request.max, request.timeoutMs],
  );
  return result.rows;
}

export async function findJob(db: Queryable, key: string): Promise<JobRow | null> {
  if (!/^\d{1,19}$/.test(key)) return null;
  const result = await db.query<JobRow>(`SELECT ${jobColumns} FROM engine_jobs WHERE key = $1`, [key]);
  return result.rows[0] ?? null;
}

export async function lockJob(db: Queryable, key: string): Promise<JobRow | null> {
  const result = await db.query<JobRow>(`SELECT ${jobColumns} FROM engine_jobs WHERE key = $1 FOR UPDATE`, [key]);
  return result.rows[0] ?? null;
}

export async function deleteJob(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM engine_jobs WHERE key = $1', [key]);
}

/** Gives a job the execution id bpmn-engine assigned when its deferred hops were replayed. */
export async function renameJobExecution(db: Queryable, instanceKey: string, from: string, to: string): Promise<void> {
  await db.query('UPDATE engine_jobs SET execution_id = $3 WHERE instance_key = $1 AND execution_id = $2', [instanceKey, from, to]);
}

/** Deletes the jobs of executions that ended (completed, interrupted or cancelled). */
export async function deleteJobsOfExecutions(db: Queryable, instanceKey: string, executionIds: string[]): Promise<void> {
  if (executionIds.length === 0) return;
  await db.query('DELETE FROM engine_jobs WHERE instance_key = $1 AND execution_id = ANY($2)', [instanceKey, executionIds]);
}

/** Makes a failed job activatable again after `backOffMs`, with the retries the worker left it. */
export async function retryJob(db: Queryable, key: string, retries: number, backOffMs: number, errorMessage: string | null): Promise<void> {
  await db.query(
    `UPDATE engine_jobs SET state = 'ACTIVATABLE', retries = $2, worker = NULL, deadline = NULL,
       available_at = now() + $3 * interval '1 millisecond', error_message = $4
     WHERE key = $1`,
    [key, retries, backOffMs, errorMessage],
  );
}

/** Parks a job that raised an incident; it stays until the instance ends. */
export async function markJobFailed(db: Queryable, key: string, retries: number, errorMessage: string): Promise<void> {
  await db.query(
    `UPDATE engine_jobs SET state = 'FAILED', retries = $2, worker = NULL, deadline = NULL, error_message = $3 WHERE key = $1`,
    [key, retries, errorMessage],
  );
}

/** Parks a job whose completion raised an incident, keeping its retries; it stays until the instance ends. */
export async function parkJob(db: Queryable, key: string, errorMessage: string): Promise<void> {
  await db.query(`UPDATE engine_jobs SET state = 'FAILED', worker = NULL, deadline = NULL, error_message = $2 WHERE key = $1`, [key, errorMessage]);
}

/** Returns jobs whose lock ran out to ACTIVATABLE; returns their types. */
export async function releaseExpiredJobs(db: Queryable): Promise<string[]> {
  const result = await db.query<{ type: string }>(
    `UPDATE engine_jobs SET state = 'ACTIVATABLE', worker = NULL, deadline = NULL
     WHERE state = 'ACTIVATED' AND deadline < now() RETURNING type`,
  );
  return [...new Set(result.rows.map((row) => row.type))];
}

/** Returns the earliest time a job of the type waiting for its back-off becomes activatable. */
export async function nextJobAvailableAt(db: Queryable, type: string): Promise<Date | null> {
  const result = await db.query<{ at: Date | null }>(
    `SELECT min(available_at) AS at FROM engine_jobs WHERE type = $1 AND state = 'ACTIVATABLE'`,
    [type],
  );
  return result.rows[0]?.at ?? null;
}

export async function deleteJobsOfInstance(db: Queryable, instanceKey: string): Promise<void> {
  await db.query('DELETE FROM engine_jobs WHERE instance_key = $1', [instanceKey]);
}
