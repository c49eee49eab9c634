// Peak memory of the embedded default while `sijill demo --no-serve` runs the
// main job: the Node process (API, engine, PGlite, workers in one process) and
// the whole process tree including OCR programs, sampled from /proc every 50 ms.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, writeBenchmarkSection } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function statusField(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children: number[] = [];
  for (const task of tasks) {
    const list = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    children.push(...list.split(/\s+/).filter(Boolean).map(Number));
  }
  return children;
}

async function treeRss(pid: number): Promise<number> {
  let total = await statusField(pid, 'VmRSS');
  for (const child of await childrenOf(pid)) total += await treeRss(child);
  return total;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sijill-bench-demo-'));
const started = Date.now();
const child = spawn(process.execPath, ['--liftoff-only', path.join(root, 'bin/sijill.js'), 'demo', '--no-serve'], {
  cwd: root,
  env: { ...process.env, SIJILL_DATA_DIR: dataDir, DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let stdout = '';
child.stdout.on('data', (chunk: Buffer) => {
  stdout += chunk.toString();
});
let nodePeak = 0;
let treePeak = 0;
const sampler = setInterval(() => {
  if (!child.pid) return;
  void statusField(child.pid, 'VmHWM').then((value) => {
    nodePeak = Math.max(nodePeak, value);
  });
  void treeRss(child.pid).then((value) => {
    treePeak = Math.max(treePeak, value);
  });
}, 50);
const code: number = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
clearInterval(sampler);
await rm(dataDir, { recursive: true, force: true });
if (code !== 0) throw new Error(`sijill demo exited with ${code}`);
const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { dossiersCompleted?: number };
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

writeBenchmarkSection('## Demo memory', `
Peak resident memory of the embedded default (one Node process: API, engine, embedded PGlite
database and all workers) while \`node --liftoff-only bin/sijill.js demo --no-serve\` (what \`make demo SERVE=0\` runs) runs the main job on the corpus
(${summary.dossiersCompleted ?? '?'} dossiers, two pages OCRed, seals and signed results). The process tree
adds the OCR programs (OCRmyPDF, Tesseract, Ghostscript) running at the same time. Aim: at most 1 GiB.

| Measure | MiB |
|---|---|
| Node process peak (VmHWM) | ${mib(nodePeak)} |
| Process tree peak (sum of VmRSS, sampled every 50 ms) | ${mib(treePeak)} |

Wall time: ${((Date.now() - started) / 1000).toFixed(1)} s.
Machine: ${describeMachine()}.
Command: \`node bench/demo-memory.ts\`, run on ${new Date().toISOString().slice(0, 10)}.
`);
