// What Tesseract's hOCR output of one page tells about the page: how sure
// Tesseract was of its words, whether the text lines run up or down the image
// (a page scanned sideways that Tesseract read as vertical text), and how far
// the text lines are skewed. ocr-page.ts uses it to decide whether to ask
// orientation detection and whether to deskew.

export interface PageLayout {
  /** Words that contain a letter or digit. */
  wordCount: number;
  /** Mean of Tesseract's word confidences (0–100) over those words; 0 when there are none. */
  meanConfidence: number;
  /** True when most of the text-line length runs vertically in the image. */
  sideways: boolean;
  /**
   * Clockwise skew of the horizontal text lines in degrees: the median
   * baseline angle weighted by line width. Undefined when no line has a baseline.
   */
  skewDegrees: number | undefined;
}

// Baselines steeper than this are curved lines, stamps or noise, not page skew.
const maxBaselineDegrees = 15;

const wordPattern = /<span class=['"]ocrx_word['"][^>]*?x_wconf (\d+)[^>]*>(.*?)<\/span>/gs;
const linePattern = /class=['"]ocr_(?:line|header|textfloat|caption)['"][^>]*?title="bbox (\d+) (\d+) (\d+) (\d+)(?:; baseline (-?[\d.]+) -?[\d.]+)?/g;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Reads confidence, line direction and skew from the hOCR that Tesseract wrote for one page. */
export function readPageLayout(hocr: string): PageLayout {
  let confidenceSum = 0;
  let wordCount = 0;
  for (const match of hocr.matchAll(wordPattern)) {
    const text = (match[2] ?? '').replace(/<[^>]*>/g, '');
    if (!letterOrDigit.test(text)) continue;
    confidenceSum += Number(match[1]);
    wordCount += 1;
  }

  let verticalLength = 0;
  let horizontalLength = 0;
  const baselines: { degrees: number; width: number }[] = [];
  for (const match of hocr.matchAll(linePattern)) {
    const width = Number(match[3]) - Number(match[1]);
    const height = Number(match[4]) - Number(match[2]);
    if (height > width) {
      verticalLength += height;
      continue;
    }
    horizontalLength += width;
    if (match[5] === undefined) continue;
    const degrees = (Math.atan(Number(match[5])) * 180) / Math.PI;
    if (Math.abs(degrees) <= maxBaselineDegrees) baselines.push({ degrees, width });
  }

  return {
    wordCount,
    meanConfidence: wordCount === 0 ? 0 : confidenceSum / wordCount,
    sideways: verticalLength > horizontalLength,
    skewDegrees: weightedMedian(baselines),
  };
}

function weightedMedian(values: { degrees: number; width: number }[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a.degrees - b.degrees);
  const half = sorted.reduce((sum, value) => sum + value.width, 0) / 2;
  let accumulated = 0;
  for (const value of sorted) {
    accumulated += value.width;
    if (accumulated >= half) return value.degrees;
  }
  return sorted[sorted.length - 1]?.degrees;
}
