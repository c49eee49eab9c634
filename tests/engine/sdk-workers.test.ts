// End to end through @camunda8/sdk: the SDK's REST job workers and client
// talk to the Camunda REST subset served by Fastify over the embedded engine.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { OrchestrationLifters } from '@camunda8/sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { camundaRestPlugin } from '../../src/api/camunda/plugin.ts';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { createSijillCamundaClient, type SijillCamundaClient } from '../../src/engine/sdk-client.ts';
import { createTestDb, type TestDb } from '../support/postgres.ts';
import { eventually } from './support.ts';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const noWait = { consistency: { waitUpToMs: 0 } };

type UserTaskKey = ReturnType<typeof OrchestrationLifters.UserTaskKey.assumeExists>;
type InstanceKey = Awaited<ReturnType<SijillCamundaClient['createProcessInstance']>>['processInstanceKey'];

let testDb: TestDb;
let engine: EmbeddedEngine;
let app: FastifyInstance;
let client: SijillCamundaClient;
const attempts = new Map<string, number>();

beforeAll(async () => {
  testDb = await createTestDb();
  engine = new EmbeddedEngine({ db: testDb.db, pollIntervalMs: 50 });
  await engine.start();
  app = Fastify();
  await app.register(camundaRestPlugin, { prefix: '/v2', engine });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  client = createSijillCamundaClient(address);

  client.createJobWorker({
    jobType: 'verify', maxParallelJobs: 4, jobTimeoutMs: 30_000, pollTimeoutMs: 1_000,
    jobHandler: async (job) => {
      const dossierId = String(job.variables.dossierId);
      const attempt = (attempts.get(dossierId) ?? 0) + 1;
      attempts.set(dossierId, attempt);
      if (dossierId === 'D-ERR') return job.error({ errorCode: 'SIGNATURE_INVALID', errorMessage: 'TOTAL_FAILED' });
      if (dossierId === 'D-RETRY' && attempt === 1) return job.fail({ errorMessage: 'TSA down', retries: job.retries - 1, retryBackOff: 100 });
      return job.complete({ verified: true, attempts: attempt });
    },
  });
  client.createJobWorker({
    jobType: 'issue-result', maxParallelJobs: 4, jobTimeoutMs: 30_000, pollTimeoutMs: 1_000,
    jobHandler: async (job) => job.complete({ resultNumber: `R-${String(job.variables.dossierId)}` }),
  });
});

afterAll(async () => {
  client.stopAllWorkers();
  await engine.stop();
  await app.close();
  await testDb.drop();
});

async function instanceState(processInstanceKey: InstanceKey): Promise<string | undefined> {
  const result = await client.searchProcessInstances({ filter: { processInstanceKey } }, noWait);
  return result.items[0]?.state;
}

async function startDossier(dossierId: string): Promise<InstanceKey> {
  const created = await client.createProcessInstance({
    processDefinitionId: OrchestrationLifters.ProcessDefinitionId.assumeExists('dossier'),
    variables: { dossierId, deadlineAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  return created.processInstanceKey;
}

async function reviewAndSupplement(processInstanceKey: InstanceKey, dossierId: string): Promise<void> {
  let taskKey: UserTaskKey | undefined;
  await eventually(async () => {
    const tasks = await client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } }, noWait);
    taskKey = tasks.items[0]?.userTaskKey;
    return taskKey !== undefined;
  });
  if (taskKey === undefined) throw new Error('no user task');
  await client.assignUserTask({ userTaskKey: taskKey, assignee: 'officer-1' });
  await client.completeUserTask({ userTaskKey: taskKey, variables: { decision: 'approved' } });
  await client.publishMessage({ name: 'supplement-received', correlationKey: dossierId, variables: { supplement: 'doc-1' }, timeToLive: 60_000 });
}

test('sdk deploys the diagram', async () => {
  const deployment = await client.deployResourcesFromFiles([path.join(fixturesDir, 'dossier.bpmn')]);
  expect(deployment.processes[0]?.processDefinitionId).toBe('dossier');
  const topology = await client.getTopology();
  expect(topology.brokers).toHaveLength(1);
});

test('sdk workers complete a dossier', async () => {
  const processInstanceKey = await startDossier('D-OK');
  await reviewAndSupplement(processInstanceKey, 'D-OK');
  await eventually(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
  const view = await engine.getProcessInstance(String(processInstanceKey));
  expect(view?.variables).toMatchObject({ verified: true, decision: 'approved', supplement: 'doc-1', resultNumber: 'R-D-OK' });
});

test('sdk worker failure is retried', async () => {
  const processInstanceKey = await startDossier('D-RETRY');
  await reviewAndSupplement(processInstanceKey, 'D-RETRY');
  await eventually(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
  expect(attempts.get('D-RETRY')).toBe(2);
  expect((await engine.getProcessInstance(String(processInstanceKey)))?.variables.attempts).toBe(2);
});

test('sdk BPMN error takes error path', async () => {
  const processInstanceKey = await startDossier('D-ERR');
  await eventually(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
  const tasks = await client.searchUserTasks({ filter: { processInstanceKey } }, noWait);
  expect(tasks.items[0]?.state).toBe('CANCELED');
  expect((await engine.getProcessInstance(String(processInstanceKey)))?.variables.resultNumber).toBeUndefined();
});

test('sdk completing finished job is 404', async () => {
  await expect(client.completeJob({ jobKey: OrchestrationLifters.JobKey.assumeExists('1'), variables: {} })).rejects.toMatchObject({ status: 404 });
});
