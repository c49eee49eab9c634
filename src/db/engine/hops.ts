// Plain hops of the embedded engine (src/engine/embedded/hops.ts): starting an
// instance and completing a job without bpmn-engine. Each write is a single
// statement that needs no surrounding transaction.
import type { Queryable } from '../client.ts';
import type { DeferredHops } from './instances.ts';
import type { NewJob } from './jobs.ts';

const jobRecord = `j(element_id text, execution_id text, type text, retries int, custom_headers jsonb, local_variables jsonb)`;

function jobsJson(jobs: NewJob[]): string {
  return JSON.stringify(jobs.map((job) => ({
    element_id: job.elementId,
    execution_id: job.executionId,
    type: job.type,
    retries: job.retries,
    custom_headers: job.customHeaders,
    local_variables: job.localVariables,
  })));
}

/** Inserts an ACTIVE instance whose token waits at its first service task, with that task's job; returns the instance key. */
export async function insertStartedInstance(
  db: Queryable,
  instance: { definitionKey: string; bpmnProcessId: string; version: number; variables: Record<string, unknown>; revision: number; hops: DeferredHops; job: NewJob },
): Promise<string> {
  const result = await db.query<{ key: string }>(
    `WITH instance AS (
       INSERT INTO engine_process_instances
         (definition_key, bpmn_process_id, version, state, variables, revision, active_element_ids, sole_execution_id, deferred_hops)
       VALUES ($1, $2, $3, 'ACTIVE', $4, $5, ARRAY[$6::text], $7, $8)
       RETURNING key
     ), job AS (
       INSERT INTO engine_jobs (instance_key, element_id, execution_id, type, state, retries, custom_headers, local_variables)
       SELECT instance.key, element_id, execution_id, type, 'ACTIVATABLE', retries, custom_headers, local_variables
       FROM instance, jsonb_to_recordset($9::jsonb) AS ${jobRecord}
     )
     SELECT key::text AS key FROM instance`,
    [
      instance.definitionKey, instance.bpmnProcessId, instance.version, JSON.stringify(instance.variables), instance.revision,
      instance.hops.elementId, instance.hops.executionId, JSON.stringify(instance.hops), jobsJson([instance.job]),
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error('inserting a process instance returned no row');
  return row.key;
}

export interface HopUpdate {
  instanceKey: string;
  /** The revision the hop was computed from; the hop is stored only while the instance still has it. */
  fromRevision: number;
  /** The job whose completion made the hop; it is deleted. */
  jobKey: string;
  variables: Record<string, unknown>;
  /** The job of the target service task; null when the hop ends the instance. */
  next: NewJob | null;
  activeElementIds: string[];
  hops: DeferredHops | null;
}

/**
 * Stores a hop in one statement: deletes the completed job, inserts the next
 * one and updates the instance. A hop without a next job completes the
 * instance. Its token was the only one, so the completed job was the
 * instance's only row to release: no timers, subscriptions or open user tasks
 * can exist. Returns false, and changes nothing, when the instance left
 * `fromRevision` or the job is gone or FAILED: a step of another engine
 * process came first. The statement locks the instance row before the job
 * row, in the order every step does.
 */
export async function saveHop(db: Queryable, hop: HopUpdate): Promise<boolean> {
  const ended = hop.next === null;
  const result = await db.query<{ saved: number }>(
    `WITH instance AS (
       SELECT key FROM engine_process_instances WHERE key = $1 AND revision = $10 AND state = 'ACTIVE' FOR UPDATE
     ), completed AS (
       DELETE FROM engine_jobs
       WHERE key = $2 AND instance_key = $1 AND state <> 'FAILED' AND EXISTS (SELECT 1 FROM instance)
       RETURNING key
     ), next AS (
       INSERT INTO engine_jobs (instance_key, element_id, execution_id, type, state, retries, custom_headers, local_variables)
       SELECT $1, element_id, execution_id, type, 'ACTIVATABLE', retries, custom_headers, local_variables
       FROM jsonb_to_recordset($3::jsonb) AS ${jobRecord}
       WHERE EXISTS (SELECT 1 FROM completed)
     ), updated AS (
       UPDATE engine_process_instances
       SET state = $4, variables = $5, revision = $6, active_element_ids = $7, sole_execution_id = $8, deferred_hops = $9,
           engine_state = CASE WHEN $4 = 'ACTIVE' THEN engine_state END,
           ended_at = CASE WHEN $4 = 'ACTIVE' THEN NULL ELSE now() END
       WHERE key = $1 AND EXISTS (SELECT 1 FROM completed)
       RETURNING key
     )
     SELECT count(*)::int AS saved FROM updated`,
    [
      hop.instanceKey, hop.jobKey, jobsJson(hop.next ? [hop.next] : []), ended ? 'COMPLETED' : 'ACTIVE', JSON.stringify(hop.variables),
      hop.fromRevision + 1, hop.activeElementIds, hop.next?.executionId ?? null, hop.hops ? JSON.stringify(hop.hops) : null, hop.fromRevision,
    ],
  );
  return (result.rows[0]?.saved ?? 0) > 0;
}
