// Process instances of the embedded engine. A step of an instance reads its
// row FOR UPDATE (lockInstance), which keeps every other engine process off
// that instance until the step's transaction ends.
import type { Queryable } from '../client.ts';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

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
  startedAt: Date;
  endedAt: Date | null;
}

const columns = `key::text AS key, definition_key::text AS "definitionKey", bpmn_process_id AS "bpmnProcessId", version, state,
  variables, engine_state AS "engineState", revision, active_element_ids AS "activeElementIds",
  started_at AS "startedAt", ended_at AS "endedAt"`;

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
}

/** Stores the outcome of one step; `revision` is the new revision. */
export async function saveInstanceStep(db: Queryable, key: string, update: InstanceUpdate): Promise<void> {
  await db.query(
    `UPDATE engine_process_instances
     SET state = $2, variables = $3, engine_state = $4, revision = $5, active_element_ids = $6,
         ended_at = CASE WHEN $2 = 'ACTIVE' THEN NULL ELSE now() END
     WHERE key = $1`,
    [key, update.state, JSON.stringify(update.variables), update.engineState, update.revision, update.activeElementIds],
  );
}
