// Plain hops: job completions and starts that the engine applies without
// bpmn-engine, and their replay when a later step needs bpmn-engine.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { saveHop } from '../../src/db/engine/hops.ts';
import { findInstance } from '../../src/db/engine/instances.ts';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { EngineNotFoundError } from '../../src/engine/port.ts';
import { dbKinds, fixture, openEngineDb, takeJob, type EngineDb } from './support.ts';

describe.each(dbKinds)('plain hops on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db, pollIntervalMs: 50 });
    await engine.deploy([fixture('hops.bpmn')]);
    await engine.start();
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  test('hops run without bpmn-engine', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops', variables: { again: false } });
    let row = await findInstance(handle.db, processInstanceKey);
    expect(row?.engineState).toBeNull();
    expect(row?.deferredHops).toMatchObject({ baseRevision: null, signalled: [], elementId: 'a' });
    expect(row?.activeElementIds).toEqual(['a']);

    await engine.completeJob((await takeJob(engine, 'hop-a')).jobKey, { result: 4 });
    row = await findInstance(handle.db, processInstanceKey);
    expect(row?.engineState).toBeNull();
    expect(row?.deferredHops).toMatchObject({ baseRevision: null, signalled: ['a'], elementId: 'b' });
    expect(row?.activeElementIds).toEqual(['b']);
    expect(row?.variables).toEqual({ again: false, aResult: 4 });

    const b = await takeJob(engine, 'hop-b');
    expect(b.variables).toEqual({ again: false, aResult: 4, bInput: 5 });
  });

  test('gateway step replays hops', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops', variables: { again: false } });
    await engine.completeJob((await takeJob(engine, 'hop-a')).jobKey, { result: 1 });
    await engine.completeJob((await takeJob(engine, 'hop-b')).jobKey, { again: true });

    const row = await findInstance(handle.db, processInstanceKey);
    expect(row?.deferredHops).toBeNull();
    expect(row?.engineState).not.toBeNull();
    expect(row?.activeElementIds).toEqual(['c']);

    await engine.completeJob((await takeJob(engine, 'hop-c')).jobKey, { last: 'c' });
    const view = await engine.getProcessInstance(processInstanceKey);
    expect(view?.state).toBe('COMPLETED');
    expect(view?.variables).toEqual({ again: true, aResult: 1, last: 'c' });
  });

  test('hop ends instance', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops', variables: { again: false } });
    await engine.completeJob((await takeJob(engine, 'hop-a')).jobKey, { result: 1 });
    await engine.completeJob((await takeJob(engine, 'hop-b')).jobKey, { again: true });
    const c = await takeJob(engine, 'hop-c');
    await engine.completeJob(c.jobKey);
    const row = await findInstance(handle.db, processInstanceKey);
    expect(row?.state).toBe('COMPLETED');
    expect(row?.engineState).toBeNull();
    expect(row?.deferredHops).toBeNull();
    await expect(engine.completeJob(c.jobKey)).rejects.toBeInstanceOf(EngineNotFoundError);
  });

  test('stale hop changes nothing', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops', variables: { again: false } });
    const a = await takeJob(engine, 'hop-a');
    const row = await findInstance(handle.db, processInstanceKey);
    const stale = {
      instanceKey: processInstanceKey, jobKey: a.jobKey, variables: { stale: true }, next: null, activeElementIds: [], hops: null,
    };

    expect(await saveHop(handle.db, { ...stale, fromRevision: (row?.revision ?? 0) - 1 })).toBe(false);
    expect(await findInstance(handle.db, processInstanceKey)).toEqual(row);

    await engine.completeJob(a.jobKey, { result: 2 });
    expect((await findInstance(handle.db, processInstanceKey))?.variables).toEqual({ again: false, aResult: 2 });
  });

  test('restarted engine replays stored state', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops-after-review' });
    const [review] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await engine.completeUserTask(review?.userTaskKey ?? '');
    await engine.completeJob((await takeJob(engine, 'hop-a2')).jobKey, { a2: true });
    const row = await findInstance(handle.db, processInstanceKey);
    expect(row?.deferredHops?.baseRevision).toBe(2);
    expect(row?.deferredHops?.signalled).toEqual(['a2']);

    // A second engine on the same database has no live instance in memory.
    const other = new EmbeddedEngine({ db: handle.db });
    await other.completeJob((await takeJob(other, 'hop-b2')).jobKey, { b2: true });
    const view = await other.getProcessInstance(processInstanceKey);
    expect(view?.state).toBe('COMPLETED');
    expect(view?.variables).toEqual({ a2: true, b2: true });
  });

  test('hop inside sub-process keeps timer', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops-scoped', variables: { lateAfter: 'PT1H' } });
    await engine.completeJob((await takeJob(engine, 'hop-x')).jobKey);
    const row = await findInstance(handle.db, processInstanceKey);
    expect(row?.deferredHops?.signalled).toEqual(['x']);
    expect(row?.activeElementIds).toEqual(['scope', 'y']);

    await engine.completeJob((await takeJob(engine, 'hop-y')).jobKey);
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });

  test('timer interrupts hopped sub-process', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'hops-scoped', variables: { lateAfter: 'PT1S' } });
    await engine.completeJob((await takeJob(engine, 'hop-x')).jobKey);
    const y = await takeJob(engine, 'hop-y');
    const escalate = await engine.activateJobs({ type: 'hop-escalate', worker: 'test', maxJobsToActivate: 1, timeoutMs: 30_000, requestTimeoutMs: 5_000 });
    expect(escalate[0]?.processInstanceKey).toBe(processInstanceKey);

    await expect(engine.completeJob(y.jobKey)).rejects.toBeInstanceOf(EngineNotFoundError);
    await engine.completeJob(escalate[0]?.jobKey ?? '');
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });
});
