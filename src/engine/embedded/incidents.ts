// Incidents of steps that bpmn-engine could not run (for example a gateway
// condition whose FEEL fails). The step itself is rolled back, so the job or
// timer that caused it would come back and fail the same way: the job is
// parked as FAILED and the timer row deleted, in the transaction that records
// the incident. A message that caused it stays unconsumed; publishing it
// again fails again, and the open incident is not recorded twice.
import type { Db } from '../../db/client.ts';
import { insertIncident } from '../../db/engine/incidents.ts';
import { parkJob } from '../../db/engine/jobs.ts';
import { deleteTimers } from '../../db/engine/timers.ts';
import type { Logger } from '../../log.ts';
import type { StepFailedError } from './step.ts';

/** What made a step run: the job completed or failed with a BPMN error, or the timer fired. */
export interface StepCause {
  jobKey?: string;
  timerExecutionId?: string;
}

export async function recordStepIncident(db: Db, logger: Logger | undefined, instanceKey: string, error: StepFailedError, cause: StepCause): Promise<void> {
  const source = error.cause as { source?: { content?: { id?: string } } } | undefined;
  const elementId = source?.source?.content?.id ?? '';
  logger?.error({ err: error, processInstanceKey: instanceKey, elementId, jobKey: cause.jobKey }, 'process instance step failed: incident raised');
  try {
    await db.transaction(async (tx) => {
      if (cause.jobKey !== undefined) await parkJob(tx, cause.jobKey, error.message);
      // NOTE: a later step that recovers the instance from its stored state writes the timer row again.
      if (cause.timerExecutionId !== undefined) await deleteTimers(tx, instanceKey, [cause.timerExecutionId]);
      await insertIncident(tx, { instanceKey, elementId, jobKey: cause.jobKey ?? null, errorType: 'STEP_FAILED', errorMessage: error.message });
    });
  } catch (recordError) {
    logger?.error({ err: recordError, processInstanceKey: instanceKey }, 'recording incident failed');
  }
}
