// Pixel limits that bound Tesseract's memory per page: colour pages above
// `maxColourMegapixels`, and grey ones above `maxOcrMegapixels`, are reduced
// before OCR and keep their size on paper. The limits are set low here so
// that corpus-sized pages cross them; docs/benchmarks.md measures the
// defaults on a 600 dpi A4 page.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { characterErrorRate } from '../../src/digitize/character-error-rate.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { ocrmypdf, python, scans, useTemporaryFolder } from './support.ts';

const folder = useTemporaryFolder('sijill-page-limits-');
const licence = path.join(scans, 'arabic-admin/application-business-licence.scan.png');
const licenceTruth = readFileSync(path.join(scans, 'arabic-admin/application-business-licence.gt.txt'), 'utf8');

/** Writes the licence scan (2559 × 3566, 300 dpi) in `mode` ("RGB" or "L") as PNG. */
function licenceAs(mode: 'RGB' | 'L'): Uint8Array {
  const target = path.join(folder(), `licence-${mode}.png`);
  execFileSync(python, ['-c', 'import sys\nfrom PIL import Image\nImage.open(sys.argv[1]).convert(sys.argv[3]).save(sys.argv[2], dpi=(300, 300))', licence, target, mode]);
  return new Uint8Array(readFileSync(target));
}

/** Lists the images of a PDF as `pdfimages -list` reports them: width, height, colour. */
function imagesOf(pdf: Uint8Array): { width: number; height: number; colour: string }[] {
  const file = path.join(folder(), 'out.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/))
    .map((fields) => ({ width: Number(fields[3]), height: Number(fields[4]), colour: fields[5] ?? '' }));
}

/** Width and height of the first page in points, from the PDF's MediaBox. */
function pageSizeOf(pdf: Uint8Array): number[] {
  const box = /\/MediaBox\s*\[\s*([\d.\s]+)\]/.exec(Buffer.from(pdf).toString('latin1'))?.[1]?.trim().split(/\s+/).map(Number) ?? [];
  return [(box[2] ?? 0) - (box[0] ?? 0), (box[3] ?? 0) - (box[1] ?? 0)];
}

test('colour page above the limit is reduced', async () => {
  const result = await digitize({ bytes: licenceAs('RGB'), mediaType: 'image/png' }, { ocrmypdf, languages: 'ara+eng', maxColourMegapixels: 4 });
  const [image] = imagesOf(result.pdf);
  const [width, height] = pageSizeOf(result.pdf);

  expect(image?.colour).toBe('rgb');
  expect((image?.width ?? 0) * (image?.height ?? 0)).toBeLessThanOrEqual(4e6);
  // 2559 × 3566 pixels at 300 dpi: 614 × 856 points, kept within a point.
  expect(width).toBeCloseTo(614, -1);
  expect(height).toBeCloseTo(856, -1);
  // Bare Tesseract reads the full-size page at 16.4%.
  expect(characterErrorRate(result.text, licenceTruth)).toBeLessThan(0.2);
}, 60_000);

test('grey page within its own limit is kept', async () => {
  const result = await digitize({ bytes: licenceAs('L'), mediaType: 'image/png' }, { ocrmypdf, languages: 'ara+eng', maxColourMegapixels: 4 });
  const [image] = imagesOf(result.pdf);

  expect(image).toEqual({ width: 2559, height: 3566, colour: 'gray' });
}, 60_000);

test('grey page above the limit is reduced', async () => {
  const result = await digitize({ bytes: licenceAs('L'), mediaType: 'image/png' }, { ocrmypdf, languages: 'ara+eng', maxColourMegapixels: 4, maxOcrMegapixels: 6 });
  const [image] = imagesOf(result.pdf);

  expect(image?.colour).toBe('gray');
  expect((image?.width ?? 0) * (image?.height ?? 0)).toBeLessThanOrEqual(6e6);
}, 60_000);

test('colour pdf page is rasterized within the limit', async () => {
  // multipage.pdf's page 6 is a colour photograph with a soft mask.
  const bytes = new Uint8Array(readFileSync(path.join(scans, 'ocrmypdf-tests/multipage.pdf')));

  const result = await digitize({ bytes, mediaType: 'application/pdf' }, { ocrmypdf, languages: 'eng', maxColourMegapixels: 1, minCharactersPerPage: 0 });

  for (const image of imagesOf(result.pdf).filter((listed) => listed.colour === 'rgb')) {
    expect(image.width * image.height).toBeLessThanOrEqual(1e6);
  }
}, 120_000);
