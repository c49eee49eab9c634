// Sub-process input and output mappings: inputs shadow process variables
// while the sub-process runs, outputs are set when it completes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { dbKinds, fixture, openEngineDb, takeJob, type EngineDb } from './support.ts';

describe.each(dbKinds)('sub-process mappings on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db });
    await engine.deploy([fixture('scoped-io.bpmn')]);
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  const variables = { amount: 1, order: { amount: 50 } };

  test('inputs visible inside sub-process', async () => {
    await engine.createProcessInstance({ bpmnProcessId: 'scoped-io', variables });
    await engine.completeJob((await takeJob(engine, 'io-prepare')).jobKey);
    const inner = await takeJob(engine, 'io-inner');
    expect(inner.variables).toEqual({ amount: 50, order: { amount: 50 }, label: 'inner' });
    await engine.completeJob(inner.jobKey, { amount: 60, innerResult: true });

    const final = await takeJob(engine, 'io-final');
    expect(final.variables).toEqual({ amount: 1, order: { amount: 50 }, innerResult: true, checkedAmount: 120 });
  });

  test('shadowed variables survive restart', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'scoped-io', variables });
    await engine.completeJob((await takeJob(engine, 'io-prepare')).jobKey);

    // A second engine has no live instance in memory and recovers the stored state.
    const other = new EmbeddedEngine({ db: handle.db });
    await other.completeJob((await takeJob(other, 'io-inner')).jobKey, { amount: 7 });
    const view = await other.getProcessInstance(processInstanceKey);
    expect(view?.variables).toEqual({ amount: 1, order: { amount: 50 }, checkedAmount: 14 });
  });
});
