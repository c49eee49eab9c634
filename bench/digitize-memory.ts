// Peak memory per page in flight while `digitize` runs: the largest resident
// set of each program it starts for a page (tesseract, pdftoppm, pdfimages,
// and Python with Pillow or OpenCV), recorded by GNU time through stand-ins
// put first on PATH. Pages run one at a time (`jobs: 1`), so each peak
// belongs to one page. Writes the "## Digitization memory" section of
// docs/benchmarks.md.
//
// Usage: node bench/digitize-memory.ts   (needs scripts/install-ocr.sh,
// poppler-utils and GNU time at /usr/bin/time)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digitize } from '../src/digitize/digitize.ts';
import { describeMachine, writeBenchmarkSection } from './report.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const scans = path.join(root, '..', 'shared', 'corpus', 'scans');
const ocrmypdf = path.join(root, '.tools', 'venv', 'bin', 'ocrmypdf');
const python = path.join(root, '.tools', 'venv', 'bin', 'python');
const aimMegabytes = 512;

const workDir = mkdtempSync(path.join(os.tmpdir(), 'sijill-bench-memory-'));
const peaks = path.join(workDir, 'peaks');
const standIns = path.join(workDir, 'bin');

/** Writes a stand-in named `name` that runs `program` under GNU time, one peak file per run. */
function standIn(name: string, program: string): string {
  const file = path.join(standIns, name);
  writeFileSync(file, `#!/bin/sh\nexec /usr/bin/time -o ${JSON.stringify(peaks)}/${name}.$$ -f '%M' ${JSON.stringify(program)} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Returns the largest peak since the last call, in MiB, with the program's name, and deletes the files. */
function takePeak(): { megabytes: number; program: string } {
  let peak = { megabytes: 0, program: '-' };
  for (const file of readdirSync(peaks)) {
    const lines = readFileSync(path.join(peaks, file), 'utf8').trim().split('\n');
    const megabytes = Number(lines[lines.length - 1]) / 1024;
    if (megabytes > peak.megabytes) peak = { megabytes, program: file.slice(0, file.lastIndexOf('.')) };
    rmSync(path.join(peaks, file));
  }
  return peak;
}

/** Writes the licence scan enlarged twice, an A4-sized page at 600 dpi, in grey or in colour. */
function page600dpi(mode: 'L' | 'RGB'): string {
  const target = path.join(workDir, `a4-600dpi-${mode}.png`);
  const script = [
    'import sys',
    'from PIL import Image',
    'image = Image.open(sys.argv[1]).convert(sys.argv[3])',
    'image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC).save(sys.argv[2], dpi=(600, 600))',
  ].join('\n');
  execFileSync(python, ['-c', script, path.join(scans, 'arabic-admin/application-business-licence.scan.png'), target, mode]);
  return target;
}

interface Input {
  label: string;
  file: string;
  languages: string;
}

async function main(): Promise<void> {
  mkdirSync(peaks);
  mkdirSync(standIns);
  for (const program of ['tesseract', 'pdftoppm', 'pdfimages']) standIn(program, execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim());
  const timedPython = standIn('python', python);
  process.env['PATH'] = `${standIns}:${process.env['PATH'] ?? ''}`;

  const inputs: Input[] = [
    { label: 'A4 page at 600 dpi, grey (5118 × 7132)', file: page600dpi('L'), languages: 'ara+eng' },
    { label: 'A4 page at 600 dpi, colour (5118 × 7132)', file: page600dpi('RGB'), languages: 'ara+eng' },
    { label: 'multipage.pdf, 6 pages, page 2 a 9000 × 9000 colour image', file: path.join(scans, 'ocrmypdf-tests/multipage.pdf'), languages: 'eng' },
    { label: 'hugemono.pdf, one 35000 × 35000 1-bit page', file: path.join(scans, 'ocrmypdf-tests/hugemono.pdf'), languages: 'eng' },
    { label: 'input.jpg, a 1456 × 2184 photo (photo step)', file: path.join(scans, 'kraken-tests/input.jpg'), languages: 'fra' },
  ];
  const rows: string[] = [];
  for (const input of inputs) {
    process.stderr.write(`${input.label}\n`);
    const started = performance.now();
    const result = await digitize(
      { bytes: new Uint8Array(readFileSync(input.file)), mediaType: '' },
      { ocrmypdf, python: timedPython, tesseract: 'tesseract', languages: input.languages, jobs: 1, minCharactersPerPage: 0 },
    );
    const seconds = (performance.now() - started) / 1000;
    const peak = takePeak();
    rows.push(`| ${input.label} | ${result.pageCount} | ${Math.round(peak.megabytes)} | ${peak.program} | ${peak.megabytes <= aimMegabytes ? 'yes' : 'no'} | ${seconds.toFixed(1)} |`);
  }

  writeBenchmarkSection('## Digitization memory', [
    'Peak resident memory of the largest program `digitize` started for one page (GNU time `%M` on',
    'tesseract, pdftoppm, pdfimages and Python with Pillow or OpenCV), pages one at a time. With one page',
    'per core in parallel (the default), up to that times the cores is in use. The aim is at most',
    `${aimMegabytes} MiB per page in flight. The benchmark's Node process, which assembles the PDF/A, peaked at`,
    `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB.`,
    '',
    `Machine: ${describeMachine()}.`,
    `Command: \`node bench/digitize-memory.ts\`, run on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| Input | Pages | Peak MiB | Program | Within aim | Seconds |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'));
}

try {
  await main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
