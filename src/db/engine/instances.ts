// Process instances of the embedded engine. A step of an instance reads its
// row FOR UPDATE (lockInstance), which keeps every other engine process off
// that instance until the step's transaction ends.
import type { Queryable } from '../client.ts';
import { jobColumns, type JobRow } from './jobs.ts';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/**
 * Plain hops applied since engine_state was stored (migration 009). Replaying
 * them means: start the instance in bpmn-engine (baseRevision null) or recover
 * engine_state, then signal each element of `signalled` in order. The token
 * then waits at `elementId`, whose job row carries `executionId` until the
 * replay gives it bpmn-engine's own execution id.
 */
export interface DeferredHops {
  baseRevision: number | null;
  signalled: string[];
  elementId: string;
  executionId: string;
}

export interface InstanceRow {
  key: string;
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: InstanceState;
  variables: Record<string, unknown>;
  engineState: string | null;
  revision: number;
  activeElementIds: string[];
  /** Execution id of the only waiting token; null when several wait (see migration 009). */
  soleExecutionId: string | null;
  deferredHops: DeferredHops | null;
  startedAt: Date;
  endedAt: Date | null;
}

const columns = `key::text AS key, definition_key::text AS "definitionKey", bpmn_process_id AS "bpmnProcessId", version, state,
  variables, engine_state AS "engineState", revision, active_element_ids AS "activeElementIds",
  sole_execution_id AS "soleExecutionId", deferred_hops AS "deferredHops", started_at AS "startedAt", ended_at AS "endedAt"`;

export async function insertInstance(
  db: Queryable,
  instance: { definitionKey: string; bpmnProcessId: string; version: number; variables: Record<string, unknown> },
): Promise<string> {
  const result = await db.query<{ key: string }>(
    `INSERT INTO engine_process_instances (definition_key, bpmn_process_id, version, state, variables)
     VALUES ($1, $2, $3, 'ACTIVE', $4) RETURNING key::text AS key`,
    [instance.definitionKey, instance.bpmnProcessId, instance.version, JSON.stringify(instance.variables)],
  );
  const row = result.rows[0];
  if (!row) throw new Error('inserting a process instance returned no row');
  return row.key;
}

/** Reads an instance and locks its row until the transaction ends. */
export async function lockInstance(db: Queryable, key: string): Promise<InstanceRow | null> {
  const result = await db.query<InstanceRow>(`SELECT ${columns} FROM engine_process_instances WHERE key = $1 FOR UPDATE`, [key]);
  return result.rows[0] ?? null;
}

/**
 * Locks an instance, then one of its jobs, in one statement; the order (instance
 * first) is the same as every other step's. `job` is null when the instance has
 * no job with that key.
 */
export async function lockInstanceAndJob(db: Queryable, key: string, jobKey: string): Promise<{ row: InstanceRow; job: JobRow | null } | null> {
  return readInstanceAndJob(db, key, jobKey, 'FOR UPDATE');
}

/** Reads an instance and one of its jobs in one statement, without locks. */
export async function findInstanceAndJob(db: Queryable, key: string, jobKey: string): Promise<{ row: InstanceRow; job: JobRow | null } | null> {
  return readInstanceAndJob(db, key, jobKey, '');
}

async function readInstanceAndJob(db: Queryable, key: string, jobKey: string, lock: 'FOR UPDATE' | ''): Promise<{ row: InstanceRow; job: JobRow | null } | null> {
  const result = await db.query<InstanceRow & { job: JobRow | null }>(
    `WITH instance AS (SELECT ${columns} FROM engine_process_instances WHERE key = $1 ${lock})
     SELECT instance.*, (SELECT row_to_json(job) FROM (
         SELECT ${jobColumns} FROM engine_jobs WHERE key = $2 AND instance_key = $1 ${lock}) AS job) AS job
     FROM instance`,
    [key, jobKey],
  );
  const found = result.rows[0];
  if (!found) return null;
  const { job, ...row } = found;
  return { row, job };
}

export async function findInstance(db: Queryable, key: string): Promise<InstanceRow | null> {
  const result = await db.query<InstanceRow>(`SELECT ${columns} FROM engine_process_instances WHERE key = $1`, [key]);
  return result.rows[0] ?? null;
}

export interface InstanceSearch {
  bpmnProcessId?: string | undefined;
  state?: InstanceState | undefined;
  processDefinitionKey?: string | undefined;
  processInstanceKey?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchInstances(db: Queryable, search: InstanceSearch): Promise<{ rows: InstanceRow[]; total: number }> {
  const where = `($1::text IS NULL OR bpmn_process_id = $1) AND ($2::text IS NULL OR state = $2)
    AND ($3::bigint IS NULL OR definition_key = $3) AND ($4::bigint IS NULL OR key = $4)`;
  const params = [search.bpmnProcessId ?? null, search.state ?? null, search.processDefinitionKey ?? null, search.processInstanceKey ?? null];
  const rows = await db.query<InstanceRow>(
    `SELECT ${columns} FROM engine_process_instances WHERE ${where} ORDER BY key LIMIT $5 OFFSET $6`,
    [...params, search.limit, search.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM engine_process_instances WHERE ${where}`, params);
  return { rows: rows.rows, total: count.rows[0]?.total ?? 0 };
}

export interface InstanceUpdate {
  state: InstanceState;
  variables: Record<string, unknown>;
  engineState: string | null;
  revision: number;
  activeElementIds: string[];
  soleExecutionId: string | null;
}

/** Stores the outcome of one step run in bpmn-engine, which leaves no deferred hops; `revision` is the new revision. */
export async function saveInstanceStep(db: Queryable, key: string, update: InstanceUpdate): Promise<void> {
  await db.query(
    `UPDATE engine_process_instances
     SET state = $2, variables = $3, engine_state = $4, revision = $5, active_element_ids = $6,
         sole_execution_id = $7, deferred_hops = NULL,
         ended_at = CASE WHEN $2 = 'ACTIVE' THEN NULL ELSE now() END
     WHERE key = $1`,
    [key, update.state, JSON.stringify(update.variables), update.engineState, update.revision, update.activeElementIds, update.soleExecutionId],
  );
}
