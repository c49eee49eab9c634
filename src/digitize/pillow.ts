// Wrapper for Pillow, run by the Python of OCRmyPDF's virtual environment
// (.tools/venv/bin/python, beside the ocrmypdf executable). Scans with an
// alpha channel are flattened onto white first, and pages found sideways,
// upside down or skewed are turned and deskewed before they are OCRed again.
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
