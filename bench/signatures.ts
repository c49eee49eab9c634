// Measures PAdES sealing and signature validation on one core and writes the
// "## Signatures" section of docs/benchmarks.md, leaving other sections as
// they are. Raw node:crypto RSA-2048 sign/verify runs in the same process as
// the baseline. Usage: node bench/signatures.ts [SECONDS_PER_CASE]
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createDemoPki, loadDemoSigner } from '../src/pki/demo-pki.ts';
import { signPdf, validatePdfSignatures } from '../src/signatures/index.ts';

const benchmarksFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md');
const heading = '## Signatures';
const seconds = Number(process.argv[2] ?? 3);

async function makePdf(pages: number): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = document.addPage([595, 842]);
    for (let line = 0; line < 40; line++) page.drawText(`Page ${i + 1}, line ${line + 1}: benchmark text`, { x: 40, y: 800 - line * 18, size: 11, font });
  }
  return document.save();
}

/** Runs `operation` repeatedly for `seconds`; returns operations per second. */
async function measure(operation: () => unknown): Promise<number> {
  await operation();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await operation();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'sijill-bench-'));
const rows: string[] = [];
try {
  const pki = await createDemoPki(dir, { units: [{ id: 'unit', name: 'بلدية المدينة' }], officers: [], keyAlgorithm: 'RSA-2048' });
  const signer = await loadDemoSigner(dir, 'seal', 'unit');
  const trustAnchors = [pki.root.toString('pem')];
  for (const pages of [1, 20]) {
    const pdf = await makePdf(pages);
    const signed = await signPdf(pdf, signer);
    const seals = await measure(() => signPdf(pdf, signer));
    const validations = await measure(() => validatePdfSignatures(signed, { trustAnchors }));
    rows.push(`| ${pages}-page PDF (${Math.round(pdf.length / 1024)} KiB) | seal (signPdf, RSA-2048) | ${seals.toFixed(0)} |`);
    rows.push(`| ${pages}-page PDF (${Math.round(pdf.length / 1024)} KiB) | validate (validatePdfSignatures) | ${validations.toFixed(0)} |`);
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.alloc(32, 1);
  const signature = sign('sha256', data, privateKey);
  rows.push(`| 32 bytes | node:crypto RSA-2048 sign | ${(await measure(() => sign('sha256', data, privateKey))).toFixed(0)} |`);
  rows.push(`| 32 bytes | node:crypto RSA-2048 verify | ${(await measure(() => verify('sha256', data, publicKey, signature))).toFixed(0)} |`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = `${heading}

PAdES sealing (signPdf: incremental update, CAdES with signing-certificate-v2,
no timestamp) and validation (validatePdfSignatures: digest, CMS, path to the
demo root, change analysis) on one core, one operation at a time, ${seconds} s
per case. Operations per second; higher is better.

Machine: ${cpu}, ${os.cpus().length} logical CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.
Command: \`node bench/signatures.ts ${seconds}\`, run on ${new Date().toISOString().slice(0, 10)}.

| Input | Operation | Per second |
|---|---|---|
${rows.join('\n')}
`;

let current = '# Benchmarks\n';
try {
  current = await readFile(benchmarksFile, 'utf8');
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
const start = current.indexOf(`${heading}\n`);
let updated: string;
if (start < 0) {
  updated = `${current.trimEnd()}\n\n${section}`;
} else {
  const next = current.indexOf('\n## ', start + heading.length);
  updated = `${current.slice(0, start)}${section}${next < 0 ? '' : current.slice(next)}`;
}
await writeFile(benchmarksFile, updated);
process.stdout.write(section);
