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
// Word order in the PDF: Tesseract 5.3 writes a right-to-left line under a
// mirrored text matrix (a negative determinant), each word's characters in
// logical order. pdf.js (Sijill's extractText, Firefox) reads such words
// backwards, and poppler and PDFium (Chrome) read numbers in them backwards
// ("118" as "811"). So the page is rewritten the way OCRmyPDF and other PDF
// writers write Arabic. The characters of each word with Arabic letters are
// put in visual order. Each word of a mirrored line is placed again under the
// unmirrored matrix, at the same place on the page, and drawn left to right.
// pdf.js, poppler and PDFium then all read every word forwards
// (tests/digitize/text-order.test.ts).
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
  const unmirrored = changed.replace(/\bBT\b[\s\S]*?\bET\b/g, (textObject) => unmirrorTextObject(textObject) ?? textObject);
  return context.flateStream(Buffer.from(unmirrored, 'latin1'));
}

/** Advance of every glyph of Tesseract's GlyphLessFont (its /DW), in thousandths of the font size. */
const glyphLessAdvance = 500;
const token = /\[|\]|<[0-9a-fA-F]*>|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z]+/g;

/**
 * Rewrites a text object of Tesseract's whose matrix is mirrored so that each
 * word gets its own unmirrored matrix at the same place. Returns undefined
 * for an object that is not mirrored or contains anything but Tesseract's
 * operators (Tr, Tm, Tf, Tz, Td and TJ arrays of hex strings).
 */
function unmirrorTextObject(textObject: string): string | undefined {
  const out: string[] = [];
  let operands: string[] = [];
  let matrix: number[] | undefined;
  let fontSize = 0;
  let scale = 100;
  let lineX = 0;
  let lineY = 0;
  for (const part of textObject.match(token) ?? []) {
    if (!/^[A-Za-z]+$/.test(part)) {
      operands.push(part);
      continue;
    }
    const numbers = operands.map(Number);
    switch (part) {
      case 'BT':
      case 'ET':
      case 'Tr':
        out.push([...operands, part].join(' '));
        break;
      case 'Tm':
        if (numbers.length !== 6 || numbers.some(Number.isNaN)) return undefined;
        matrix = numbers;
        if ((numbers[0] ?? 0) * (numbers[3] ?? 0) - (numbers[1] ?? 0) * (numbers[2] ?? 0) >= 0) return undefined;
        lineX = 0;
        lineY = 0;
        break;
      case 'Tf':
        fontSize = Number(operands[1]);
        out.push([...operands, part].join(' '));
        break;
      case 'Tz':
        scale = Number(operands[0]);
        out.push([...operands, part].join(' '));
        break;
      case 'Td':
        lineX += numbers[0] ?? 0;
        lineY += numbers[1] ?? 0;
        break;
      case 'TJ': {
        const strings = operands.filter((operand) => operand.startsWith('<'));
        if (matrix === undefined || strings.length !== operands.length - 2) return undefined;
        const codes = strings.reduce((count, hex) => count + (hex.length - 2) / 4, 0);
        const width = (codes * glyphLessAdvance * fontSize * scale) / 100_000;
        out.push(`${unmirroredMatrix(matrix, -lineX - width, lineY)} Tm [ ${strings.join(' ')} ] TJ`);
        break;
      }
      default:
        return undefined;
    }
    operands = [];
  }
  return out.join('\n');
}

/** Returns the matrix with its x axis flipped back and its origin moved to (x, y) of the unflipped text space. */
function unmirroredMatrix(matrix: number[], x: number, y: number): string {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = matrix;
  return [-a, -b, c, d, e - a * x + c * y, f - b * x + d * y].map((n) => Number(n.toFixed(4))).join(' ');
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
