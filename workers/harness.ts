// Runs one handler on one job and turns a thrown error into a failed job, so
// an exception can never leave a job unsettled. Tests call it directly to run
// a worker without an engine.
import type { WorkerContext } from './context.ts';
import { jobLogFields, type JobInput, type WorkerDefinition } from './definition.ts';
import { JobOutcome } from './outcome.ts';

export async function runHandler(definition: WorkerDefinition, job: JobInput, ctx: WorkerContext): Promise<JobOutcome> {
  const fields = jobLogFields(job);
  try {
    const outcome = await definition.handle(job, ctx);
    const { settlement } = outcome;
    if (settlement.kind === 'complete') ctx.logger.debug(fields, 'job completed');
    else if (settlement.kind === 'fail' && settlement.keepRetries) ctx.logger.info({ ...fields, reason: settlement.message, retryBackOffMs: settlement.retryBackOffMs }, 'job waits');
    else if (settlement.kind === 'fail') ctx.logger.warn({ ...fields, reason: settlement.message }, 'job failed');
    else ctx.logger.info({ ...fields, errorCode: settlement.code }, 'job raised bpmn error');
    return outcome;
  } catch (err) {
    ctx.logger.error({ ...fields, err }, 'job handler threw');
    return JobOutcome.fail(err instanceof Error ? err.message : String(err));
  }
}
