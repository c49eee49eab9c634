// Page orientation by Tesseract's orientation and script detection (OSD,
// `--psm 0`, Debian's tesseract-ocr-osd). OSD reports how far the page must
// be turned clockwise to be upright (0, 90, 180 or 270 degrees) and a
// confidence in Tesseract's own arbitrary units.
import { readFile } from 'node:fs/promises';
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';
import type { PageSource } from './tesseract.ts';

export type QuarterTurn = 0 | 90 | 180 | 270;

export interface Orientation {
  /** Clockwise turn that makes the page upright. */
  turn: QuarterTurn;
  confidence: number;
}

/**
 * Lowest OSD confidence at which a page is turned. OCRmyPDF 17 uses 14, but
 * on Debian's osd.traineddata the Arabic corpus pages, turned 90°, 180° and
 * 270°, all had their orientation found correctly with confidences of
 * 4.3–12.7, so 14 would leave every sideways Arabic page as it is. On pages
 * of photos and charts (multipage.pdf) a wrong orientation came with at most
 * 0.39. Decision 0023 has the table.
 */
export const minOrientationConfidence = 2;

export interface OrientationRun {
  executable: string;
  source: PageSource;
  /** Path without extension; Tesseract appends ".osd". */
  outputBase: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs OSD on one page; returns undefined when the page has too few characters to tell. */
export async function detectOrientation(run: OrientationRun): Promise<Orientation | undefined> {
  const args = [run.source.input, run.outputBase, '--psm', '0'];
  if (run.source.imageDpi !== undefined) args.push('--dpi', String(run.source.imageDpi));
  if (run.source.pageIndex !== undefined) args.push('-c', `tessedit_page_number=${run.source.pageIndex}`);
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const result = await runProgram(run.executable, args, { timeoutMs: run.timeoutMs, env, signal: run.signal });
  // Tesseract 5.3 exits with 1 and "Too few characters. Skipping this page" on blank pages and pictures.
  if (result.exitCode === 1 && result.stderr.includes('Too few characters')) return undefined;
  if (result.exitCode !== 0) {
    throw new OcrFailure('digitize.failed', { program: 'tesseract (orientation)', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  return parseOsd(await readFile(`${run.outputBase}.osd`, 'utf8'));
}

/** Parses the "Rotate:" and "Orientation confidence:" lines of an .osd file. */
export function parseOsd(osd: string): Orientation | undefined {
  const turn = Number(/^Rotate: (\d+)$/m.exec(osd)?.[1]);
  const confidence = Number(/^Orientation confidence: ([\d.]+)$/m.exec(osd)?.[1]);
  if (!(turn === 0 || turn === 90 || turn === 180 || turn === 270) || Number.isNaN(confidence)) return undefined;
  return { turn, confidence };
}
