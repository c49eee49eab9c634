// Incidents of steps that bpmn-engine cannot run: the job that caused one is
// parked, so it is not delivered again and the incident is raised once.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { retryFailedJobs } from '../../src/db/engine/incidents.ts';
import { EngineNotFoundError } from '../../src/engine/port.ts';
import { dbKinds, fixture, openEngineDb, takeJob, type EngineDb } from './support.ts';

describe.each(dbKinds)('step incidents on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db });
    await engine.deploy([fixture('broken-condition.bpmn')]);
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  test('failed step parks its job', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'broken-condition', variables: { amount: 3 } });
    const job = await takeJob(engine, 'broken-check');

    await expect(engine.completeJob(job.jobKey, { checked: true })).rejects.toThrow(/amount >> 1/);

    const view = await engine.getProcessInstance(processInstanceKey);
    expect(view?.state).toBe('ACTIVE');
    expect(view?.activeElementIds).toEqual(['check']);
    expect(view?.variables).toEqual({ amount: 3 });
    expect(view?.incidents).toHaveLength(1);
    expect(view?.incidents[0]?.jobKey).toBe(job.jobKey);
    expect(await engine.activateJobs({ type: 'broken-check', worker: 'test', maxJobsToActivate: 5, timeoutMs: 1_000 })).toEqual([]);
  });

  test('redelivered completion raises no duplicate', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'broken-condition', variables: { amount: 3 } });
    const job = await takeJob(engine, 'broken-check');
    await expect(engine.completeJob(job.jobKey)).rejects.toThrow(/amount >> 1/);

    await expect(engine.completeJob(job.jobKey)).rejects.toBeInstanceOf(EngineNotFoundError);
    await expect(engine.throwJobError(job.jobKey, { errorCode: 'ANY' })).rejects.toBeInstanceOf(EngineNotFoundError);
    expect((await engine.getProcessInstance(processInstanceKey))?.incidents).toHaveLength(1);
  });
});

describe.each(dbKinds)('failed job retried on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db });
    await engine.deploy([fixture('linear.bpmn')]);
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  test('retry gives the job new attempts', async () => {
    // What `sijill incidents --retry` does once the cause (a missing seal key) is fixed.
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: {} });
    const job = await takeJob(engine, 'echo');
    await engine.failJob(job.jobKey, { retries: 0, errorMessage: 'no seal key for "commerce"' });
    expect((await engine.getProcessInstance(processInstanceKey))?.incidents).toHaveLength(1);

    const retried = await retryFailedJobs(handle.db, 3);

    expect(retried.map((incident) => [incident.jobKey, incident.errorType])).toEqual([[job.jobKey, 'JOB_NO_RETRIES']]);
    expect((await engine.getProcessInstance(processInstanceKey))?.incidents).toEqual([]);
    const again = await takeJob(engine, 'echo');
    expect(again.jobKey).toBe(job.jobKey);
    expect(again.retries).toBe(3);
  });
});
