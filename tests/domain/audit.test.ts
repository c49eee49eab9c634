import { recordAudit, verifyAuditChain } from '../../src/domain/audit.ts';
import { createTestDb, type TestDb } from '../support/postgres.ts';

let test_: TestDb;
beforeAll(async () => {
  test_ = await createTestDb();
});
afterAll(async () => {
  await test_.drop();
});

test('audit chain verifies and detects an edit', async () => {
  const { db } = test_;
  for (let i = 0; i < 5; i += 1) {
    await db.transaction((tx) => recordAudit(tx, { actor: 'tester', action: 'test.event', subject: `s${i}`, details: { i, text: 'نص عربي' } }));
  }
  expect(await verifyAuditChain(db)).toBeNull();
  await db.query(`UPDATE audit_events SET details = '{"i": 99}' WHERE subject = 's2'`);
  const broken = await verifyAuditChain(db);
  expect(broken).not.toBeNull();
});

test('concurrent appends keep one chain', async () => {
  const { db } = test_;
  await db.query('DELETE FROM audit_events');
  await Promise.all(Array.from({ length: 10 }, (_, i) => db.transaction((tx) => recordAudit(tx, { actor: 'tester', action: 'test.parallel', subject: `p${i}` }))));
  expect(await verifyAuditChain(db)).toBeNull();
});
