// User tasks of the embedded engine: CREATED while the element waits, then
// COMPLETED by an officer or CANCELED when the element ends another way.
import type { Queryable } from '../client.ts';

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface NewUserTask {
  elementId: string;
  executionId: string;
  name: string;
  candidateGroups: string[];
  assignee: string | null;
  formKey: string | null;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
}

export interface UserTaskRow {
  key: string;
  instanceKey: string;
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  elementId: string;
  executionId: string;
  elementInstanceKey: string;
  name: string;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  formKey: string | null;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  createdAt: Date;
  completedAt: Date | null;
}

const columns = `key::text AS key, instance_key::text AS "instanceKey", definition_key::text AS "definitionKey",
  bpmn_process_id AS "bpmnProcessId", version, element_id AS "elementId", execution_id AS "executionId",
  element_instance_key::text AS "elementInstanceKey", name, state, assignee, candidate_groups AS "candidateGroups",
  form_key AS "formKey", custom_headers AS "customHeaders", variables, created_at AS "createdAt", completed_at AS "completedAt"`;

export async function insertUserTasks(
  db: Queryable,
  instance: { key: string; definitionKey: string; bpmnProcessId: string; version: number },
  tasks: NewUserTask[],
): Promise<void> {
  for (const task of tasks) {
    await db.query(
      `INSERT INTO engine_user_tasks (instance_key, definition_key, bpmn_process_id, version, element_id, execution_id, name,
         state, assignee, candidate_groups, form_key, custom_headers, variables)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CREATED', $8, $9, $10, $11, $12)
       ON CONFLICT (instance_key, execution_id) DO NOTHING`,
      [
        instance.key, instance.definitionKey, instance.bpmnProcessId, instance.version, task.elementId, task.executionId,
        task.name, task.assignee, task.candidateGroups, task.formKey, JSON.stringify(task.customHeaders), JSON.stringify(task.variables),
      ],
    );
  }
}

export interface UserTaskQuery {
  state?: UserTaskState | undefined;
  processInstanceKey?: string | undefined;
  candidateGroups?: string[] | undefined;
  assignee?: string | undefined;
  elementId?: string | undefined;
  userTaskKey?: string | undefined;
  limit?: number;
  offset?: number;
}

export async function searchUserTasks(db: Queryable, query: UserTaskQuery): Promise<UserTaskRow[]> {
  const result = await db.query<UserTaskRow>(
    `SELECT ${columns} FROM engine_user_tasks
     WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR instance_key = $2)
       AND ($3::text[] IS NULL OR candidate_groups && $3) AND ($4::text IS NULL OR assignee = $4)
       AND ($5::text IS NULL OR element_id = $5) AND ($6::bigint IS NULL OR key = $6)
     ORDER BY key LIMIT $7 OFFSET $8`,
    [
      query.state ?? null, query.processInstanceKey ?? null, query.candidateGroups ?? null, query.assignee ?? null,
      query.elementId ?? null, query.userTaskKey ?? null, query.limit ?? 1000, query.offset ?? 0,
    ],
  );
  return result.rows;
}

export async function findUserTask(db: Queryable, key: string): Promise<UserTaskRow | null> {
  if (!/^\d{1,19}$/.test(key)) return null;
  const result = await db.query<UserTaskRow>(`SELECT ${columns} FROM engine_user_tasks WHERE key = $1`, [key]);
  return result.rows[0] ?? null;
}

export async function lockUserTask(db: Queryable, key: string): Promise<UserTaskRow | null> {
  const result = await db.query<UserTaskRow>(`SELECT ${columns} FROM engine_user_tasks WHERE key = $1 FOR UPDATE`, [key]);
  return result.rows[0] ?? null;
}

/** Sets or clears the assignee of an open task; returns false when no open task has the key. */
export async function assignUserTask(db: Queryable, key: string, assignee: string | null): Promise<boolean> {
  if (!/^\d{1,19}$/.test(key)) return false;
  const result = await db.query(`UPDATE engine_user_tasks SET assignee = $2 WHERE key = $1 AND state = 'CREATED'`, [key, assignee]);
  return result.rowCount > 0;
}

export async function markUserTaskCompleted(db: Queryable, key: string): Promise<void> {
  await db.query(`UPDATE engine_user_tasks SET state = 'COMPLETED', completed_at = now() WHERE key = $1`, [key]);
}

/** Cancels the open tasks of executions that ended another way (interrupted, instance cancelled). */
export async function cancelUserTasksOfExecutions(db: Queryable, instanceKey: string, executionIds: string[] | 'all'): Promise<void> {
  if (executionIds !== 'all' && executionIds.length === 0) return;
  await db.query(
    `UPDATE engine_user_tasks SET state = 'CANCELED', completed_at = now()
     WHERE instance_key = $1 AND state = 'CREATED' AND ($2::text[] IS NULL OR execution_id = ANY($2))`,
    [instanceKey, executionIds === 'all' ? null : executionIds],
  );
}
