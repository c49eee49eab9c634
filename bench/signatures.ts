// Measures PAdES sealing and signature validation on one core and writes the
// "## Signatures" section of docs/benchmarks.md, leaving other sections as
// they are. The signer's certificates name an OCSP responder and CRLs served
// on 127.0.0.1, so validation checks revocation; its cache is warm (filled
// by the first validation), as in a running server. Raw node:crypto RSA-2048
// sign/verify runs in the same process as the baseline.
// Usage: node bench/signatures.ts [SECONDS_PER_CASE]
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { issueCertificate, type Issuer } from '../src/pki/certificates.ts';
import { startRevocationServices } from '../src/pki/revocation-services.ts';
import { startTestTsa } from '../src/pki/test-services.ts';
import { RevocationCache, signPdf, validatePdfSignatures, type Signer } from '../src/signatures/index.ts';

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

const rows: string[] = [];
const loadBefore = os.loadavg()[0] ?? 0;
const services = await startRevocationServices();
const now = Date.now();
const validity = { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 365 * 86400_000) };
const rootIssued = await issueCertificate({ subject: { commonName: 'Bench Root CA' }, profile: 'root', keyAlgorithm: 'RSA-2048', ...validity });
const root: Issuer = { certificate: rootIssued.certificate, privateKey: rootIssued.keys.privateKey };
const caIssued = await issueCertificate({
  subject: { commonName: 'Bench Issuing CA' }, profile: 'ca', keyAlgorithm: 'RSA-2048', issuer: root, ...validity,
  crlUrl: services.crlUrl('root'), ocspUrl: services.ocspUrl,
});
const issuingCa: Issuer = { certificate: caIssued.certificate, privateKey: caIssued.keys.privateKey };
services.addAuthority('root', root);
services.addAuthority('issuing', issuingCa);
const sealIssued = await issueCertificate({
  subject: { commonName: 'بلدية المدينة' }, profile: 'seal', keyAlgorithm: 'RSA-2048', issuer: issuingCa, ...validity,
  crlUrl: services.crlUrl('issuing'), ocspUrl: services.ocspUrl,
});
const signer: Signer = { certificate: sealIssued.certificate, chain: [issuingCa.certificate, root.certificate], privateKey: sealIssued.keys.privateKey };
const tsa = await startTestTsa(issuingCa);
try {
  const trustAnchors = [root.certificate.toString('pem')];
  const revocation = { cache: new RevocationCache() };
  for (const pages of [1, 20]) {
    const pdf = await makePdf(pages);
    const input = `${pages}-page PDF (${Math.round(pdf.length / 1024)} KiB)`;
    const signed = await signPdf(pdf, signer);
    const seals = await measure(() => signPdf(pdf, signer));
    const validations = await measure(() => validatePdfSignatures(signed, { trustAnchors, revocation }));
    rows.push(`| ${input} | seal (signPdf B-B, RSA-2048) | ${seals.toFixed(0)} |`);
    rows.push(`| ${input} | validate (validatePdfSignatures, OCSP cached) | ${validations.toFixed(0)} |`);
  }
  const pdf = await makePdf(1);
  const longTerm = await signPdf(pdf, signer, { tsaUrl: tsa.url, level: 'B-LTA', revocation: { cache: new RevocationCache() } });
  const offline = { cache: new RevocationCache(), fetch: false };
  const ltaValidations = await measure(() => validatePdfSignatures(longTerm, { trustAnchors, revocation: offline }));
  rows.push(`| 1-page PDF, B-LTA (${Math.round(longTerm.length / 1024)} KiB) | validate offline (DSS, document timestamp) | ${ltaValidations.toFixed(0)} |`);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.alloc(32, 1);
  const signature = sign('sha256', data, privateKey);
  rows.push(`| 32 bytes | node:crypto RSA-2048 sign | ${(await measure(() => sign('sha256', data, privateKey))).toFixed(0)} |`);
  rows.push(`| 32 bytes | node:crypto RSA-2048 verify | ${(await measure(() => verify('sha256', data, publicKey, signature))).toFixed(0)} |`);
} finally {
  await tsa.close();
  await services.close();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = `${heading}

PAdES sealing (signPdf: incremental update, CAdES with signing-certificate-v2,
no timestamp) and validation (validatePdfSignatures: digest, CMS, path to the
root, change analysis, revocation by OCSP from a warm cache) on one core, one
operation at a time, ${seconds} s per case, each file validated repeatedly.
Parsed CMS, certificate paths and revocation answers are cached by content,
so these rates are for a file seen before; a new file costs one PKI.js parse
more. Operations per second; higher is better.

Machine: ${cpu}, ${os.cpus().length} logical CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.
Command: \`node bench/signatures.ts ${seconds}\`, run on ${new Date().toISOString().slice(0, 10)}.
Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end: other
processes shared the CPUs, so compare rates within one run (seal against raw sign), not across runs.

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
