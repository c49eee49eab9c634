// The shape of one task type's worker. The handler sees the job through
// JobInput only, so the same handler runs under @camunda8/sdk (runtime.ts)
// and under the test harness (harness.ts).
import { findDossier, type DossierRow } from '../src/db/dossiers.ts';
import type { Variables } from '../src/engine/port.ts';
import type { WorkerContext } from './context.ts';
import type { JobOutcome } from './outcome.ts';

export interface JobInput<V extends Variables = Variables> {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: V;
  customHeaders: Record<string, string>;
}

export interface WorkerDefinition<V extends Variables = Variables> {
  /** The zeebe:taskDefinition type this worker serves. */
  type: string;
  /** Variables the handler reads; the engine sends only these. */
  fetchVariables: string[];
  /** How long a job stays locked to this worker, in ms. */
  timeoutMs: number;
  /** Jobs handled at once by one worker process. */
  concurrency: number;
  handle(job: JobInput<V>, ctx: WorkerContext): Promise<JobOutcome>;
}

/** Standard log fields of a job. */
export function jobLogFields(job: JobInput): Record<string, unknown> {
  const dossierId = job.variables['dossierId'];
  return {
    jobKey: job.key,
    taskType: job.type,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
    retries: job.retries,
    ...(typeof dossierId === 'string' ? { dossierId } : {}),
  };
}

/** Reads the dossierId variable every Sijill job carries; throws when it is missing. */
export function dossierIdOf(job: JobInput): string {
  const id = job.variables['dossierId'];
  if (typeof id !== 'string' || id === '') throw new Error(`job ${job.key} (${job.type}) has no dossierId variable`);
  return id;
}

/** Loads the job's dossier; throws when it is missing, which fails the job (retried, then an incident). */
export async function loadJobDossier(job: JobInput, ctx: WorkerContext): Promise<DossierRow> {
  const dossierId = dossierIdOf(job);
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier) throw new Error(`dossier ${dossierId} of job ${job.key} (${job.type}) not found`);
  return dossier;
}
