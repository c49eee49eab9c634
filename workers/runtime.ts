// Runs worker definitions as plain @camunda8/sdk REST job workers, so the
// same worker process serves Sijill's embedded engine or a Camunda 8 cluster,
// depending only on the REST address it is given.
import type { SijillCamundaClient } from '../src/engine/sdk-client.ts';
import type { Variables } from '../src/engine/port.ts';
import type { WorkerContext } from './context.ts';
import { jobLogFields, type JobInput, type WorkerDefinition } from './definition.ts';
import { runHandler } from './harness.ts';

/** The fields and actions of an activated job that the runtime uses. */
interface SdkJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  retries: number;
  variables: unknown;
  customHeaders: unknown;
  complete(variables?: Variables): Promise<unknown>;
  fail(body: { errorMessage: string; retries: number; retryBackOff: number }): Promise<unknown>;
  error(body: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<unknown>;
}

export interface RunningWorkers {
  stop(): Promise<void>;
}

export function startWorkers(client: SijillCamundaClient, ctx: WorkerContext, definitions: WorkerDefinition[]): RunningWorkers {
  const workers = definitions.map((definition) =>
    client.createJobWorker({
      jobType: definition.type,
      workerName: `sijill-${definition.type}-${process.pid}`,
      maxParallelJobs: definition.concurrency,
      jobTimeoutMs: definition.timeoutMs,
      fetchVariables: definition.fetchVariables,
      // Long polling: the server answers as soon as a job of this type is created.
      pollTimeoutMs: 10_000,
      jobHandler: (job) => settle(job as unknown as SdkJob, definition, ctx) as never,
    }),
  );
  ctx.logger.info({ types: definitions.map((d) => d.type) }, 'workers started');
  return {
    async stop() {
      await Promise.all(workers.map((worker) => worker.stopGracefully({ waitUpToMs: 2_000 })));
      ctx.logger.info({ types: definitions.map((d) => d.type) }, 'workers stopped');
    },
  };
}

async function settle(job: SdkJob, definition: WorkerDefinition, ctx: WorkerContext): Promise<unknown> {
  const input: JobInput = {
    key: String(job.jobKey),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    bpmnProcessId: job.processDefinitionId,
    elementId: job.elementId,
    retries: job.retries,
    variables: toRecord(job.variables),
    customHeaders: toRecord(job.customHeaders) as Record<string, string>,
  };
  const { settlement } = await runHandler(definition, input, ctx);
  switch (settlement.kind) {
    case 'complete':
      return job.complete(settlement.variables);
    case 'fail':
      return job.fail({ errorMessage: settlement.message, retries: settlement.keepRetries ? job.retries : Math.max(job.retries - 1, 0), retryBackOff: settlement.retryBackOffMs });
    case 'bpmn-error':
      return job.error({ errorCode: settlement.code, errorMessage: settlement.message, variables: settlement.variables });
  }
}

function toRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
}

export { jobLogFields };
