// Deployed process definitions of the embedded engine: one row per
// (bpmnProcessId, version), with the XML it was deployed from.
import type { Queryable } from '../client.ts';

export interface DefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  checksum: string;
}

const columns = `key::text AS key, bpmn_process_id AS "bpmnProcessId", version, resource_name AS "resourceName", checksum`;

export async function findLatestDefinition(db: Queryable, bpmnProcessId: string): Promise<DefinitionRow | null> {
  const result = await db.query<DefinitionRow>(
    `SELECT ${columns} FROM engine_process_definitions WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`,
    [bpmnProcessId],
  );
  return result.rows[0] ?? null;
}

export async function findDefinitionByVersion(db: Queryable, bpmnProcessId: string, version: number): Promise<DefinitionRow | null> {
  const result = await db.query<DefinitionRow>(
    `SELECT ${columns} FROM engine_process_definitions WHERE bpmn_process_id = $1 AND version = $2`,
    [bpmnProcessId, version],
  );
  return result.rows[0] ?? null;
}

export async function findDefinition(db: Queryable, key: string): Promise<DefinitionRow | null> {
  const result = await db.query<DefinitionRow>(`SELECT ${columns} FROM engine_process_definitions WHERE key = $1`, [key]);
  return result.rows[0] ?? null;
}

export async function findDefinitionXml(db: Queryable, key: string): Promise<string | null> {
  const result = await db.query<{ xml: string }>('SELECT xml FROM engine_process_definitions WHERE key = $1', [key]);
  return result.rows[0]?.xml ?? null;
}

export async function listDefinitions(db: Queryable, bpmnProcessId?: string): Promise<DefinitionRow[]> {
  const result = await db.query<DefinitionRow>(
    `SELECT ${columns} FROM engine_process_definitions
     WHERE $1::text IS NULL OR bpmn_process_id = $1 ORDER BY bpmn_process_id, version`,
    [bpmnProcessId ?? null],
  );
  return result.rows;
}

/** Inserts the next version of a process; the caller holds the deployment lock of the bpmnProcessId. */
export async function insertDefinition(
  db: Queryable,
  definition: { bpmnProcessId: string; resourceName: string; xml: string; checksum: string },
): Promise<DefinitionRow> {
  const result = await db.query<DefinitionRow>(
    `INSERT INTO engine_process_definitions (bpmn_process_id, version, resource_name, xml, checksum)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM engine_process_definitions WHERE bpmn_process_id = $1
     RETURNING ${columns}`,
    [definition.bpmnProcessId, definition.resourceName, definition.xml, definition.checksum],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`inserting a version of process ${definition.bpmnProcessId} returned no row`);
  return row;
}

/** Serializes deployments of one bpmnProcessId across processes until the transaction ends. */
export async function lockProcessId(db: Queryable, bpmnProcessId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('engine_deploy:' || $1))`, [bpmnProcessId]);
}
