// The main job end to end on the real corpus: online, counter (OCR and
// sealing), supplement, approval and rejection, with @camunda8/sdk workers
// over REST and state in PostgreSQL. pdfsig must accept every seal and
// result signature against the demo root.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listAuditEvents } from '../../src/db/audit.ts';
import { findDocument, listDossierDocuments } from '../../src/db/documents.ts';
import { renewArchiveTimestamps } from '../../src/domain/archive-timestamps.ts';
import { verifyAuditChain } from '../../src/domain/audit.ts';
import { loadTrustAnchors } from '../../src/domain/trust.ts';
import { runDemoScenario } from '../../src/demo/scenario.ts';
import { summarizeDemo } from '../../src/demo/summary.ts';
import { validatePdfSignatures } from '../../src/signatures/index.ts';
import { corpusDir, startTestStack, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);
let system: TestStack;

beforeAll(async () => {
  system = await startTestStack();
}, 120_000);

afterAll(async () => {
  await system?.close();
}, 60_000);

test('demo scenario completes every dossier', async () => {
  const { ctx } = system.runtime;
  const dossiers = await runDemoScenario(ctx, { corpusDir, timeoutMs: 8 * 60_000 });
  expect(dossiers.map((d) => d.status)).toEqual(['completed', 'completed', 'completed']);
  expect(dossiers.map((d) => d.decision)).toEqual(['approved', 'approved', 'rejected']);

  const summary = await summarizeDemo(ctx.db, ctx.now());
  expect(summary.dossiersSubmitted).toBe(3);
  expect(summary.resultsIssued).toBe(3);
  expect(summary.documentsDigitized).toBe(2);
  const indications = Object.fromEntries(summary.signaturesVerified.map((s) => [s.file, s.indication]));
  expect(indications['national-id.pdf']).toBe('TOTAL_PASSED');
  expect(indications['fire-safety.pdf']).toBe('TOTAL_FAILED');
  expect(summary.validityBases['digitized_signed']).toBe(2);
  expect(summary.validityBases['self_declared']).toBeGreaterThanOrEqual(1);
  expect(await verifyAuditChain(ctx.db)).toBeNull();

  // Seals and result signatures verify in poppler against the demo root.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sijill-pdfsig-'));
  try {
    await run('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
    await run('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'sijill-demo-root', '-t', 'CT,C,C', '-i', path.join(ctx.pkiDir, 'root-ca.cert.pem')]);
    let checked = 0;
    for (const dossier of dossiers) {
      for (const doc of await listDossierDocuments(ctx.db, dossier.id)) {
        if (doc.status !== 'sealed' && doc.kind !== 'result') continue;
        const file = path.join(dir, `${doc.id}.pdf`);
        await writeFile(file, await ctx.blobs.get(doc.sha256));
        const { stdout } = await run('pdfsig', ['-nssdir', `sql:${dir}`, file]);
        expect({ doc: doc.file_name, valid: stdout.includes('Signature Validation: Signature is Valid.') }).toEqual({ doc: doc.file_name, valid: true });
        expect({ doc: doc.file_name, trusted: stdout.includes('Certificate Validation: Certificate is Trusted.') }).toEqual({ doc: doc.file_name, trusted: true });
        checked += 1;
      }
    }
    expect(checked).toBe(5);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 9 * 60_000);

test('archive timestamps of results renew in place', async () => {
  // Runs after the scenario, which issued three B-LTA results.
  const { ctx } = system.runtime;

  const due = await renewArchiveTimestamps(ctx, 100 * 365);
  const notDue = await renewArchiveTimestamps(ctx, 1);

  expect(due.failed).toEqual([]);
  expect(due.renewed).toHaveLength(3);
  expect(notDue.renewed).toEqual([]);
  const result = await findDocument(ctx.db, due.renewed[0] ?? '');
  const reports = await validatePdfSignatures(await ctx.blobs.get(result?.sha256 ?? ''), { trustAnchors: await loadTrustAnchors(ctx) });
  expect(reports.filter((report) => report.kind === 'document-timestamp')).toHaveLength(2);
  expect(reports.every((report) => report.indication === 'TOTAL_PASSED')).toBe(true);
  expect(await verifyAuditChain(ctx.db)).toBeNull();

  // A copy downloaded before the renewal still matches a fingerprint the verification page shows.
  const renewal = (await listAuditEvents(ctx.db)).find((event) => event.action === 'document.archive_timestamp_renewed' && event.subject === result?.id);
  const page = await system.stack.app.inject({ url: `/verify/${result?.verification_code ?? ''}` });
  expect(page.body).toContain(result?.sha256 ?? 'missing');
  expect(page.body).toContain(String(renewal?.details['previous']));
  expect(page.body).toContain('بصمات سابقة لهذه النتيجة');
}, 120_000);
