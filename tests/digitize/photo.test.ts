// Phone photos of a page. The corpus has no photo of a page seen at an
// angle, so one is made here from the residence certificate scan with
// OpenCV: the page on a dark desk, its corners moved as a camera held at an
// angle would see them, lit unevenly, 12 megapixels, saved as JPEG without
// a resolution. Read as it is, that photo measured 20.5% CER; the flat scan
// reads 7.1%.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { characterErrorRate } from '../../src/digitize/character-error-rate.ts';
import { digitize } from '../../src/digitize/digitize.ts';
import { openPdfDocument } from '../../src/intake/pdf-document.ts';
import { ocrmypdf, python, residence, residenceTruth, scans, useTemporaryFolder } from './support.ts';

const folder = useTemporaryFolder('sijill-photo-');

function runPython(script: string, args: string[]): void {
  const run = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
}

/** Writes the residence scan as a phone photo of the page lying on a desk and returns the JPEG. */
function photoOfPage(): Uint8Array {
  const target = path.join(folder(), 'photo.jpg');
  runPython([
    'import sys, cv2, numpy as np',
    'from PIL import Image',
    'page = np.asarray(Image.open(sys.argv[1]).convert("RGB"))',
    'h, w = page.shape[:2]',
    'W, H = 3000, 4000',
    'desk = np.full((H, W, 3), (70, 55, 45), np.uint8) + np.random.default_rng(7).integers(0, 25, (H, W, 1), dtype=np.uint8)',
    'corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])',
    'seen = np.float32([[520, 420], [2480, 560], [2700, 3650], [300, 3500]])',
    'matrix = cv2.getPerspectiveTransform(corners, seen)',
    'warped = cv2.warpPerspective(page, matrix, (W, H), flags=cv2.INTER_CUBIC)',
    'mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (W, H))',
    'photo = np.where(mask[..., None] > 0, warped, desk)',
    'yy, xx = np.mgrid[0:H, 0:W]',
    'light = 1.0 - 0.125 * (xx / W + yy / H)',
    'Image.fromarray(np.clip(photo * light[..., None], 0, 255).astype(np.uint8)).save(sys.argv[2], quality=88)',
  ].join('\n'), [residence, target]);
  return new Uint8Array(readFileSync(target));
}

/** Writes the residence scan turned a quarter counter-clockwise, with the EXIF orientation that shows it upright, at 72 dpi. */
function sidewaysPhotoWithExif(): Uint8Array {
  const target = path.join(folder(), 'exif.jpg');
  runPython([
    'import sys',
    'from PIL import Image',
    'image = Image.open(sys.argv[1]).convert("RGB").rotate(90, expand=True)',
    'exif = Image.Exif()',
    'exif[0x0112] = 6',
    'image.save(sys.argv[2], quality=92, dpi=(72, 72), exif=exif)',
  ].join('\n'), [residence, target]);
  return new Uint8Array(readFileSync(target));
}

async function firstPageSize(pdf: Uint8Array): Promise<{ width: number; height: number }> {
  const document = await openPdfDocument(pdf);
  try {
    const viewport = (await document.getPage(1)).getViewport({ scale: 1 });
    return { width: viewport.width, height: viewport.height };
  } finally {
    await document.destroy();
  }
}

test('photo at an angle is flattened', async () => {
  const photo = photoOfPage();
  const result = await digitize({ bytes: photo, mediaType: 'image/jpeg' }, { ocrmypdf, languages: 'ara+eng' });
  const size = await firstPageSize(result.pdf);

  expect(result.photo).toEqual({ flattened: true, turned: false });
  // The page is kept as a JPEG, so the PDF/A is not several times the photo.
  expect(result.pdf.length).toBeLessThan(photo.length * 1.5);
  // Measured 9.3%.
  expect(characterErrorRate(result.text, residenceTruth)).toBeLessThan(0.1);
  expect(size.height).toBeGreaterThan(size.width);
}, 90_000);

test('exif orientation turns photo', async () => {
  const result = await digitize({ bytes: sidewaysPhotoWithExif(), mediaType: 'image/jpeg' }, { ocrmypdf, languages: 'ara+eng' });

  expect(result.photo).toEqual({ flattened: false, turned: true });
  // Upright before Tesseract reads it, so no orientation detection was needed.
  expect(result.corrections).toEqual([]);
  expect(characterErrorRate(result.text, residenceTruth)).toBeLessThan(0.09);
}, 90_000);

test('scan with its resolution is no photo', async () => {
  const result = await digitize({ bytes: new Uint8Array(readFileSync(residence)), mediaType: 'image/jpeg' }, { ocrmypdf, languages: 'ara+eng' });

  expect(result.photo).toBeUndefined();
}, 60_000);

test('page filling the frame is kept', async () => {
  // A typewritten page, 4000 × 2864 pixels without a resolution: examined as a photo, but the page fills it.
  const bytes = new Uint8Array(readFileSync(path.join(scans, 'ocrmypdf-tests/typewriter.png')));

  const result = await digitize({ bytes, mediaType: 'image/png' }, { ocrmypdf, languages: 'eng' });

  expect(result.photo).toEqual({ flattened: false, turned: false });
}, 60_000);
