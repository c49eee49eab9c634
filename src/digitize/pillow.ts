// Wrapper for Pillow, run by the Python of OCRmyPDF's virtual environment
// (.tools/venv/bin/python, beside the ocrmypdf executable). Scans with an
// alpha channel are flattened onto white first, scans above the pixel limits
// are shrunk, and pages found sideways, upside down or skewed are turned and
// deskewed before they are OCRed again.
import path from 'node:path';
import { OcrFailure } from './ocr-failure.ts';
import type { QuarterTurn } from './orientation.ts';
import { runProgram } from './run-program.ts';
import type { PageSource } from './tesseract.ts';

// Pastes the image onto a white background and saves it as PNG, keeping the DPI it declares.
const flattenScript = `
import sys
from PIL import Image
source, target = sys.argv[1], sys.argv[2]
with Image.open(source) as image:
    image.load()
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
    options = {"dpi": image.info["dpi"]} if "dpi" in image.info else {}
    background.save(target, "PNG", **options)
`;

/** Returns the Python interpreter of the virtual environment that contains `ocrmypdf`. */
export function pythonBeside(ocrmypdf: string): string {
  return path.join(path.dirname(ocrmypdf), 'python');
}

/** Writes `target` as an RGB PNG of `source` flattened onto white. */
export async function flattenAlpha(python: string, source: string, target: string, timeoutMs: number): Promise<void> {
  const result = await runProgram(python, ['-c', flattenScript, source, target], { timeoutMs });
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'python (Pillow)', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
}

// Turns page PAGE of the image clockwise by a multiple of 90 degrees (a
// lossless transpose), then rotates it counter-clockwise by SKEW degrees with
// bicubic resampling onto white, keeping the size, and saves it as PNG with
// the DPI it declares. Bilevel and palette pages become grey or RGB only when
// they are resampled. The PNG is read only by Tesseract, which re-encodes the
// pixels in its PDF, so the fastest zlib level is used.
const straightenScript = `
import sys
from PIL import Image
source, page, target, turn, skew = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
transposes = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
with Image.open(source) as image:
    image.seek(page)
    image.load()
    dpi = image.info.get("dpi")
    if turn in transposes:
        image = image.transpose(transposes[turn])
        if dpi and turn != 180:
            dpi = (dpi[1], dpi[0])
    if skew != 0:
        if image.mode not in ("L", "RGB"):
            image = image.convert("L" if image.mode in ("1", "I", "I;16", "F") else "RGB")
        white = 255 if image.mode == "L" else (255, 255, 255)
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=white)
    options = {"dpi": dpi} if dpi else {}
    image.save(target, "PNG", compress_level=1, **options)
`;

export interface StraightenRun {
  python: string;
  source: PageSource;
  /** PNG file to write. */
  target: string;
  /** Clockwise turn that makes the page upright. */
  turn: QuarterTurn;
  /** Clockwise skew of the text lines after the turn, in degrees; the page is rotated back by it. */
  skewDegrees: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Writes the page turned upright and deskewed as a PNG; returns the page as Tesseract should read it. */
export async function straightenPage(run: StraightenRun): Promise<PageSource> {
  const args = ['-c', straightenScript, run.source.input, String(run.source.pageIndex ?? 0), run.target, String(run.turn), String(run.skewDegrees)];
  const result = await runProgram(run.python, args, { timeoutMs: run.timeoutMs, signal: run.signal });
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'python (Pillow)', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  return { input: run.target, imageDpi: run.source.imageDpi };
}

// Shrinks an image above its limit: MAX_COLOUR pixels for colour images, MAX
// for grey and 1-bit ones, for which Tesseract needs about a third of the
// memory. Lanczos resampling; the resolution the image declares is scaled by
// the same factor, so the page keeps its size on paper. Colour is saved as a
// JPEG of quality 92 (BASE.jpg), grey as PNG (BASE.png). JPEG sources are
// decoded at a reduced DCT scale first (Pillow's draft mode), which is faster.
const reduceScript = `
import json, math, sys
from PIL import Image
source, base, max_colour, max_grey = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with Image.open(source) as image:
    width, height = image.size
    colour = image.mode not in ("1", "L", "LA", "I", "I;16", "F")
    limit = max_colour if colour else max_grey
    if width * height <= limit:
        print(json.dumps({"reduced": False}))
        sys.exit(0)
    scale = math.sqrt(limit / (width * height))
    size = (max(1, int(width * scale)), max(1, int(height * scale)))
    dpi = image.info.get("dpi")
    mode = "RGB" if colour else "L"
    image.draft(mode, size)
    if image.mode != mode:
        image = image.convert(mode)
    reduced = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
options = {"dpi": (dpi[0] * scale, dpi[1] * scale)} if dpi else {}
target = base + (".jpg" if colour else ".png")
if colour:
    reduced.save(target, "JPEG", quality=92, **options)
else:
    reduced.save(target, "PNG", compress_level=1, **options)
print(json.dumps({"reduced": True, "file": target, "width": size[0], "height": size[1]}))
`;

export interface ReduceRun {
  python: string;
  source: string;
  /** Path without extension of the image written when it is reduced. */
  targetBase: string;
  /** Limits in pixels: for colour images, and for grey and 1-bit ones. */
  maxColourPixels: number;
  maxPixels: number;
  timeoutMs: number;
}

export interface ReduceResult {
  reduced: boolean;
  /** The reduced image, with its size, when the source was above its limit. */
  file?: string;
  width?: number;
  height?: number;
}

/** Shrinks an image above its limit; writes a file and returns it only when it did. */
export async function reduceImage(run: ReduceRun): Promise<ReduceResult> {
  const args = ['-c', reduceScript, run.source, run.targetBase, String(Math.floor(run.maxColourPixels)), String(Math.floor(run.maxPixels))];
  const result = await runProgram(run.python, args, { timeoutMs: run.timeoutMs, captureStdout: true });
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'python (Pillow)', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  return JSON.parse(result.stdout) as ReduceResult;
}
