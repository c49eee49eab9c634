import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { SijillError } from '../../src/errors.ts';
import { inspectUpload, type UploadLimits } from '../../src/intake/index.ts';

const corpus = path.resolve('../shared/corpus');
const limits: UploadLimits = { maxBytes: 50 * 1024 * 1024, maxPages: 500, maxPixels: 200_000_000 };

function read(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(corpus, relative)));
}

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SijillError);
    return (error as SijillError).code;
  }
}

test.each([
  ['scans/arabic-admin/application-business-licence.scan.png', 'image/png', 1, 300],
  ['scans/arabic-admin/residence-certificate.scan.jpg', 'image/jpeg', 1, 200],
  ['scans/arabic-admin/fire-safety-and-tax.scan.tif', 'image/tiff', 2, 300],
  ['scans/kraken-tests/arabic.webp', 'image/webp', 1, undefined],
  ['scans/ocrmypdf-tests/typewriter.png', 'image/png', 1, undefined],
])('scan header: %s', async (file, mediaType, pageCount, dpi) => {
  const inspection = await inspectUpload(read(file), path.basename(file), limits);

  expect(inspection.mediaType).toBe(mediaType);
  expect(inspection.pageCount).toBe(pageCount);
  expect(inspection.dpi).toBe(dpi);
  expect(inspection.width).toBeGreaterThan(100);
  expect(inspection.height).toBeGreaterThan(100);
});

test('jpeg resolution from exif', async () => {
  const inspection = await inspectUpload(exifJpeg(240), 'photo.jpg', limits);

  expect(inspection.dpi).toBe(240);
  expect([inspection.width, inspection.height]).toEqual([200, 100]);
});

test('webp size from header', async () => {
  const inspection = await inspectUpload(read('scans/kraken-tests/arabic.webp'), 'page.webp', limits);

  expect([inspection.width, inspection.height]).toEqual([1270, 2001]);
});

test('multi-page pdf page count', async () => {
  const inspection = await inspectUpload(read('scans/ocrmypdf-tests/multipage.pdf'), 'multipage.pdf', limits);

  expect(inspection.pageCount).toBe(6);
  expect(inspection.signed).toBe(false);
});

test('signed pdf is flagged signed', async () => {
  const inspection = await inspectUpload(read('signatures/esig-dss/pades-bes.pdf'), 'signed.pdf', limits);

  expect(inspection.signed).toBe(true);
  expect(inspection.hasSignatureFields).toBe(true);
});

test('empty signature field is not signed', async () => {
  const pdf = minimalPdf('/AcroForm << /Fields [] /SigFlags 1 >>');

  const inspection = await inspectUpload(pdf, 'form.pdf', limits);

  expect(inspection.signed).toBe(false);
  expect(inspection.hasSignatureFields).toBe(true);
});

test('huge pdf page rejected', async () => {
  const code = await rejectionCode(inspectUpload(read('scans/ocrmypdf-tests/hugemono.pdf'), 'huge.pdf', limits));

  expect(code).toBe('upload.page_too_large');
});

test('too large before any parsing', async () => {
  const code = await rejectionCode(inspectUpload(read('bad-inputs/valid-minimal.pdf'), 'a.pdf', { ...limits, maxBytes: 100 }));

  expect(code).toBe('upload.too_large');
});

test('unknown content type', async () => {
  const code = await rejectionCode(inspectUpload(new TextEncoder().encode('MZ\x90\x00 not a document'), 'a.pdf', limits));

  expect(code).toBe('upload.unsupported_type');
});

test('tiff page limit', async () => {
  const code = await rejectionCode(inspectUpload(read('scans/arabic-admin/fire-safety-and-tax.scan.tif'), 'a.tif', { ...limits, maxPages: 1 }));

  expect(code).toBe('upload.too_many_pages');
});

test('truncated png', async () => {
  const png = read('scans/arabic-admin/application-business-licence.scan.png');

  const code = await rejectionCode(inspectUpload(png.subarray(0, png.byteLength / 2), 'a.png', limits));

  expect(code).toBe('upload.corrupt');
});

test('truncated jpeg', async () => {
  const jpeg = read('scans/arabic-admin/residence-certificate.scan.jpg');

  const code = await rejectionCode(inspectUpload(jpeg.subarray(0, jpeg.byteLength / 2), 'a.jpg', limits));

  expect(code).toBe('upload.corrupt');
});

test('truncated tiff header', async () => {
  const tiff = read('scans/arabic-admin/fire-safety-and-tax.scan.tif');

  const code = await rejectionCode(inspectUpload(tiff.subarray(0, 6), 'a.tif', limits));

  expect(code).toBe('upload.corrupt');
});

test('javascript hidden in object stream', async () => {
  // /J#61vaScript is /JavaScript with a #-escape, inside a compressed object stream.
  const objects = '<< /S /J#61vaScript /JS (app.alert(1)) >>';
  const compressed = Buffer.from(deflateSync(Buffer.from(`5 0 ${objects}`, 'latin1')));
  const stream = `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${compressed.byteLength} >>\nstream\n`;
  const pdf = minimalPdf('/OpenAction 5 0 R', Buffer.concat([Buffer.from(`6 0 obj\n${stream}`, 'latin1'), compressed, Buffer.from('\nendstream\nendobj\n', 'latin1')]));

  const inspection = await inspectUpload(pdf, 'a.pdf', limits);

  expect(inspection.activeContent).toEqual(['javascript']);
});

/** Builds a one-page PDF with extra catalog entries and extra objects; pdf.js rebuilds its cross-reference table. */
function minimalPdf(catalogEntries: string, extraObjects: Buffer = Buffer.alloc(0)): Uint8Array {
  const head = [
    '%PDF-1.7',
    `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogEntries} >>\nendobj`,
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj',
    '',
  ].join('\n');
  const tail = 'trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n';
  return new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), extraObjects, Buffer.from(tail, 'latin1')]));
}

/** Builds the header of a 200 × 100 JPEG whose only resolution is in an Exif block (little-endian TIFF). */
function exifJpeg(dpi: number): Uint8Array {
  const tiff = Buffer.alloc(46);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4); // first directory
  tiff.writeUInt16LE(2, 8); // two entries
  tiff.writeUInt16LE(282, 10); // XResolution, RATIONAL at offset 38
  tiff.writeUInt16LE(5, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(38, 18);
  tiff.writeUInt16LE(296, 22); // ResolutionUnit = inch
  tiff.writeUInt16LE(3, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt16LE(2, 30);
  tiff.writeUInt32LE(dpi, 38);
  tiff.writeUInt32LE(1, 42);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = (marker: number, body: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const frame = Buffer.from([8, 0, 100, 0, 200, 1, 1, 0x11, 0]);
  const scan = Buffer.from([1, 1, 0, 0, 63, 0]);
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe1, exif), segment(0xc0, frame), segment(0xda, scan), Buffer.alloc(10), Buffer.from([0xff, 0xd9])]));
}
