// Rasterizes the pages of a scanned PDF for Tesseract with poppler-utils
// (Debian's poppler-utils 22): `pdfimages -list` gives the resolution and
// colour of the images on each page, and `pdftoppm` renders one page at that
// resolution as a TIFF, so a scanned page keeps its own pixel grid and is
// not resampled. pdftoppm applies the page's /Rotate and decodes JBIG2 and
// CCITT images itself.
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';
import type { PageSource } from './tesseract.ts';

export type RasterColour = 'mono' | 'gray' | 'colour';

export interface PageRaster {
  /** Resolution at which to render the page, in dpi. */
  dpi: number;
  /** 1-bit when every image on the page is 1-bit, grey when every image is grey, otherwise RGB. */
  colour: RasterColour;
}

/** Size of a page in PDF points, after its /Rotate. */
export interface PageSize {
  width: number;
  height: number;
}

/** Resolution for pages without images, such as vector forms. */
const defaultDpi = 300;
const minDpi = 100;
const maxDpi = 600;

export interface RasterLimits {
  /** Largest page in megapixels, for 1-bit and grey pages. */
  maxMegapixels: number;
  /** Largest page in megapixels when it is rendered in colour, which takes Tesseract about three times the memory. */
  maxColourMegapixels: number;
}

/**
 * Lists the resolution and colour at which each page should be rendered: the
 * highest resolution of its images, within 100–600 dpi, and lower still when
 * the page would have more megapixels than `limits` allow at that resolution.
 */
export async function planRasters(pdfFile: string, pages: readonly PageSize[], limits: RasterLimits, timeoutMs: number): Promise<PageRaster[]> {
  const result = await runProgram('pdfimages', ['-list', pdfFile], { timeoutMs, captureStdout: true });
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'pdfimages', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  const images = parseImageList(result.stdout);
  return pages.map((size, index) => {
    const onPage = images.filter((image) => image.page === index + 1);
    const imageDpi = Math.max(0, ...onPage.map((image) => image.ppi));
    let colour: RasterColour = 'colour';
    if (onPage.length > 0 && onPage.every((image) => image.bits === 1)) colour = 'mono';
    else if (onPage.length > 0 && onPage.every((image) => image.gray)) colour = 'gray';
    const maxMegapixels = colour === 'colour' ? limits.maxColourMegapixels : limits.maxMegapixels;
    let dpi = imageDpi === 0 ? defaultDpi : Math.min(maxDpi, Math.max(minDpi, Math.round(imageDpi)));
    const megapixels = ((size.width / 72) * dpi * (size.height / 72) * dpi) / 1e6;
    if (megapixels > maxMegapixels) dpi = Math.floor(dpi * Math.sqrt(maxMegapixels / megapixels));
    return { dpi, colour };
  });
}

interface ListedImage {
  page: number;
  ppi: number;
  bits: number;
  gray: boolean;
}

/**
 * Parses the table of `pdfimages -list`: page, num, type, width, height,
 * color, comp, bpc, enc, interp, object, ID, x-ppi, y-ppi, size, ratio.
 * Soft masks and stencil masks are left out, because they are not what the page shows.
 */
export function parseImageList(listing: string): ListedImage[] {
  const images: ListedImage[] = [];
  for (const line of listing.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 14 || !/^\d+$/.test(fields[0] ?? '') || fields[2] !== 'image') continue;
    images.push({
      page: Number(fields[0]),
      ppi: Math.max(Number(fields[12]), Number(fields[13])) || 0,
      bits: Number(fields[7]),
      gray: fields[5] === 'gray',
    });
  }
  return images;
}

export interface RasterizeRun {
  pdfFile: string;
  /** Page number, from 1. */
  page: number;
  raster: PageRaster;
  /** Path without extension; ".tif" is appended. */
  outputBase: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Renders one page as an LZW-compressed TIFF that declares its resolution. */
export async function rasterizePage(run: RasterizeRun): Promise<PageSource> {
  const args = ['-r', String(run.raster.dpi), '-f', String(run.page), '-l', String(run.page), '-tiff', '-tiffcompression', 'lzw', '-singlefile'];
  if (run.raster.colour === 'mono') args.push('-mono');
  if (run.raster.colour === 'gray') args.push('-gray');
  args.push(run.pdfFile, run.outputBase);
  const result = await runProgram('pdftoppm', args, { timeoutMs: run.timeoutMs, signal: run.signal });
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'pdftoppm', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  return { input: `${run.outputBase}.tif` };
}
