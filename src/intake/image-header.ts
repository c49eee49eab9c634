// Reads the size of an image from its header, without decoding any pixels,
// so intake can reject decompression bombs (a few KiB that decode to
// gigabytes) before anything allocates the bitmap. Each reader also checks
// the structure it walks and throws ImageHeaderError for damaged files.
import { crc32 } from 'node:zlib';

export interface ImageHeader {
  /** Width and height of the largest page, in pixels. */
  width: number;
  height: number;
  /** Pages in the file: TIFF may hold several, the other formats one. */
  pageCount: number;
  /** Resolution the file declares, in dots per inch; undefined when it declares none. */
  dpi?: number;
  /** Whether the image has an alpha channel (PNG colour types 4 and 6). */
  hasAlpha: boolean;
}

/** Thrown when the header is truncated or inconsistent. */
export class ImageHeaderError extends Error {
  override name = 'ImageHeaderError';
}

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/tiff' | 'image/webp';

/** Reads the header of an image; `maxPages` bounds the TIFF page walk. */
export function readImageHeader(bytes: Uint8Array, mediaType: ImageMediaType, maxPages: number): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (mediaType) {
    case 'image/png':
      return readPngHeader(bytes, view);
    case 'image/jpeg':
      return readJpegHeader(bytes, view);
    case 'image/tiff':
      return readTiffHeader(view, maxPages);
    case 'image/webp':
      return readWebpHeader(bytes, view);
  }
}

function fail(message: string): never {
  throw new ImageHeaderError(message);
}

function readPngHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  if (bytes.byteLength < 33) fail('PNG shorter than its IHDR chunk');
  if (view.getUint32(8) !== 13 || latin1(bytes, 12, 4) !== 'IHDR') fail('PNG does not start with an IHDR chunk');
  if (crc32(bytes.subarray(12, 29)) !== view.getUint32(29)) fail('PNG IHDR checksum mismatch');

  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colourType = bytes[25];
  let dpi: number | undefined;
  let sawEnd = false;

  // Walk the chunk list (lengths only, no decompression) to find pHYs and IEND.
  let offset = 8;
  while (offset + 12 <= bytes.byteLength) {
    const length = view.getUint32(offset);
    const type = latin1(bytes, offset + 4, 4);
    const end = offset + 12 + length;
    if (end > bytes.byteLength) fail(`PNG chunk ${type} runs past the end of the file`);
    if (type === 'pHYs' && length === 9 && bytes[offset + 16] === 1) {
      dpi = Math.round(view.getUint32(offset + 8) * 0.0254); // pixels per metre
    }
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    offset = end;
  }
  if (!sawEnd) fail('PNG has no IEND chunk (truncated)');
  checkSize(width, height);
  return { width, height, pageCount: 1, dpi, hasAlpha: colourType === 4 || colourType === 6 };
}

const jpegStandaloneMarkers = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);
// Start-of-frame markers SOF0–SOF15, without DHT (C4), JPG (C8) and DAC (CC), which share that range.
const jpegFrameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpegHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  let offset = 2;
  let width = 0;
  let height = 0;
  let dpi: number | undefined;

  for (;;) {
    if (offset + 4 > bytes.byteLength) fail('JPEG ends before its image data');
    if (bytes[offset] !== 0xff) fail(`JPEG segment marker expected at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (jpegStandaloneMarkers.has(marker)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.byteLength) fail(`JPEG segment at byte ${offset} runs past the end of the file`);
    const body = offset + 4;
    if (marker === 0xe0 && length >= 14 && latin1(bytes, body, 5) === 'JFIF\0') {
      const units = bytes[body + 7];
      const density = view.getUint16(body + 8);
      if (units === 1 && density > 1) dpi = density;
      if (units === 2 && density > 1) dpi = Math.round(density * 2.54);
    }
    if (marker === 0xe1 && dpi === undefined && latin1(bytes, body, 6) === 'Exif\0\0') {
      dpi = readExifDpi(new DataView(bytes.buffer, bytes.byteOffset + body + 6, length - 8));
    }
    if (jpegFrameMarkers.has(marker)) {
      if (length < 8) fail('JPEG frame header too short');
      height = view.getUint16(body + 1);
      width = view.getUint16(body + 3);
    }
    if (marker === 0xda) break; // start of scan: the header ends here
    offset += 2 + length;
  }

  if (width === 0 || height === 0) fail('JPEG has no frame header before its image data');
  if (Buffer.from(bytes.buffer, bytes.byteOffset + offset, bytes.byteLength - offset).lastIndexOf(Buffer.from([0xff, 0xd9])) < 0) {
    fail('JPEG has no end-of-image marker (truncated)');
  }
  checkSize(width, height);
  return { width, height, pageCount: 1, dpi, hasAlpha: false };
}

function readTiffHeader(view: DataView, maxPages: number): ImageHeader {
  const little = view.getUint8(0) === 0x49;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  if (view.byteLength < 8) fail('TIFF shorter than its header');

  let width = 0;
  let height = 0;
  let dpi: number | undefined;
  let pageCount = 0;
  const visited = new Set<number>();

  for (let ifd = u32(4); ifd !== 0; ) {
    if (visited.has(ifd)) fail('TIFF page directories form a loop');
    visited.add(ifd);
    if (ifd + 2 > view.byteLength) fail('TIFF page directory lies past the end of the file');
    pageCount += 1;
    // Stop counting beyond the limit; the caller rejects the file.
    if (pageCount > maxPages) break;

    const entryCount = u16(ifd);
    if (ifd + 2 + entryCount * 12 + 4 > view.byteLength) fail('TIFF page directory runs past the end of the file');
    const page = { width: 0, height: 0, xResolution: 0, unit: 2 };
    for (let index = 0; index < entryCount; index += 1) {
      const entry = ifd + 2 + index * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const value = type === 3 ? u16(entry + 8) : u32(entry + 8);
      if (tag === 256) page.width = value;
      if (tag === 257) page.height = value;
      if (tag === 296) page.unit = value;
      if (tag === 282 && type === 5 && value + 8 <= view.byteLength) {
        const denominator = u32(value + 4);
        page.xResolution = denominator > 0 ? u32(value) / denominator : 0;
      }
    }
    if (page.width === 0 || page.height === 0) fail(`TIFF page ${pageCount} has no width or height`);
    if (page.width * page.height > width * height) {
      width = page.width;
      height = page.height;
    }
    // ResolutionUnit 1 means the resolution is a ratio without an absolute unit.
    if (dpi === undefined && page.xResolution > 1 && page.unit !== 1) {
      dpi = Math.round(page.unit === 3 ? page.xResolution * 2.54 : page.xResolution);
    }
    ifd = u32(ifd + 2 + entryCount * 12);
  }

  if (pageCount === 0) fail('TIFF has no pages');
  checkSize(width, height);
  return { width, height, pageCount, dpi, hasAlpha: false };
}

/** Reads XResolution and ResolutionUnit from the first directory of an Exif block (a TIFF structure); undefined when absent or unreadable. */
function readExifDpi(view: DataView): number | undefined {
  try {
    const little = view.getUint16(0) === 0x4949;
    const ifd = view.getUint32(4, little);
    const entryCount = view.getUint16(ifd, little);
    let resolution = 0;
    let unit = 2;
    for (let index = 0; index < entryCount; index += 1) {
      const entry = ifd + 2 + index * 12;
      const tag = view.getUint16(entry, little);
      if (tag === 296) unit = view.getUint16(entry + 8, little);
      if (tag === 282) {
        const offset = view.getUint32(entry + 8, little);
        const denominator = view.getUint32(offset + 4, little);
        resolution = denominator > 0 ? view.getUint32(offset, little) / denominator : 0;
      }
    }
    if (resolution <= 1 || unit === 1) return undefined;
    return Math.round(unit === 3 ? resolution * 2.54 : resolution);
  } catch {
    // A damaged Exif block only means the resolution is unknown; the image itself may be fine.
    return undefined;
  }
}

function readWebpHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  if (bytes.byteLength < 30) fail('WebP shorter than its header');
  const declared = view.getUint32(4, true) + 8;
  if (declared > bytes.byteLength) fail('WebP is shorter than its RIFF header declares (truncated)');

  const chunk = latin1(bytes, 12, 4);
  let width: number;
  let height: number;
  let hasAlpha = false;
  if (chunk === 'VP8X') {
    hasAlpha = ((bytes[20] ?? 0) & 0x10) !== 0;
    width = 1 + readUint24(bytes, 24);
    height = 1 + readUint24(bytes, 27);
  } else if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) fail('WebP lossless signature missing');
    const bits = view.getUint32(21, true);
    width = 1 + (bits & 0x3fff);
    height = 1 + ((bits >>> 14) & 0x3fff);
    hasAlpha = ((bits >>> 28) & 1) === 1;
  } else if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) fail('WebP lossy start code missing');
    width = view.getUint16(26, true) & 0x3fff;
    height = view.getUint16(28, true) & 0x3fff;
  } else {
    fail(`WebP starts with unknown chunk ${JSON.stringify(chunk)}`);
  }
  checkSize(width, height);
  return { width, height, pageCount: 1, hasAlpha };
}

function checkSize(width: number, height: number): void {
  if (width === 0 || height === 0) fail(`image has a zero dimension (${width}x${height})`);
}

function readUint24(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}

function latin1(bytes: Uint8Array, at: number, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.max(0, Math.min(length, bytes.byteLength - at))).toString('latin1');
}
