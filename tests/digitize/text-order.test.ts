// The text layer of a digitized Arabic page reads forwards in pdf.js
// (Sijill's extractText, Firefox) and in poppler's pdftotext, which treat
// right-to-left text differently: pdf.js reorders text it takes to be in
// visual order, poppler follows the glyphs' positions. Tesseract's own
// layer read backwards in one or the other. PDFium (Chrome's viewer) was
// checked by hand with pypdfium2 and agreed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { digitize, type DigitizedDocument } from '../../src/digitize/digitize.ts';
import { extractText } from '../../src/digitize/extract-text.ts';
import { ocrmypdf, residence, scans, useTemporaryFolder } from './support.ts';

const folder = useTemporaryFolder('sijill-text-order-');
let arabic: DigitizedDocument;

beforeAll(async () => {
  arabic = await digitize({ bytes: new Uint8Array(readFileSync(residence)), mediaType: 'image/jpeg' }, { ocrmypdf, languages: 'ara+eng' });
}, 60_000);

function pdftotext(pdf: Uint8Array): string {
  const file = path.join(folder(), 'page.pdf');
  writeFileSync(file, pdf);
  // Drop the bidi embedding marks poppler puts around right-to-left runs.
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
}

test('poppler reads arabic words forwards', () => {
  const text = pdftotext(arabic.pdf);

  expect(text).toContain('بلدية المدينة');
  expect(text).toContain('شهادة إقامة');
  // Digits inside a right-to-left line keep their order.
  expect(text).toContain('1175209348');
});

test('pdf.js reads arabic words forwards', async () => {
  const text = (await extractText(arabic.pdf)).text.replace(/\s+/g, ' ');

  expect(text).toContain('بلدية المدينة');
  expect(text).toContain('1175209348');
});

test('latin page is left as tesseract wrote it', async () => {
  const result = await digitize({ bytes: new Uint8Array(readFileSync(path.join(scans, 'tesseract-test/phototest.tif'))), mediaType: 'image/tiff' }, { ocrmypdf, languages: 'eng' });

  expect(pdftotext(result.pdf)).toContain('This is a lot of 12 point text');
  expect((await extractText(result.pdf)).text.replace(/\s+/g, ' ')).toContain('This is a lot of 12 point text');
}, 60_000);
