// OCR of one page, turned upright and deskewed where needed. Tesseract first
// reads the page as it is, because most pages arrive upright and nearly
// straight, and then that one run is all the page costs. Its hOCR shows
// whether to look further:
//
//   read as it is ──▶ sideways lines or mean word confidence < 60?
//        │                 │ yes
//        │                 ▼
//        │          OSD (orientation.ts): turn ≥ 2 confidence?
//        │                 │ yes
//        │                 ▼
//        │          turn the pixels, read again; keep the turned reading
//        │          unless it is less confident than the first, upright one
//        ▼
//   text lines skewed by 1° or more? ──▶ under 1.5°: keep the reading and
//                                        turn the page back in the PDF
//                                        1.5° or more: rotate the pixels
//                                        back, read again
//
// Upright pages read by Tesseract 5.3 with Debian's models had mean word
// confidences of 85–96 on the corpus pages, and the same pages upside down
// or sideways 28–40, so 60 separates the two with a wide margin. A page
// below 60 that is upright only costs an OSD run. Below 1° of skew the page
// is left as scanned: Tesseract's line finder follows such lines, and
// resampling blurs glyph edges. From 1° to 1.5° the first reading is kept,
// and the content matrix of the PDF page (pdfa.ts) turns image and text layer
// back together. A second reading of the straightened pixels read the 1.26°
// licence scan 0.9 points better, but took three times as long as bare
// Tesseract. At 1.9° a two-column English page
// read once came out with its lines in the wrong order (38% against 1.1%),
// so larger skews are read again. Decision 0023 has the measurements.
import { readFile } from 'node:fs/promises';
import { detectOrientation, minOrientationConfidence, type QuarterTurn } from './orientation.ts';
import { readPageLayout, type PageLayout } from './page-layout.ts';
import { straightenPage } from './pillow.ts';
import { runTesseract, type PageSource } from './tesseract.ts';

/** Mean word confidence below which orientation detection runs. */
export const minUprightConfidence = 60;
/** Smallest skew, in degrees, that is corrected. */
export const minDeskewDegrees = 1;
/** Smallest skew, in degrees, for which the straightened pixels are read again. */
export const minRereadDegrees = 1.5;

export interface PageOcrRun {
  tesseract: string;
  /** Python with Pillow, for turning and deskewing. */
  python: string;
  source: PageSource;
  /** Path prefix for this page's files in the work folder. */
  outputBase: string;
  /** Tesseract languages joined by '+'. */
  languages: string;
  /** performance.now() value at which the document's time limit passes. */
  deadline: number;
  signal?: AbortSignal;
}

export interface PageOcrResult {
  /** Tesseract's one-page PDF of the page as finally read. */
  pdfFile: string;
  /** Recognized text, without Tesseract's closing form feed. */
  text: string;
  /** Clockwise turn applied to make the page upright. */
  turn: QuarterTurn;
  /** Clockwise skew that was corrected, in degrees; 0 when the page was left as it was. */
  deskewDegrees: number;
  /**
   * Counter-clockwise turn, in degrees, that the PDF page's content matrix
   * must apply: the skew corrected without a second reading, else 0.
   */
  contentRotationDegrees: number;
}

interface Reading {
  base: string;
  layout: PageLayout;
}

/** OCRs one page, turning it upright and deskewing it first when its first reading shows the need. */
export async function ocrPage(run: PageOcrRun): Promise<PageOcrResult> {
  const remaining = (): number => Math.max(1, run.deadline - performance.now());
  const read = async (source: PageSource, base: string): Promise<Reading> => {
    await runTesseract({ executable: run.tesseract, source, outputBase: base, languages: run.languages, timeoutMs: remaining(), signal: run.signal });
    return { base, layout: readPageLayout(await readFile(`${base}.hocr`, 'utf8')) };
  };
  const straighten = (turn: QuarterTurn, skewDegrees: number, name: string): Promise<PageSource> =>
    straightenPage({ python: run.python, source: run.source, target: `${run.outputBase}-${name}.png`, turn, skewDegrees, timeoutMs: remaining(), signal: run.signal });

  let reading = await read(run.source, `${run.outputBase}-as-scanned`);
  let turn: QuarterTurn = 0;
  if (reading.layout.sideways || reading.layout.meanConfidence < minUprightConfidence) {
    const orientation = await detectOrientation({ executable: run.tesseract, source: run.source, outputBase: `${run.outputBase}-orientation`, timeoutMs: remaining(), signal: run.signal });
    if (orientation !== undefined && orientation.turn !== 0 && orientation.confidence >= minOrientationConfidence) {
      const turned = await read(await straighten(orientation.turn, 0, 'turned'), `${run.outputBase}-turned`);
      // A wrong orientation reads worse than the right one, so OSD's choice is
      // checked against the first reading unless that one ran sideways.
      if (reading.layout.sideways || turned.layout.meanConfidence >= reading.layout.meanConfidence) {
        reading = turned;
        turn = orientation.turn;
      }
    }
  }

  const skew = reading.layout.sideways ? undefined : reading.layout.skewDegrees;
  let deskewDegrees = 0;
  let contentRotationDegrees = 0;
  if (skew !== undefined && Math.abs(skew) >= minDeskewDegrees) {
    if (Math.abs(skew) >= minRereadDegrees) {
      reading = await read(await straighten(turn, skew, 'straight'), `${run.outputBase}-straight`);
    } else {
      contentRotationDegrees = skew;
    }
    deskewDegrees = skew;
  }

  // Tesseract ends each page's text with a form feed.
  const text = (await readFile(`${reading.base}.txt`, 'utf8')).replace(/\f$/, '');
  return { pdfFile: `${reading.base}.pdf`, text, turn, deskewDegrees, contentRotationDegrees };
}
