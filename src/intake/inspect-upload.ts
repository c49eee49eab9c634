// Intake checks for every upload (citizen portal, counter scanner, command
// line), run on the bytes before they are stored. The type is decided by
// content, every size is bounded before any decoding, and the result holds
// what the rest of Sijill must know: media type, pages, pixel size, whether
// the PDF is signed and which active content it carries.
//
// Active content (JavaScript, Launch actions, attached files) does not reject
// a PDF: the file is kept as evidence and flagged in `activeContent`, and it
// must never be served to staff as-is or have its attachments extracted.
import type { Config } from '../config.ts';
import { SijillError } from '../errors.ts';
import { ImageHeaderError, readImageHeader, type ImageMediaType } from './image-header.ts';
import { detectMediaType, fileExtensions, findLatePdfHeader, knownExtensions, type AcceptedMediaType } from './media-type.ts';
import { openPdfDocument, type PDFDocumentProxy } from './pdf-document.ts';
import { scanPdf, type ActiveContentKind } from './pdf-scan.ts';
import { makeSafeFileName } from './safe-file-name.ts';

export interface UploadLimits {
  maxBytes: number;
  /** Maximum pages in one PDF or multi-page TIFF. */
  maxPages: number;
  /** Maximum pixels (width × height) in one image or TIFF page. */
  maxPixels: number;
  /** Maximum nesting depth of PDF arrays and dictionaries. @default 100 */
  maxPdfNesting?: number;
}

export interface UploadInspection {
  mediaType: AcceptedMediaType;
  pageCount: number;
  /** Pixel size of an image (the largest page of a TIFF); absent for PDFs. */
  width?: number;
  height?: number;
  /** Resolution an image declares, in dots per inch; absent when it declares none. */
  dpi?: number;
  hasAlpha?: boolean;
  /** The PDF carries a signature dictionary (/ByteRange). */
  signed: boolean;
  /** The PDF declares signature fields (/SigFlags); such a file must not be rewritten either. */
  hasSignatureFields: boolean;
  activeContent: ActiveContentKind[];
  /** Display name: cleaned, with the extension of the detected type. */
  safeFileName: string;
  /** The name's extension did not match the content and was replaced. */
  extensionReplaced: boolean;
}

export const defaultMaxPdfNesting = 100;

export function uploadLimitsFromConfig(config: Config): UploadLimits {
  return { maxBytes: config.SIJILL_MAX_UPLOAD_BYTES, maxPages: config.SIJILL_MAX_PAGES, maxPixels: config.SIJILL_MAX_PIXELS };
}

/** Checks an upload by its content; throws SijillError `upload.*` when it must be rejected. */
export async function inspectUpload(bytes: Uint8Array, fileName: string, limits: UploadLimits): Promise<UploadInspection> {
  if (bytes.byteLength === 0) throw new SijillError('upload.empty');
  if (bytes.byteLength > limits.maxBytes) {
    throw new SijillError('upload.too_large', { bytes: bytes.byteLength, maxBytes: limits.maxBytes, maxMegabytes: megabytes(limits.maxBytes) });
  }

  const mediaType = detectMediaType(bytes);
  if (mediaType === undefined) {
    const offset = findLatePdfHeader(bytes);
    if (offset !== undefined) throw new SijillError('upload.header_not_at_start', { offset });
    throw new SijillError('upload.unsupported_type');
  }

  const extension = fileExtensions[mediaType];
  const safeFileName = makeSafeFileName(fileName, extension, knownExtensions[mediaType]);
  const named = { safeFileName, extensionReplaced: !knownExtensions[mediaType].includes(suffixOf(fileName)) };

  if (mediaType === 'application/pdf') return { mediaType, ...(await inspectPdf(bytes, limits)), ...named };
  return { mediaType, ...inspectImage(bytes, mediaType, limits), ...named };
}

type ContentFacts = Omit<UploadInspection, 'mediaType' | 'safeFileName' | 'extensionReplaced'>;

async function inspectPdf(bytes: Uint8Array, limits: UploadLimits): Promise<ContentFacts> {
  const maxNesting = limits.maxPdfNesting ?? defaultMaxPdfNesting;
  const scan = scanPdf(bytes, maxNesting);
  if (scan.maxDepth > maxNesting) throw new SijillError('upload.too_deeply_nested', { maxDepth: maxNesting });
  if (scan.encrypted) throw new SijillError('upload.encrypted');
  if (!scan.hasEndMarker) throw new SijillError('upload.corrupt', { detail: 'no %%EOF marker at the end (truncated)' });

  let document;
  try {
    document = await openPdfDocument(bytes);
  } catch (error) {
    if (errorName(error) === 'PasswordException') throw new SijillError('upload.encrypted', {}, { cause: error });
    throw new SijillError('upload.corrupt', { detail: errorMessage(error) }, { cause: error });
  }
  const pageCount = document.numPages;
  try {
    if (pageCount < 1) throw new SijillError('upload.corrupt', { detail: 'no pages' });
    if (pageCount > limits.maxPages) throw new SijillError('upload.too_many_pages', { pages: pageCount, maxPages: limits.maxPages });
    await checkPageSizes(document, limits.maxPixels);
  } finally {
    await document.destroy();
  }

  return { pageCount, signed: scan.signed, hasSignatureFields: scan.hasSignatureFields, activeContent: scan.activeContent };
}

// Resolution at which OCR rasterizes a scanned page, to turn a page size into pixels.
// NOTE: an estimate. OCRmyPDF rasterizes at the resolution of the page's images,
// so a page of low-resolution images needs fewer pixels than this assumes.
const rasterDpi = 300;

/**
 * Rejects a PDF with a page that would exceed `maxPixels` when rasterized at
 * 300 dpi, such as a 35,000 × 35,000 pixel page that makes OCR fail after
 * minutes and gigabytes. Reads each page dictionary (about 1 ms per page).
 */
async function checkPageSizes(document: PDFDocumentProxy, maxPixels: number): Promise<void> {
  for (let number = 1; number <= document.numPages; number += 1) {
    let width: number;
    let height: number;
    try {
      const page = await document.getPage(number);
      const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
      width = (Math.abs(right - left) * page.userUnit) / 72;
      height = (Math.abs(top - bottom) * page.userUnit) / 72;
    } catch (error) {
      throw new SijillError('upload.corrupt', { detail: `page ${number}: ${errorMessage(error)}` }, { cause: error });
    }
    if (width * rasterDpi * height * rasterDpi > maxPixels) {
      throw new SijillError('upload.page_too_large', { page: number, widthCm: Math.round(width * 2.54), heightCm: Math.round(height * 2.54) });
    }
  }
}

function inspectImage(bytes: Uint8Array, mediaType: ImageMediaType, limits: UploadLimits): ContentFacts {
  let header;
  try {
    header = readImageHeader(bytes, mediaType, limits.maxPages);
  } catch (error) {
    // RangeError: a DataView read past the end of a truncated header.
    if (error instanceof ImageHeaderError || errorName(error) === 'RangeError') {
      throw new SijillError('upload.corrupt', { detail: errorMessage(error) }, { cause: error });
    }
    throw error;
  }
  if (header.pageCount > limits.maxPages) throw new SijillError('upload.too_many_pages', { pages: header.pageCount, maxPages: limits.maxPages });
  if (header.width * header.height > limits.maxPixels) {
    throw new SijillError('upload.too_many_pixels', { width: header.width, height: header.height, maxPixels: limits.maxPixels, maxMegapixels: Math.floor(limits.maxPixels / 1e6) });
  }
  return { ...header, signed: false, hasSignatureFields: false, activeContent: [] };
}

function suffixOf(fileName: string): string {
  const lastPart = fileName.split(/[\\/]/).pop() ?? '';
  const dot = lastPart.lastIndexOf('.');
  return dot > 0 ? lastPart.slice(dot + 1).toLowerCase() : '';
}

function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}

// pdf.js and node errors may come from another realm (Jest's VM), so errors are read by shape.
function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

function errorMessage(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
}
