// Measures digitization on the corpus pages that have ground truth and writes
// the "## Digitization" section of docs/benchmarks.md, leaving the other
// sections as they are. For each page it compares `digitize` (Tesseract,
// orientation detection and deskew where needed, and PDF/A assembly; PDFs
// rasterized by pdftoppm first) with bare `tesseract` on the
// same image: character error rate, wall time and peak memory. Each is run
// `rounds` times, alternating, and the median time is reported, because other
// processes on the machine change single timings by tens of percent.
//
// Usage: node bench/digitize.ts   (needs scripts/install-ocr.sh, poppler-utils
// and GNU time at /usr/bin/time)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const rounds = 3;

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

const timeFolder = path.join(workDir, 'times');

/**
 * Writes a wrapper that runs `program` under GNU time, which records the peak
 * RSS of its largest process in a file of its own per run (pages run in parallel).
 */
function timedProgram(name: string, program: string): string {
  const wrapper = path.join(workDir, `${name}-timed`);
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/time -o ${JSON.stringify(timeFolder)}/${name}.$$ -f '%M' ${JSON.stringify(program)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return wrapper;
}

/** Returns the largest peak RSS recorded by the wrappers since the last call, in MiB, and deletes their files. */
function takePeakMegabytes(): number {
  let peakKilobytes = 0;
  for (const file of readdirSync(timeFolder)) {
    const lines = readFileSync(path.join(timeFolder, file), 'utf8').trim().split('\n');
    peakKilobytes = Math.max(peakKilobytes, Number(lines[lines.length - 1]));
    rmSync(path.join(timeFolder, file));
  }
  return peakKilobytes / 1024;
}

async function measureDigitize(sample: Sample): Promise<Measurement> {
  const bytes = new Uint8Array(readFileSync(path.join(scans, sample.file)));
  const options = { ocrmypdf: timedProgram('ocrmypdf', ocrmypdf), python: path.join(path.dirname(ocrmypdf), 'python'), tesseract: timedProgram('tesseract', 'tesseract'), languages: sample.languages };
  const started = performance.now();
  const result = await digitize({ bytes, mediaType: '' }, options);
  const seconds = (performance.now() - started) / 1000;
  const groundTruth = readFileSync(path.join(scans, sample.groundTruth), 'utf8');
  return { cer: characterErrorRate(result.text, groundTruth), seconds, peakMegabytes: takePeakMegabytes(), pages: result.pageCount };
}

function measureTesseract(sample: Sample): Measurement {
  let image = path.join(scans, sample.file);
  if (image.endsWith('.pdf')) {
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', image, path.join(workDir, 'page')]);
    image = path.join(workDir, 'page.png');
  }
  const timeFile = path.join(workDir, 'bare-tesseract.time');
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

/** Returns the run with the median time; CER and pages are the same in every run. */
function median(runs: Measurement[]): Measurement {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs to take the median of');
  return { ...middle, peakMegabytes: Math.max(...runs.map((run) => run.peakMegabytes)) };
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
  let imageDigitizeSeconds = 0;
  let imageTesseractSeconds = 0;

  mkdirSync(timeFolder);
  // A worker digitizes many documents in one process: the first call's module loading is not counted.
  const warmUp = samples[0];
  if (warmUp !== undefined) await measureDigitize(warmUp);

  for (const sample of samples) {
    process.stderr.write(`${sample.file}\n`);
    const bareRuns: Measurement[] = [];
    const ourRuns: Measurement[] = [];
    for (let round = 0; round < rounds; round += 1) {
      bareRuns.push(measureTesseract(sample));
      ourRuns.push(await measureDigitize(sample));
    }
    const bare = median(bareRuns);
    const ours = median(ourRuns);
    digitizeSeconds += ours.seconds;
    if (!sample.file.endsWith('.pdf')) {
      imageDigitizeSeconds += ours.seconds;
      imageTesseractSeconds += bare.seconds;
    }
    tesseractSeconds += bare.seconds;

    const length = Array.from(readFileSync(path.join(scans, sample.groundTruth), 'utf8').replace(/\s+/g, ' ').trim()).length;
    const totals = byLanguage.get(sample.language) ?? { digitizeErrors: 0, tesseractErrors: 0, length: 0 };
    totals.digitizeErrors += ours.cer * length;
    totals.tesseractErrors += bare.cer * length;
    totals.length += length;
    byLanguage.set(sample.language, totals);

    rows.push(`| ${path.basename(sample.file)} | ${sample.languages} | ${ours.pages} | ${percent(ours.cer)} | ${percent(bare.cer)} | ${ours.seconds.toFixed(1)} | ${bare.seconds.toFixed(1)} | ${(ours.seconds / bare.seconds).toFixed(2)} | ${Math.round(ours.peakMegabytes)} | ${Math.round(bare.peakMegabytes)} | ${sample.note ?? ''} |`);
  }

  const languageRows = [...byLanguage].map(([language, totals]) => `| ${language} | ${percent(totals.digitizeErrors / totals.length)} | ${percent(totals.tesseractErrors / totals.length)} |`);
  const section = [
    heading,
    '',
    'Character error rate (CER: Levenshtein distance ÷ ground-truth length, after removing bidi marks and',
    'tatweel, NFKC and collapsing whitespace) of `digitize` beside bare `tesseract IMAGE stdout -l LANGS` on',
    'the same pages, one page at a time. `digitize` OCRs each page with Tesseract (Sauvola thresholding, one',
    'process per page, one page per core in parallel), runs orientation detection when the first reading is doubtful,',
    'and turns pages skewed by 1° to 1.5° back in the PDF. It deskews and reads again pages skewed by 1.5° or',
    'more, restores Arabic commas and assembles PDF/A-2b',
    'with pdf-lib. PDF pages are rasterized with pdftoppm at their images\' resolution first. Time is the median wall time per',
    `document over ${rounds} alternating runs of each, after one untimed warm-up call of \`digitize\`. Peak memory`,
    'is the peak resident set size of the largest Tesseract process (GNU time `%M`; pdftoppm and Pillow are',
    'not measured). Each page is OCRed by its own Tesseract process, so it is also the peak per page; with',
    `one page per core in parallel, that times the cores is in use. The benchmark's own Node process (pdf-lib, pdf.js) peaked at ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB.`,
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} logical CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type().toLowerCase()} ${os.release()}.`,
    `Programs: ${version(ocrmypdf, ['--version']).replace(/^/, 'OCRmyPDF ')}, ${version('tesseract', ['--version'])}, Ghostscript ${version('gs', ['--version'])}.`,
    `Command: \`node bench/digitize.ts\`, run on ${new Date().toISOString().slice(0, 10)}, 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end${loadNote(Math.max(loadAtStart, os.loadavg()[0] ?? 0))}.`,
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
    `Total time: digitize ${digitizeSeconds.toFixed(1)} s, bare tesseract ${tesseractSeconds.toFixed(1)} s, ratio ${(digitizeSeconds / tesseractSeconds).toFixed(2)}.`,
    `Images only (without francais.pdf): digitize ${imageDigitizeSeconds.toFixed(1)} s, bare tesseract ${imageTesseractSeconds.toFixed(1)} s, ratio ${(imageDigitizeSeconds / imageTesseractSeconds).toFixed(2)}.`,
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
