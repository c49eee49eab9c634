import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.ts';
import { EngineNotFoundError } from '../../src/engine/port.ts';
import { dbKinds, eventually, fixture, openEngineDb, takeJob, type EngineDb } from './support.ts';

describe.each(dbKinds)('embedded engine on %s database', (kind) => {
  let handle: EngineDb;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    handle = await openEngineDb(kind);
    engine = new EmbeddedEngine({ db: handle.db, pollIntervalMs: 50 });
    await engine.deploy([fixture('linear.bpmn'), fixture('dossier.bpmn'), fixture('waiting.bpmn')]);
    await engine.start();
  });

  afterAll(async () => {
    await engine.stop();
    await handle.close();
  });

  test('service task maps input and output', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 60 } });
    const job = await takeJob(engine, 'echo');
    expect(job.processInstanceKey).toBe(processInstanceKey);
    expect(job.variables).toEqual({ amount: 60, doubled: 120 });
    expect(job.customHeaders).toEqual({ unit: 'city/commerce' });
    expect(job.retries).toBe(2);

    await engine.completeJob(job.jobKey, { result: job.variables.doubled, ignored: true });

    const instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.state).toBe('COMPLETED');
    expect(instance?.variables).toEqual({ amount: 60, echoed: 120 });
  });

  test('job completed twice is not found', async () => {
    await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 1 } });
    const job = await takeJob(engine, 'echo');
    await engine.completeJob(job.jobKey, { result: 1 });
    await expect(engine.completeJob(job.jobKey, { result: 1 })).rejects.toBeInstanceOf(EngineNotFoundError);
  });

  test('failed job retries then raises incident', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 1 } });
    const first = await takeJob(engine, 'echo');
    await engine.failJob(first.jobKey, { retries: 1, errorMessage: 'OCR crashed', retryBackOffMs: 200 });
    const early = await engine.activateJobs({ type: 'echo', worker: 'test', maxJobsToActivate: 1, timeoutMs: 1000 });
    expect(early).toEqual([]);
    const second = await takeJob(engine, 'echo');
    expect(second.jobKey).toBe(first.jobKey);
    expect(second.retries).toBe(1);
    await engine.failJob(second.jobKey, { retries: 0, errorMessage: 'OCR crashed again' });

    const instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.state).toBe('ACTIVE');
    expect(instance?.incidents).toHaveLength(1);
    expect(instance?.incidents[0]?.errorMessage).toBe('OCR crashed again');
    expect(instance?.incidents[0]?.jobKey).toBe(first.jobKey);
  });

  test('dossier runs fork, user task, message and sub-process', async () => {
    const deadlineAt = new Date(Date.now() + 3_600_000).toISOString();
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'dossier', variables: { dossierId: 'D-1', deadlineAt } });
    const verify = await takeJob(engine, 'verify');
    await engine.completeJob(verify.jobKey, { verified: true });

    const [review] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    expect(review?.candidateGroups).toEqual(['officers', 'heads']);
    expect(review?.formKey).toBe('sijill:review');
    await engine.assignUserTask(review?.userTaskKey ?? '', 'officer-1');
    await engine.completeUserTask(review?.userTaskKey ?? '', { decision: 'approved' });

    let instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.activeElementIds).toEqual(['supplement']);
    const published = await engine.publishMessage({ name: 'supplement-received', correlationKey: 'D-1', variables: { supplement: 'doc-9' } });
    expect(published.correlated).toBe(true);

    const issue = await takeJob(engine, 'issue-result');
    expect(issue.variables).toMatchObject({ verified: true, decision: 'approved', supplement: 'doc-9' });
    await engine.completeJob(issue.jobKey);
    instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.state).toBe('COMPLETED');
    const [task] = await engine.searchUserTasks({ processInstanceKey });
    expect(task?.state).toBe('COMPLETED');
  });

  test('BPMN error goes to boundary event', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'dossier', variables: { dossierId: 'D-2', deadlineAt: new Date(Date.now() + 3_600_000).toISOString() } });
    const verify = await takeJob(engine, 'verify');
    await engine.throwJobError(verify.jobKey, { errorCode: 'SIGNATURE_INVALID', errorMessage: 'TOTAL_FAILED' });
    const instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.state).toBe('COMPLETED');
    const [review] = await engine.searchUserTasks({ processInstanceKey });
    expect(review?.state).toBe('CANCELED');
  });

  test('uncaught BPMN error raises incident', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 1 } });
    const job = await takeJob(engine, 'echo');
    await engine.throwJobError(job.jobKey, { errorCode: 'NOBODY_CATCHES' });
    const instance = await engine.getProcessInstance(processInstanceKey);
    expect(instance?.state).toBe('ACTIVE');
    expect(instance?.incidents[0]?.errorMessage).toContain('NOBODY_CATCHES');
  });

  test('message published early is buffered', async () => {
    await engine.publishMessage({ name: 'supplement-received', correlationKey: 'D-3', variables: { early: true }, timeToLiveMs: 60_000 });
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'dossier', variables: { dossierId: 'D-3', deadlineAt: new Date(Date.now() + 3_600_000).toISOString() } });
    await engine.completeJob((await takeJob(engine, 'verify')).jobKey);
    const [review] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await engine.completeUserTask(review?.userTaskKey ?? '');
    const issue = await takeJob(engine, 'issue-result');
    expect(issue.processInstanceKey).toBe(processInstanceKey);
    expect(issue.variables.early).toBe(true);
  });

  test('timer date boundary interrupts sub-process', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'dossier', variables: { dossierId: 'D-4', deadlineAt: new Date(Date.now() + 1_000).toISOString() } });
    await engine.completeJob((await takeJob(engine, 'verify')).jobKey);
    const [review] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    await engine.completeUserTask(review?.userTaskKey ?? '');
    await engine.publishMessage({ name: 'supplement-received', correlationKey: 'D-4' });
    const issue = await takeJob(engine, 'issue-result');
    const escalate = await takeJob(engine, 'escalate');
    expect(escalate.processInstanceKey).toBe(processInstanceKey);
    await expect(engine.completeJob(issue.jobKey)).rejects.toBeInstanceOf(EngineNotFoundError);
    await engine.completeJob(escalate.jobKey);
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });

  test('timers, non-interrupting boundary and receive task', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'waiting', variables: { caseId: 'C-1' } });
    expect((await engine.getProcessInstance(processInstanceKey))?.activeElementIds).toEqual(['pause']);
    await eventually(async () => (await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' })).length === 1);
    const notify = await takeJob(engine, 'notify');
    await engine.completeJob(notify.jobKey);
    const [decide] = await engine.searchUserTasks({ processInstanceKey, state: 'CREATED' });
    expect(decide?.elementId).toBe('decide');
    await engine.completeUserTask(decide?.userTaskKey ?? '', { answerExpected: true });
    expect((await engine.getProcessInstance(processInstanceKey))?.activeElementIds).toEqual(['answer']);
    await engine.publishMessage({ name: 'answer', correlationKey: 'C-1' });
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('COMPLETED');
  });

  test('cancel ends instance and its jobs', async () => {
    const { processInstanceKey } = await engine.createProcessInstance({ bpmnProcessId: 'linear', variables: { amount: 1 } });
    await engine.cancelProcessInstance(processInstanceKey);
    expect((await engine.getProcessInstance(processInstanceKey))?.state).toBe('TERMINATED');
    const jobs = await engine.activateJobs({ type: 'echo', worker: 'test', maxJobsToActivate: 10, timeoutMs: 1000 });
    expect(jobs.filter((job) => job.processInstanceKey === processInstanceKey)).toEqual([]);
    await expect(engine.cancelProcessInstance(processInstanceKey)).rejects.toBeInstanceOf(EngineNotFoundError);
  });
});
