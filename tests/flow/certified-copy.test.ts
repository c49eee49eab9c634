// CC-05 end to end: a paper original scanned at the counter is digitized,
// confirmed, sealed by the ward, then certified by the ward head; the result
// is that sealed copy with a second signature, filed as certified_copy.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { findAccountByUsername, upsertApplicant } from '../../src/db/city.ts';
import { listDossierDocuments } from '../../src/db/documents.ts';
import { findDossier } from '../../src/db/dossiers.ts';
import { loadActor } from '../../src/domain/access.ts';
import { completeOfficerTask, taskFormOf } from '../../src/domain/dossiers/officer-tasks.ts';
import { submitDossier } from '../../src/domain/dossiers/submit.ts';
import { loadTrustAnchors } from '../../src/domain/trust.ts';
import { validatePdfSignatures } from '../../src/signatures/validate-pdf.ts';
import { corpusDir, startTestStack, type TestStack } from '../support/stack.ts';
import { waitFor } from '../web/support.ts';

let system: TestStack;

beforeAll(async () => {
  system = await startTestStack();
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

test('certified copy countersigns the seal', async () => {
  const { ctx } = system.runtime;
  const reception = await findAccountByUsername(ctx.db, 'reception.ward1');
  const head = await findAccountByUsername(ctx.db, 'head.ward1');
  const applicant = await upsertApplicant(ctx.db, { id: crypto.randomUUID(), kind: 'individual', identifier: '1000000077', full_name: 'سلمى العمري', email: null, phone: null });
  const scan = new Uint8Array(await readFile(path.join(corpusDir, 'scans/arabic-admin/residence-certificate.scan.jpg')));

  const { dossier } = await submitDossier(ctx, {
    procedureCode: 'CC-05', applicantId: applicant.id, channel: 'counter',
    form: { documentTitle: 'شهادة إقامة', issuedBy: 'مكتب حي النخيل' },
    files: [{ componentCode: 'paper-original', fileName: 'original.jpg', bytes: scan, paperOriginal: true }],
    declaration: null, idempotencyKey: null, actorAccountId: reception?.id ?? null,
  });

  for (const [form, account, answer] of [
    ['confirm-digitization', reception, { matches: true }],
    ['approval', head, { decision: 'approved' }],
  ] as const) {
    const task = await waitFor(`${form} task`, async () => {
      const tasks = await ctx.engine.searchUserTasks({ state: 'CREATED', processInstanceKey: (await findDossier(ctx.db, dossier.id))?.process_instance_key ?? '' });
      return tasks.find((candidate) => taskFormOf(candidate) === form);
    }, 180_000);
    await completeOfficerTask(ctx, await loadActor(ctx.db, account as NonNullable<typeof account>), task.userTaskKey, { ...answer });
  }
  const done = await waitFor('completed dossier', async () => {
    const row = await findDossier(ctx.db, dossier.id);
    return row?.completed_at ? row : undefined;
  }, 60_000);
  expect(done.decision).toBe('approved');

  const documents = await listDossierDocuments(ctx.db, dossier.id);
  const sealed = documents.find((doc) => doc.kind === 'digitized' && doc.status === 'sealed');
  const result = documents.find((doc) => doc.kind === 'result');
  expect(sealed?.validity_basis).toBe('digitized_signed');
  expect(result?.validity_basis).toBe('certified_copy');
  expect(result?.source_document_id).toBe(sealed?.id);

  const reports = await validatePdfSignatures(await ctx.blobs.get(result?.sha256 ?? ''), { trustAnchors: await loadTrustAnchors(ctx), at: ctx.now() });
  expect(reports.filter((report) => report.subFilter !== 'ETSI.RFC3161').map((report) => report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
}, 300_000);
