// The SLA breach escalation (notify, event "sla-breach") starts from a
// boundary timer set to the deadline when handling began. A supplement pause
// since then stops the clock or moves the deadline, so the notify worker
// looks at the dossier's deadline again and waits, without using up a
// retry, until it has really passed.
import { listNotifications } from '../../src/db/notifications.ts';
import { findDossier, type DossierRow } from '../../src/db/dossiers.ts';
import { endOpenPauses } from '../../src/db/pauses.ts';
import { pauseClock } from '../../src/domain/dossiers/clock.ts';
import { runHandler } from '../../workers/harness.ts';
import { notifyWorker } from '../../workers/notify/handler.ts';
import type { JobInput } from '../../workers/definition.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { corpusFile, multipartBody, signInCookie } from '../web/support.ts';

let system: TestStack;
let dossier: DossierRow;

beforeAll(async () => {
  system = await startTestStack({ workers: [] });
  const cookie = await signInCookie(system.stack.app, 'citizen1');
  const valid = await corpusFile('bad-inputs', 'valid-minimal.pdf');
  const body = await multipartBody({ procedureCode: 'RC-02', 'form.address': 'حي النخيل', 'form.residentSince': '2020-01-01', declaration: 'on' }, [
    { field: 'file:national-id', name: 'id.pdf', bytes: valid },
    { field: 'file:proof-of-address', name: 'bill.pdf', bytes: valid },
  ]);
  const response = await system.stack.app.inject({ method: 'POST', url: '/api/dossiers', headers: { ...body.headers, cookie }, payload: body.payload });
  expect(response.statusCode).toBe(201);
  dossier = (await findDossier(system.runtime.ctx.db, response.json().dossier.id as string)) as DossierRow;
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

function breachJob(): JobInput {
  return {
    key: '1', type: 'notify', processInstanceKey: '1', bpmnProcessId: 'procedure_rc_02', elementId: 'notify_breach', retries: 3,
    variables: { dossierId: dossier.id }, customHeaders: { event: 'sla-breach' },
  };
}

async function runAt(now: Date) {
  const { ctx } = system.runtime;
  const realNow = ctx.now;
  ctx.now = () => now;
  try {
    return (await runHandler(notifyWorker, breachJob(), ctx)).settlement;
  } finally {
    ctx.now = realNow;
  }
}

async function breachNotifications(): Promise<number> {
  return (await listNotifications(system.runtime.ctx.db, dossier.id)).filter((row) => row.event === 'sla-breach').length;
}

test('breach before the deadline waits', async () => {
  const oneHourBefore = new Date(new Date(dossier.deadline_at).getTime() - 3_600_000);

  const settlement = await runAt(oneHourBefore);

  expect(settlement).toMatchObject({ kind: 'fail', keepRetries: true, retryBackOffMs: 3_600_000 });
  expect(await breachNotifications()).toBe(0);
});

test('breach while the clock is stopped waits', async () => {
  const afterDeadline = new Date(new Date(dossier.deadline_at).getTime() + 60_000);
  await pauseClock(system.runtime.ctx.db, dossier, 'supplement', new Date(dossier.received_at));
  try {
    const settlement = await runAt(afterDeadline);

    expect(settlement).toMatchObject({ kind: 'fail', keepRetries: true });
    expect(await breachNotifications()).toBe(0);
  } finally {
    await endOpenPauses(system.runtime.ctx.db, dossier.id, new Date(dossier.received_at));
  }
});

test('breach after the deadline escalates', async () => {
  const afterDeadline = new Date(new Date(dossier.deadline_at).getTime() + 60_000);

  const settlement = await runAt(afterDeadline);

  expect(settlement).toMatchObject({ kind: 'complete', variables: { slaBreached: true } });
  expect(await breachNotifications()).toBe(1);
});
