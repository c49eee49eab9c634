// Pages turned upright and deskewed: corpus scans turned by 90°, 180° and
// 270° and rotated by a few degrees with Pillow (from .tools/venv, installed
// by scripts/install-ocr.sh), then digitized with real Tesseract. Each must
// come out upright and straight, with a character error rate close to that
// of the original page, and the PDF page must be upright too.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { characterErrorRate } from '../../src/digitize/character-error-rate.ts';
import { digitize, type DigitizedDocument } from '../../src/digitize/digitize.ts';
import { extractText } from '../../src/digitize/extract-text.ts';
import { readPageLayout } from '../../src/digitize/page-layout.ts';
import { openPdfDocument } from '../../src/intake/pdf-document.ts';
import { ocrmypdf, python, residence, residenceTruth, scans, useTemporaryFolder } from './support.ts';

const folder = useTemporaryFolder('sijill-upright-');

/**
 * Writes `source` turned counter-clockwise by `turn` degrees and then rotated
 * counter-clockwise by `degrees` (bicubic, onto white) as a PNG with the
 * source's DPI, so the page needs a clockwise turn of `turn` to be upright.
 */
function turnedCopy(source: string, turn: number, degrees: number): Uint8Array {
  const target = path.join(folder(), `turned-${turn}-${degrees}.png`);
  const script = [
    'import sys',
    'from PIL import Image',
    'with Image.open(sys.argv[1]) as image:',
    '    dpi = image.info.get("dpi", (300, 300))',
    '    image = image.convert("RGB").rotate(int(sys.argv[3]), expand=True)',
    '    if float(sys.argv[4]) != 0:',
    '        image = image.rotate(float(sys.argv[4]), resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))',
    '    image.save(sys.argv[2], dpi=dpi)',
  ].join('\n');
  const run = spawnSync(python, ['-c', script, source, target, String(turn), String(degrees)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Pillow failed: ${run.stderr}`);
  return new Uint8Array(readFileSync(target));
}

async function pageSizes(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  const document = await openPdfDocument(pdf);
  try {
    const sizes = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const viewport = (await document.getPage(number)).getViewport({ scale: 1 });
      sizes.push({ width: viewport.width, height: viewport.height });
    }
    return sizes;
  } finally {
    await document.destroy();
  }
}

// The residence certificate reads 7.1% upright; it is a portrait page.
test.each([90, 180, 270])('turned page is upright: %i°', async (turn) => {
  const result = await digitize({ bytes: turnedCopy(residence, turn, 0), mediaType: 'image/png' }, { ocrmypdf });
  const [size] = await pageSizes(result.pdf);

  expect(result.corrections).toEqual([{ page: 1, turn, deskewDegrees: 0 }]);
  expect(characterErrorRate(result.text, residenceTruth)).toBeLessThan(0.08);
  expect(size?.height).toBeGreaterThan(size?.width ?? Infinity);
  expect((await extractText(result.pdf)).text).toContain('1175209348');
}, 60_000);

test('skewed page is deskewed', async () => {
  // The scan is already skewed by −0.86° (clockwise skew as measured); 3° more counter-clockwise makes about −3.9°.
  const result = await digitize({ bytes: turnedCopy(residence, 0, 3), mediaType: 'image/png' }, { ocrmypdf });
  const correction = result.corrections?.[0];

  expect(result.corrections).toHaveLength(1);
  expect(correction?.turn).toBe(0);
  expect(correction?.deskewDegrees).toBeGreaterThan(-4.5);
  expect(correction?.deskewDegrees).toBeLessThan(-3.3);
  expect(characterErrorRate(result.text, residenceTruth)).toBeLessThan(0.09);
}, 60_000);

/** Skew of the text lines on page 1 of `pdf` as drawn, measured by Tesseract on a 150 dpi rendering. */
function drawnSkewDegrees(pdf: Uint8Array): number {
  const file = path.join(folder(), 'drawn.pdf');
  writeFileSync(file, pdf);
  const render = spawnSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-png', file, path.join(folder(), 'drawn')]);
  if (render.status !== 0) throw new Error(`pdftoppm failed: ${String(render.stderr)}`);
  const read = spawnSync('tesseract', [path.join(folder(), 'drawn.png'), path.join(folder(), 'drawn'), '-l', 'ara+eng', 'hocr'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  if (read.status !== 0) throw new Error(`tesseract failed: ${String(read.stderr)}`);
  return readPageLayout(readFileSync(path.join(folder(), 'drawn.hocr'), 'utf8')).skewDegrees ?? 0;
}

test('page skewed under 1.5° is read once and turned back in the PDF', async () => {
  // The licence scan is skewed by 1.26°. Bare Tesseract reads it at 16.4%;
  // the first reading, kept, measured 15.0%.
  const licence = path.join(scans, 'arabic-admin/application-business-licence.scan.png');
  const truth = readFileSync(path.join(scans, 'arabic-admin/application-business-licence.gt.txt'), 'utf8');

  const result = await digitize({ bytes: new Uint8Array(readFileSync(licence)), mediaType: 'image/png' }, { ocrmypdf });

  expect(result.corrections?.[0]?.deskewDegrees).toBeCloseTo(1.26, 1);
  expect(characterErrorRate(result.text, truth)).toBeLessThan(0.164);
  expect(Math.abs(drawnSkewDegrees(result.pdf))).toBeLessThan(0.3);
  // The text layer turned with the image: the national number is still found where it is drawn.
  expect((await extractText(result.pdf)).text).toContain('2984015573');
  const file = path.join(folder(), 'turned-back.pdf');
  writeFileSync(file, result.pdf);
  expect(spawnSync(path.resolve('.tools/verapdf/verapdf'), ['--flavour', '2b', file], { encoding: 'utf8' }).stdout).toContain('isCompliant="true"');
}, 90_000);

test('turned and skewed page', async () => {
  const result = await digitize({ bytes: turnedCopy(residence, 90, 2), mediaType: 'image/png' }, { ocrmypdf });
  const correction = result.corrections?.[0];

  expect(correction?.turn).toBe(90);
  expect(Math.abs(correction?.deskewDegrees ?? 0)).toBeGreaterThan(2);
  expect(characterErrorRate(result.text, residenceTruth)).toBeLessThan(0.09);
}, 90_000);

test('small skew is left alone', async () => {
  // −0.86° is below the 1° at which pages are deskewed.
  const result = await digitize({ bytes: new Uint8Array(readFileSync(residence)), mediaType: 'image/jpeg' }, { ocrmypdf });

  expect(result.corrections).toEqual([]);
}, 60_000);

test('skewed pdf is deskewed', async () => {
  // linn.png's page with a skew set in its transformation matrix; linn.txt is the reference text.
  const result = await digitize({ bytes: new Uint8Array(readFileSync(path.join(scans, 'ocrmypdf-tests/skew.pdf'))), mediaType: 'application/pdf' }, { ocrmypdf, languages: 'eng' });
  const truth = readFileSync(path.join(scans, 'ocrmypdf-tests/linn.txt'), 'utf8');

  expect(Math.abs(result.corrections?.[0]?.deskewDegrees ?? 0)).toBeGreaterThan(1);
  // Measured 1.1%; linn.png itself reads 1.0%.
  expect(characterErrorRate(result.text, truth)).toBeLessThan(0.02);
}, 90_000);

test('jbig2 pdf is read', async () => {
  const result = await digitize({ bytes: new Uint8Array(readFileSync(path.join(scans, 'ocrmypdf-tests/jbig2.pdf'))), mediaType: 'application/pdf' }, { ocrmypdf, languages: 'eng' });
  const truth = readFileSync(path.join(scans, 'ocrmypdf-tests/linn.txt'), 'utf8');

  expect(result.corrections).toEqual([]);
  // Measured 1.3%.
  expect(characterErrorRate(result.text, truth)).toBeLessThan(0.02);
}, 90_000);

test('pdf text kept with ocrmypdf', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(scans, 'ocrmypdf-tests/graph_ocred.pdf')));

  const result: DigitizedDocument = await digitize({ bytes, mediaType: 'application/pdf' }, { ocrmypdf, languages: 'eng', existingText: 'skip', minCharactersPerPage: 0 });

  // OCRmyPDF kept the page and does not report corrections.
  expect(result.corrections).toBeUndefined();
  expect(result.pageCount).toBe(1);
  expect(result.text).not.toBe('');
}, 60_000);
