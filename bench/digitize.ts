// Measures digitization on the corpus pages that have ground truth and writes
// the "## Digitization" section of docs/benchmarks.md, leaving the other
// sections as they are. For each page it compares `digitize` (OCRmyPDF with
// deskew, rotation and PDF/A output) with bare `tesseract` on the same image:
// character error rate, wall time and peak memory.
//
// Usage: node bench/digitize.ts   (needs scripts/install-ocr.sh, poppler-utils
// and GNU time at /usr/bin/time)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { characterErrorRate } from '../src/digitize/character-error-rate.ts';
import { digitize } from '../src/digitize/digitize.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const scans = path.join(root, '..', 'shared', 'corpus', 'scans');
const benchmarksFile = path.join(root, 'docs', 'benchmarks.md');
const heading = '## Digitization';
const ocrmypdf = path.join(root, '.tools', 'venv', 'bin', 'ocrmypdf');

interface Sample {
  file: string;
  groundTruth: string;
  languages: string;
  /** Language the sample counts for in the per-language summary. */
  language: 'ara' | 'eng' | 'fra';
  note?: string;
}

const samples: Sample[] = [
  { file: 'arabic-admin/application-business-licence.scan.png', groundTruth: 'arabic-admin/application-business-licence.gt.txt', languages: 'ara+eng', language: 'ara' },
  { file: 'arabic-admin/residence-certificate.scan.jpg', groundTruth: 'arabic-admin/residence-certificate.gt.txt', languages: 'ara+eng', language: 'ara' },
  { file: 'arabic-admin/fire-safety-and-tax.scan.tif', groundTruth: 'arabic-admin/fire-safety-and-tax.gt.txt', languages: 'ara+eng', language: 'ara' },
  { file: 'tesseract-test/phototest.tif', groundTruth: 'tesseract-test/phototest.gold.txt', languages: 'eng', language: 'eng' },
  { file: 'tesseract-test/eurotext.tif', groundTruth: 'tesseract-test/eurotext.txt', languages: 'eng', language: 'eng', note: 'six European languages, read with eng only' },
  { file: 'ocrmypdf-tests/linn.png', groundTruth: 'ocrmypdf-tests/linn.txt', languages: 'eng', language: 'eng', note: 'reference text is itself OCR output' },
  { file: 'ocrmypdf-tests/francais.pdf', groundTruth: 'ocrmypdf-tests/francais.gt.txt', languages: 'fra', language: 'fra', note: 'PDF; bare tesseract reads it rasterized at 300 dpi' },
];

interface Measurement {
  cer: number;
  seconds: number;
  peakMegabytes: number;
  pages: number;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'sijill-bench-digitize-'));

/** Runs ocrmypdf under GNU time, which records the peak RSS of its largest process. */
function timedOcrmypdf(timeFile: string): string {
  const wrapper = path.join(workDir, 'ocrmypdf-timed');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/time -o ${JSON.stringify(timeFile)} -f '%M' ${JSON.stringify(ocrmypdf)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

async function measureDigitize(sample: Sample): Promise<Measurement> {
  const timeFile = path.join(workDir, 'digitize.time');
  const bytes = new Uint8Array(readFileSync(path.join(scans, sample.file)));
  const started = performance.now();
  const result = await digitize({ bytes, mediaType: '' }, { ocrmypdf: timedOcrmypdf(timeFile), languages: sample.languages });
  const seconds = (performance.now() - started) / 1000;
  const groundTruth = readFileSync(path.join(scans, sample.groundTruth), 'utf8');
  const peakKilobytes = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { cer: characterErrorRate(result.text, groundTruth), seconds, peakMegabytes: peakKilobytes / 1024, pages: result.pageCount };
}

function measureTesseract(sample: Sample): Measurement {
  let image = path.join(scans, sample.file);
  if (image.endsWith('.pdf')) {
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', image, path.join(workDir, 'page')]);
    image = path.join(workDir, 'page.png');
  }
  const timeFile = path.join(workDir, 'tesseract.time');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%M', 'tesseract', image, 'stdout', '-l', sample.languages], {
    encoding: 'utf8',
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`tesseract failed on ${sample.file}: ${run.stderr}`);
  const groundTruth = readFileSync(path.join(scans, sample.groundTruth), 'utf8');
  const peakKilobytes = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  const pages = run.stdout.split('\f').filter((page) => page.trim() !== '').length;
  return { cer: characterErrorRate(run.stdout, groundTruth), seconds, peakMegabytes: peakKilobytes / 1024, pages };
}

function loadNote(load: number): string {
  return load > os.availableParallelism() ? ' (other processes shared the CPUs, so times are longer than on an idle machine)' : '';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function version(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim().split('\n')[0] ?? 'unknown';
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const rows: string[] = [];
  const byLanguage = new Map<string, { digitizeErrors: number; tesseractErrors: number; length: number }>();
  let digitizeSeconds = 0;
  let tesseractSeconds = 0;

  for (const sample of samples) {
    process.stderr.write(`${sample.file}\n`);
    const bare = measureTesseract(sample);
    const ours = await measureDigitize(sample);
    digitizeSeconds += ours.seconds;
    tesseractSeconds += bare.seconds;

    const length = Array.from(readFileSync(path.join(scans, sample.groundTruth), 'utf8').replace(/\s+/g, ' ').trim()).length;
    const totals = byLanguage.get(sample.language) ?? { digitizeErrors: 0, tesseractErrors: 0, length: 0 };
    totals.digitizeErrors += ours.cer * length;
    totals.tesseractErrors += bare.cer * length;
    totals.length += length;
    byLanguage.set(sample.language, totals);

    rows.push(`| ${path.basename(sample.file)} | ${sample.languages} | ${ours.pages} | ${percent(ours.cer)} | ${percent(bare.cer)} | ${ours.seconds.toFixed(1)} | ${bare.seconds.toFixed(1)} | ${(ours.seconds / bare.seconds).toFixed(1)} | ${Math.round(ours.peakMegabytes)} | ${Math.round(bare.peakMegabytes)} | ${sample.note ?? ''} |`);
  }

  const languageRows = [...byLanguage].map(([language, totals]) => `| ${language} | ${percent(totals.digitizeErrors / totals.length)} | ${percent(totals.tesseractErrors / totals.length)} |`);
  const section = [
    heading,
    '',
    'Character error rate (CER: Levenshtein distance ÷ ground-truth length, after removing bidi marks and',
    'tatweel, NFKC and collapsing whitespace) of `digitize` (OCRmyPDF with `--rotate-pages --deskew`, PDF/A-2b',
    'output, two pages in parallel) beside bare `tesseract IMAGE stdout -l LANGS` on the same pages, one page',
    'at a time. Time is wall time per document. Peak memory is the peak resident set size of the largest',
    'single process (GNU time `%M`: OCRmyPDF, Tesseract or Ghostscript). Each page is OCRed by its own',
    'Tesseract process, so it is also the peak per page; with two pages in parallel, twice that is in use.',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} logical CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type().toLowerCase()} ${os.release()}.`,
    `Programs: ${version(ocrmypdf, ['--version']).replace(/^/, 'OCRmyPDF ')}, ${version('tesseract', ['--version'])}, Ghostscript ${version('gs', ['--version'])}.`,
    `Command: \`node bench/digitize.ts\`, run on ${new Date().toISOString().slice(0, 10)}, 1-minute load average ${loadAtStart.toFixed(1)} at the start${loadNote(loadAtStart)}.`,
    '',
    '| Page | Languages | Pages | CER digitize | CER tesseract | s digitize | s tesseract | Time ratio | Peak MiB digitize | Peak MiB tesseract | Note |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'CER per language, weighted by ground-truth length:',
    '',
    '| Language | CER digitize | CER tesseract |',
    '|---|---|---|',
    ...languageRows,
    '',
    `Total time: digitize ${digitizeSeconds.toFixed(1)} s, bare tesseract ${tesseractSeconds.toFixed(1)} s, ratio ${(digitizeSeconds / tesseractSeconds).toFixed(1)}.`,
    '',
  ].join('\n');

  writeSection(section);
  process.stdout.write(section);
}

function writeSection(section: string): void {
  let current = '# Benchmarks\n';
  try {
    current = readFileSync(benchmarksFile, 'utf8');
  } catch {
    // First benchmark written: the file starts with its title.
  }
  const start = current.indexOf(`${heading}\n`);
  if (start < 0) {
    writeFileSync(benchmarksFile, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  const after = next < 0 ? '' : current.slice(next + 1);
  writeFileSync(benchmarksFile, `${current.slice(0, start)}${section}${after === '' ? '' : `\n${after}`}`);
}

try {
  await main();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
