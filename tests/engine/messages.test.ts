// Message correlation by Camunda 8's rules: at most one subscription per BPMN
// process id, every process id that waits, buffered messages offered to later
// subscriptions of other processes, and message ids unique while buffered.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { EngineConflictError } from '../../src/engine/port.ts';
import { dbKinds, fixture, openEngineDb, type EngineDb } from './support.ts';

describe.each(dbKinds)('messages on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db });
    await engine.deploy([fixture('note-a.bpmn'), fixture('note-b.bpmn')]);
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  async function start(bpmnProcessId: string, key: string): Promise<string> {
    return (await engine.createProcessInstance({ bpmnProcessId, variables: { key } })).processInstanceKey;
  }

  async function state(processInstanceKey: string): Promise<string | undefined> {
    return (await engine.getProcessInstance(processInstanceKey))?.state;
  }

  test('one instance per process', async () => {
    const firstA = await start('note-a', 'K-1');
    const secondA = await start('note-a', 'K-1');
    const b = await start('note-b', 'K-1');

    const result = await engine.publishMessage({ name: 'note', correlationKey: 'K-1', variables: { seen: true } });

    expect(result.correlated).toBe(true);
    expect(result.processInstanceKey).toBe(firstA);
    expect(await state(firstA)).toBe('COMPLETED');
    expect(await state(secondA)).toBe('ACTIVE');
    expect(await state(b)).toBe('COMPLETED');
    expect((await engine.getProcessInstance(b))?.variables.seen).toBe(true);
  });

  test('buffered message offered to each process', async () => {
    await engine.publishMessage({ name: 'note', correlationKey: 'K-2', timeToLiveMs: 60_000 });
    const firstA = await start('note-a', 'K-2');
    const secondA = await start('note-a', 'K-2');
    const b = await start('note-b', 'K-2');

    expect(await state(firstA)).toBe('COMPLETED');
    expect(await state(secondA)).toBe('ACTIVE');
    expect(await state(b)).toBe('COMPLETED');
  });

  test('correlated message stays buffered', async () => {
    const a = await start('note-a', 'K-3');
    const result = await engine.publishMessage({ name: 'note', correlationKey: 'K-3', timeToLiveMs: 60_000 });
    expect(result.processInstanceKey).toBe(a);

    const b = await start('note-b', 'K-3');
    const laterA = await start('note-a', 'K-3');
    expect(await state(b)).toBe('COMPLETED');
    expect(await state(laterA)).toBe('ACTIVE');
  });

  test('message without time to live is not buffered', async () => {
    await engine.publishMessage({ name: 'note', correlationKey: 'K-4' });
    expect(await state(await start('note-a', 'K-4'))).toBe('ACTIVE');
  });

  test('buffered message id is rejected', async () => {
    await engine.publishMessage({ name: 'note', correlationKey: 'K-5', messageId: 'm-1', timeToLiveMs: 60_000 });
    await expect(engine.publishMessage({ name: 'note', correlationKey: 'K-5', messageId: 'm-1', timeToLiveMs: 60_000 }))
      .rejects.toBeInstanceOf(EngineConflictError);
    await expect(engine.publishMessage({ name: 'note', correlationKey: 'K-5', messageId: 'm-1' })).rejects.toBeInstanceOf(EngineConflictError);

    const other = await engine.publishMessage({ name: 'note', correlationKey: 'K-6', messageId: 'm-1', timeToLiveMs: 60_000 });
    expect(other.correlated).toBe(false);
  });

  test('expired message id is accepted', async () => {
    await engine.publishMessage({ name: 'note', correlationKey: 'K-7', messageId: 'm-2', timeToLiveMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await engine.publishMessage({ name: 'note', correlationKey: 'K-7', messageId: 'm-2', timeToLiveMs: 60_000 });
    expect(again.correlated).toBe(false);
    expect(await state(await start('note-a', 'K-7'))).toBe('COMPLETED');
  });
});
