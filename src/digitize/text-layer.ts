// Corrections to the text of Tesseract's output, applied to the recognized
// text and to the text layer of Tesseract's PDF pages so that both agree.
//
// Arabic comma: the comma U+060C is missing from the character set of
// Debian's Arabic model (tesseract-ocr-ara 4.1.0, "4.00.00alpha:ara:
// synth20170629"), so Tesseract prints every Arabic comma as a Latin one or
// as another mark. A Latin comma written directly after an Arabic letter is
// an Arabic comma in Arabic typesetting, so those are turned back. Other Latin
// commas (English text, numbers such as "1,5") stay as they are.
//
// Word order in the PDF: Tesseract 5.3 writes an Arabic word's characters in
// logical order under a mirrored text matrix. pdf.js (and so Sijill's
// extractText and Firefox) takes the characters of a right-to-left item to
// be in visual order and reverses them, which returned every Arabic word
// backwards. The characters of words with Arabic letters are therefore
// stored in visual order, as other PDF writers do.
// NOTE: poppler's pdftotext reads the mirrored matrix and now returns such
// words reversed; pdf.js is the reader Sijill uses.
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFPage, type PDFStream } from 'pdf-lib';

const arabicLetter = '\\u0620-\\u064a\\u066e-\\u066f\\u0671-\\u06d3\\u06d5\\u06ee-\\u06ef\\u06fa-\\u06fc\\u06ff';
// An Arabic letter, optionally followed by diacritics (harakat, dagger alif), then a Latin comma.
const commaAfterArabicLetter = new RegExp(`(?<=[${arabicLetter}][\\u064b-\\u065f\\u0670]*),`, 'g');
const containsArabicLetter = new RegExp(`[${arabicLetter}]`);

/** Replaces each Latin comma that directly follows an Arabic letter with the Arabic comma. */
export function restoreArabicCommas(text: string): string {
  return text.replace(commaAfterArabicLetter, '\u060c');
}

export interface TextLayerCorrections {
  /** Apply `restoreArabicCommas` to each word. */
  arabicCommas: boolean;
}

/**
 * Rewrites the text layer of a page written by Tesseract's PDF renderer. It
 * writes each word as a hex string of UTF-16 code units in GlyphLessFont,
 * whose character codes are the code units themselves (Identity-H, identity
 * ToUnicode), so words can be changed in place without touching the font.
 */
export function correctTextLayer(page: PDFPage, corrections: TextLayerCorrections): void {
  const context = page.doc.context;
  const contents = page.node.Contents();
  if (contents === undefined) return;
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const rewritten = streams.map((entry) => {
    const stream = entry instanceof PDFRef ? context.lookup(entry) : entry;
    if (!(stream instanceof PDFRawStream)) return entry;
    return context.register(rewriteContent(context, stream, corrections));
  });
  page.node.set(PDFName.of('Contents'), context.obj(rewritten));
}

function rewriteContent(context: PDFContext, stream: PDFRawStream, corrections: TextLayerCorrections): PDFStream {
  const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const changed = content.replace(/<([0-9a-fA-F]+)>/g, (hexString, hex: string) => {
    const word = decodeUtf16Hex(hex);
    let corrected = corrections.arabicCommas ? restoreArabicCommas(word) : word;
    if (containsArabicLetter.test(corrected)) corrected = Array.from(corrected).reverse().join('');
    return corrected === word ? hexString : `<${encodeUtf16Hex(corrected)}>`;
  });
  return context.flateStream(Buffer.from(changed, 'latin1'));
}

function decodeUtf16Hex(hex: string): string {
  let text = '';
  for (let index = 0; index + 4 <= hex.length; index += 4) text += String.fromCharCode(Number.parseInt(hex.slice(index, index + 4), 16));
  return text;
}

function encodeUtf16Hex(text: string): string {
  let hex = '';
  for (let index = 0; index < text.length; index += 1) hex += text.charCodeAt(index).toString(16).padStart(4, '0');
  return hex;
}
