// Incidents of steps that bpmn-engine cannot run: the job that caused one is
// parked, so it is not delivered again and the incident is raised once.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
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
