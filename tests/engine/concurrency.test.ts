// Two engine objects on one PostgreSQL database stand for two engine
// processes: they must not advance one instance at the same time, a due
// timer fires once, and a new engine resumes instances after a restart.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { openDb, type Db } from '../../src/db/client.ts';
import { createTestDb, type TestDb } from '../support/postgres.ts';
import { eventually, fixture, takeJob } from './support.ts';

let testDb: TestDb;
let secondDb: Db;
let first: EmbeddedEngine;
let second: EmbeddedEngine;

beforeAll(async () => {
  testDb = await createTestDb();
  secondDb = await openDb({ url: testDb.url, maxConnections: 5 });
  first = new EmbeddedEngine({ db: testDb.db, pollIntervalMs: 20 });
  second = new EmbeddedEngine({ db: secondDb, pollIntervalMs: 20 });
  await first.deploy([fixture('linear.bpmn'), fixture('dossier.bpmn'), fixture('waiting.bpmn')]);
});

afterAll(async () => {
  await first.stop();
  await second.stop();
  await secondDb.close();
  await testDb.drop();
});

test('parallel branches advance once each', async () => {
  const { processInstanceKey } = await first.createProcessInstance({
    bpmnProcessId: 'dossier', variables: { dossierId: 'P-1', deadlineAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  const verify = await takeJob(first, 'verify');
  const [review] = await second.searchUserTasks({ processInstanceKey, state: 'CREATED' });
  // The two completions race on the same instance from two engines.
  await Promise.all([
    first.completeJob(verify.jobKey, { verified: true }),
    second.completeUserTask(review?.userTaskKey ?? '', { decision: 'approved' }),
  ]);
  const view = await first.getProcessInstance(processInstanceKey);
  expect(view?.activeElementIds).toEqual(['supplement']);
  expect(view?.variables).toMatchObject({ verified: true, decision: 'approved' });
});

test('job activated by one engine only', async () => {
  for (let index = 0; index < 10; index++) await first.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: index } });
  const request = { type: 'echo', worker: 'w', maxJobsToActivate: 10, timeoutMs: 30_000 };
  const [a, b] = await Promise.all([first.activateJobs(request), second.activateJobs(request)]);
  const keys = [...a, ...b].map((job) => job.jobKey);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.length).toBe(10);
  await Promise.all([...a.map((job) => first.completeJob(job.jobKey, { result: 1 })), ...b.map((job) => second.completeJob(job.jobKey, { result: 1 }))]);
});

test('timer fires once across engines', async () => {
  const { processInstanceKey } = await first.createProcessInstance({ bpmnProcessId: 'waiting', variables: { caseId: 'T-1' } });
  await first.start();
  await second.start();
  await eventually(async () => (await first.searchUserTasks({ processInstanceKey, state: 'CREATED' })).length === 1);
  await takeJob(second, 'notify');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await first.searchUserTasks({ processInstanceKey })).toHaveLength(1);
  expect(await first.activateJobs({ type: 'notify', worker: 'w', maxJobsToActivate: 5, timeoutMs: 1000 })).toEqual([]);
});

test('new engine resumes after restart', async () => {
  const { processInstanceKey } = await first.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 80 } });
  await first.stop();
  await second.stop();
  const restarted = new EmbeddedEngine({ db: testDb.db });
  const job = await takeJob(restarted, 'echo');
  expect(job.processInstanceKey).toBe(processInstanceKey);
  await restarted.completeJob(job.jobKey, { result: 160 });
  expect((await restarted.getProcessInstance(processInstanceKey))?.variables.echoed).toBe(160);
});

test('timer due during downtime fires on start', async () => {
  const stopped = new EmbeddedEngine({ db: testDb.db });
  const { processInstanceKey } = await stopped.createProcessInstance({ bpmnProcessId: 'waiting', variables: { caseId: 'T-2' } });
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  const restarted = new EmbeddedEngine({ db: secondDb, pollIntervalMs: 20 });
  await restarted.start();
  try {
    await eventually(async () => (await restarted.searchUserTasks({ processInstanceKey, state: 'CREATED' })).length === 1);
  } finally {
    await restarted.stop();
  }
});

test('notification wakes other engine', async () => {
  const waiting = new EmbeddedEngine({ db: secondDb, activationRecheckMs: 60_000, notifyUrl: testDb.url });
  const creating = new EmbeddedEngine({ db: testDb.db, notifyUrl: testDb.url });
  await creating.deploy([fixture('hops.bpmn')]);
  await waiting.start();
  await creating.start();
  try {
    const started = Date.now();
    const activation = waiting.activateJobs({ type: 'hop-a', worker: 'w', maxJobsToActivate: 1, timeoutMs: 30_000, requestTimeoutMs: 10_000 });
    // Let the activation find no job and start waiting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { processInstanceKey } = await creating.createProcessInstance({ bpmnProcessId: 'hops', variables: { again: false } });

    const [job] = await activation;
    expect(job?.processInstanceKey).toBe(processInstanceKey);
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    await waiting.stop();
    await creating.stop();
  }
});
