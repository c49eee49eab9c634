// Text of a PDF read with pdf.js, for files that must not be rewritten
// (signed PDFs) and for pages OCRmyPDF kept with their own text. poppler's
// pdftotext is not used, because it reads digits in an Arabic OCR layer
// in reverse order.
import type { TextItem } from 'pdfjs-dist/types/src/display/api.d.ts';
import { openPdfDocument } from '../intake/pdf-document.ts';

/** Page separator in extracted text, the same as in OCRmyPDF's sidecar. */
export const pageSeparator = '\f';

export interface ExtractedText {
  /** Text of each page, in page order. */
  pages: string[];
  /** The pages joined with form feeds. */
  text: string;
}

/** Extracts the text layer of every page without changing the file. */
export async function extractText(pdf: Uint8Array): Promise<ExtractedText> {
  const document = await openPdfDocument(pdf);
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(joinTextItems(content.items.filter((item) => 'str' in item)));
      page.cleanup();
    }
    return { pages, text: pages.join(pageSeparator) };
  } finally {
    await document.destroy();
  }
}

/**
 * Joins pdf.js text items into lines. OCR text layers draw each word as its
 * own item without space glyphs, so a space goes between two items on one
 * line when the horizontal gap between them exceeds 15% of the font size.
 * The gap is measured either way, because Arabic words run right to left.
 */
function joinTextItems(items: TextItem[]): string {
  let text = '';
  let previous: TextItem | undefined;
  for (const item of items) {
    if (previous !== undefined && !previous.hasEOL && needsSpace(previous, item)) text += ' ';
    text += item.str;
    if (item.hasEOL) text += '\n';
    previous = item;
  }
  return text.trim();
}

function needsSpace(previous: TextItem, next: TextItem): boolean {
  if (/\s$/.test(previous.str) || /^\s/.test(next.str) || previous.str === '' || next.str === '') return false;
  const previousX = previous.transform[4] ?? 0;
  const nextX = next.transform[4] ?? 0;
  const fontSize = Math.hypot(next.transform[0] ?? 0, next.transform[1] ?? 0) || next.height || 1;
  const gap = Math.max(nextX - (previousX + previous.width), previousX - (nextX + next.width));
  return gap > 0.15 * fontSize;
}
