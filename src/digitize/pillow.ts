// Wrapper for Pillow, run by the Python of OCRmyPDF's virtual environment
// (.tools/venv/bin/python, beside the ocrmypdf executable). OCRmyPDF rejects
// images with an alpha channel, so such scans are flattened onto white first.
import path from 'node:path';
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';

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
