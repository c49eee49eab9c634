// Incidents of the embedded engine: a job out of retries, a BPMN error no
// boundary event catches, or a step that failed to evaluate. The instance
// stays ACTIVE with the incident open.
import type { Queryable } from '../client.ts';

export interface IncidentRow {
  key: string;
  instanceKey: string;
  elementId: string;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  createdAt: Date;
}

/**
 * Records an incident, unless the same one (instance, element, job, type and
 * message) is open already; returns the key of the new or the open incident.
 */
export async function insertIncident(
  db: Queryable,
  incident: { instanceKey: string; elementId: string; jobKey: string | null; errorType: string; errorMessage: string },
): Promise<string> {
  const result = await db.query<{ key: string }>(
    `WITH open AS (
       SELECT key FROM engine_incidents
       WHERE instance_key = $1 AND element_id = $2 AND job_key IS NOT DISTINCT FROM $3::bigint AND error_type = $4
         AND error_message = $5 AND resolved_at IS NULL
       LIMIT 1
     ), inserted AS (
       INSERT INTO engine_incidents (instance_key, element_id, job_key, error_type, error_message)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM open)
       RETURNING key
     )
     SELECT key::text AS key FROM inserted UNION ALL SELECT key::text FROM open`,
    [incident.instanceKey, incident.elementId, incident.jobKey, incident.errorType, incident.errorMessage],
  );
  return result.rows[0]?.key ?? '';
}

export async function listOpenIncidents(db: Queryable, instanceKey: string): Promise<IncidentRow[]> {
  const result = await db.query<IncidentRow>(
    `SELECT key::text AS key, instance_key::text AS "instanceKey", element_id AS "elementId", job_key::text AS "jobKey",
       error_type AS "errorType", error_message AS "errorMessage", created_at AS "createdAt"
     FROM engine_incidents WHERE instance_key = $1 AND resolved_at IS NULL ORDER BY key`,
    [instanceKey],
  );
  return result.rows;
}

export async function resolveIncidentsOfInstance(db: Queryable, instanceKey: string): Promise<void> {
  await db.query('UPDATE engine_incidents SET resolved_at = now() WHERE instance_key = $1 AND resolved_at IS NULL', [instanceKey]);
}

/** Lists every open incident of the embedded engine, oldest first. */
export async function listAllOpenIncidents(db: Queryable): Promise<IncidentRow[]> {
  const result = await db.query<IncidentRow>(
    `SELECT key::text AS key, instance_key::text AS "instanceKey", element_id AS "elementId", job_key::text AS "jobKey",
       error_type AS "errorType", error_message AS "errorMessage", created_at AS "createdAt"
     FROM engine_incidents WHERE resolved_at IS NULL ORDER BY key`,
  );
  return result.rows;
}

/**
 * Gives the job of every open JOB_NO_RETRIES incident `retries` attempts
 * again, activatable at once, and resolves the incident, as Camunda's
 * "update retries, resolve incident" does. Returns the incidents resolved.
 */
export async function retryFailedJobs(db: Queryable, retries: number): Promise<IncidentRow[]> {
  const result = await db.query<IncidentRow>(
    `WITH retried AS (
       UPDATE engine_jobs j SET state = 'ACTIVATABLE', retries = $1, worker = NULL, deadline = NULL, available_at = now()
       FROM engine_incidents i
       WHERE i.job_key = j.key AND i.error_type = 'JOB_NO_RETRIES' AND i.resolved_at IS NULL AND j.state = 'FAILED'
       RETURNING j.key
     )
     UPDATE engine_incidents SET resolved_at = now()
     WHERE job_key IN (SELECT key FROM retried) AND error_type = 'JOB_NO_RETRIES' AND resolved_at IS NULL
     RETURNING key::text AS key, instance_key::text AS "instanceKey", element_id AS "elementId", job_key::text AS "jobKey",
       error_type AS "errorType", error_message AS "errorMessage", created_at AS "createdAt"`,
    [retries],
  );
  return result.rows;
}
