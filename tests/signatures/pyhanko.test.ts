// Cross-check with pyHanko: every corpus file and files from a live test PKI
// are validated by Sijill and by pyHanko (tests/signatures/pyhanko_validate.py,
// one Python process for all of them) with the same trust anchors, time and
// revocation settings. Sijill must never pass a signature that pyHanko
// rejects. Where Sijill is stricter, `stricter` below gives the reason.
// pyHanko comes from scripts/install-pyhanko.sh (`make setup` runs it).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDocumentTimestamp, RevocationCache, signPdf, validatePdfSignatures, type RevocationOptions, type SignatureReport } from '../../src/signatures/index.ts';
import { makePdf } from '../support/test-pki.ts';
import { createServicesPki, type ServicesPki } from '../support/test-pki-services.ts';

const python = '.tools/pyhanko/bin/python';
const corpus = '../shared/corpus/signatures';
const pyhankoRoot = `${corpus}/pyhanko/trust/testing-ca-root.cert.pem`;

interface Job {
  file: string;
  roots: string[];
  at?: string;
  fetch: boolean;
  revocationMode: 'soft-fail' | 'hard-fail';
}

interface PyhankoSignature {
  field: string | null;
  kind: string;
  passed: boolean;
  summary?: string;
  error?: string;
}

/** Signatures Sijill rejects although pyHanko accepts them, by `file#field`, with the reason. */
const stricter: Record<string, string> = {};

/**
 * True when pyHanko rejects only because the certificate was revoked after
 * the signature's proof of existence. ETSI EN 319 102-1 (5.6.2.4) passes
 * such a signature, and so does Sijill; pyHanko's status API
 * (async_validate_pdf_signature) raises RevokedError whenever its control
 * time is unset, which that API never sets (pyhanko_certvalidator 0.33,
 * revinfo/validate_ocsp.py). The exception holds only when Sijill's report
 * shows the revocation and a timestamp earlier than it.
 */
function revokedAfterProofOfExistence(report: SignatureReport, their: PyhankoSignature): boolean {
  const revokedAt = report.revocation[0]?.status === 'revoked' ? report.revocation[0].revokedAt : undefined;
  return (their.summary ?? '').includes('REVOKED') && report.timestamp?.valid === true && revokedAt !== undefined
    && Date.parse(report.validationTime) < Date.parse(revokedAt);
}

let dir: string;
let pki: ServicesPki;
const jobs: Job[] = [];

function runPyhanko(input: Job[]): Promise<{ file: string; error?: string; signatures: PyhankoSignature[] }[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(python, ['tests/signatures/pyhanko_validate.py'], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pyHanko harness failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { file: string; signatures: PyhankoSignature[] }[]);
    });
    child.stdin?.end(JSON.stringify(input));
  });
}

function sijill(job: Job): Promise<SignatureReport[]> {
  const revocation: RevocationOptions = { cache: new RevocationCache(), fetch: job.fetch, policy: job.revocationMode };
  return import('node:fs/promises').then(async ({ readFile }) => validatePdfSignatures(await readFile(job.file), {
    trustAnchors: await Promise.all(job.roots.map((root) => readFile(root, 'utf8'))),
    revocation,
    ...(job.at ? { at: new Date(job.at) } : {}),
  }));
}

beforeAll(async () => {
  if (!existsSync(python)) throw new Error(`${python} is missing; run scripts/install-pyhanko.sh`);
  dir = await mkdtemp(path.join(tmpdir(), 'sijill-pyhanko-'));
  for (const name of (await readdir(`${corpus}/esig-dss`)).filter((file) => file.endsWith('.pdf')).sort()) {
    // As in the DSS tests: offline, without trust anchors.
    jobs.push({ file: `${corpus}/esig-dss/${name}`, roots: [], fetch: false, revocationMode: 'soft-fail' });
  }
  for (const name of (await readdir(`${corpus}/pyhanko`)).filter((file) => file.endsWith('.pdf')).sort()) {
    // As in pyHanko's own tests: frozen time, its test root, no revocation fetching.
    const adobe = name === 'minimal-two-fields-signed-twice.pdf';
    jobs.push({
      file: `${corpus}/pyhanko/${name}`, roots: adobe ? [] : [pyhankoRoot], at: adobe ? '2021-01-05T00:00:00Z' : '2020-11-01T00:00:00Z',
      fetch: false, revocationMode: 'soft-fail',
    });
  }

  pki = await createServicesPki();
  const rootFile = path.join(dir, 'root.pem');
  await writeFile(rootFile, pki.rootPem);
  const pdf = await makePdf(1);
  const tsa = { tsaUrl: pki.tsa.url };
  const revokedAfter = await pki.issueSigner('Revoked After Timestamp');
  const produced: Record<string, Uint8Array> = {
    'b-b.pdf': await signPdf(pdf, pki.valid),
    'b-t.pdf': await signPdf(pdf, pki.valid, tsa),
    'b-lt.pdf': await signPdf(pdf, pki.valid, { ...tsa, level: 'B-LT' }),
    'b-lta.pdf': await signPdf(pdf, pki.valid, { ...tsa, level: 'B-LTA' }),
    'ecdsa.pdf': await signPdf(pdf, pki.otherAlgorithm, tsa),
    'two-signatures.pdf': await signPdf(await signPdf(pdf, pki.valid, { ...tsa, reason: 'Sealed' }), pki.otherAlgorithm, { ...tsa, reason: 'Approved' }),
    'doc-timestamp-over-b-b.pdf': await addDocumentTimestamp(await signPdf(pdf, pki.valid), { tsa: pki.tsa.url }),
    'revoked-before.pdf': await signPdf(pdf, pki.revokedBefore, tsa),
    'revoked-after-timestamp.pdf': await signPdf(pdf, revokedAfter, tsa),
    'expired.pdf': await signPdf(pdf, pki.expired),
    'wrong-key-usage.pdf': await signPdf(pdf, pki.wrongKeyUsage),
  };
  await new Promise((resolve) => setTimeout(resolve, 20));
  pki.revoke(revokedAfter);
  for (const [name, bytes] of Object.entries(produced)) {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    jobs.push({ file, roots: [rootFile], fetch: true, revocationMode: 'hard-fail' });
  }
}, 180_000);

afterAll(async () => {
  await pki?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('Sijill is never more lenient than pyHanko', async () => {
  const pyhanko = await runPyhanko(jobs);
  const lenient: string[] = [];
  const unexplained: string[] = [];
  const explained = new Set<string>();
  for (const [index, job] of jobs.entries()) {
    const theirs = pyhanko[index]?.signatures ?? [];
    const ours = await sijill(job);
    for (const [i, report] of ours.entries()) {
      // A signature pyHanko did not find (it could not read the file) counts as rejected by pyHanko.
      const their = theirs[i] ?? { field: null, kind: 'missing', passed: false, error: pyhanko[index]?.error ?? 'not found by pyHanko' };
      const key = `${path.basename(job.file)}#${report.fieldName ?? i}`;
      const verdict = `Sijill ${report.indication}${report.subIndication ? `/${report.subIndication}` : ''}, pyHanko ${their.passed ? 'passed' : 'failed'} (${their.summary ?? their.error ?? ''})`;
      if (report.indication === 'TOTAL_PASSED' && !their.passed && !revokedAfterProofOfExistence(report, their)) lenient.push(`${key}: ${verdict}`);
      if (report.indication !== 'TOTAL_PASSED' && their.passed) {
        if (stricter[key]) explained.add(key);
        else unexplained.push(`${key}: ${verdict}`);
      }
    }
  }

  expect(lenient).toEqual([]);
  expect(unexplained).toEqual([]);
  // Every entry of `stricter` still describes a real difference.
  expect(Object.keys(stricter).filter((key) => !explained.has(key))).toEqual([]);
}, 180_000);
