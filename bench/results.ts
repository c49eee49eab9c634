// Measures result document rendering and writes the "## Result documents"
// section of docs/benchmarks.md, leaving the other sections as they are.
//   node bench/results.ts [documents=200]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReceipt } from '../src/results/receipt.ts';
import { renderResultDocument, resultKinds } from '../src/results/result-document.ts';
import { createTypstRenderer } from '../src/results/typst.ts';
import { receiptInput, resultInput } from '../tests/results/fixtures.ts';

const documentCount = Number(process.argv[2] ?? 200);
const benchmarksFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md');
const heading = '## Result documents';

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

const createStart = performance.now();
const renderer = createTypstRenderer();
const createMs = performance.now() - createStart;

const firstStart = performance.now();
renderResultDocument(resultInput(), renderer);
const firstMs = performance.now() - firstStart;

const rows: string[] = [];
const kinds = [...resultKinds.map((kind) => ({ name: kind, render: (index: number) => renderResultDocument(resultInput({ kind, reference: `SJL-2025/${index}` }), renderer) })),
  { name: 'receipt', render: (index: number) => renderReceipt(receiptInput({ reference: `SJL-2025/${index}` }), renderer) }];
for (const { name, render } of kinds) {
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < documentCount; index++) {
    const start = performance.now();
    bytes = render(index).byteLength;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  rows.push(`| ${name} | ${documentCount} | ${mean.toFixed(1)} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${(bytes / 1024).toFixed(0)} |`);
}
const rssMb = process.memoryUsage().rss / 1024 / 1024;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = `${heading}

Rendering one-page Arabic result documents and receipts to PDF/A-2b with Typst
(\`@myriaddreamin/typst-ts-node-compiler\`, Typst 0.14) and one warm compiler.
Each render includes input validation, the QR code and the PDF export. Times
in milliseconds per document (one page each).

Machine: ${cpu}, ${os.cpus().length} logical CPUs, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.
Command: \`node bench/results.ts ${documentCount}\`, run on ${new Date().toISOString().slice(0, 10)}.

- Creating the compiler (font loading): ${createMs.toFixed(0)} ms
- First render (cold caches): ${firstMs.toFixed(0)} ms
- Resident memory after ${documentCount * kinds.length} renders: ${rssMb.toFixed(0)} MiB

| Template | Documents | Mean ms | Median ms | p95 ms | Size KiB |
|---|---|---|---|---|---|
${rows.join('\n')}
`;

const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
const start = current.indexOf(heading);
let updated: string;
if (start < 0) {
  updated = `${current.trimEnd()}\n\n${section}`;
} else {
  const next = current.indexOf('\n## ', start + heading.length);
  updated = current.slice(0, start) + section + (next < 0 ? '' : `\n${current.slice(next + 1)}`);
}
writeFileSync(benchmarksFile, updated);
console.log(section);
