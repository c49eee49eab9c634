// PDF string and date encodings for the values Sijill writes into signature
// dictionaries and form fields.
import { PDFHexString, PDFString, type PDFObject } from 'pdf-lib';

/**
 * Encodes a PDF text string. Printable ASCII becomes a literal string; any
 * other text (Arabic reasons, names, locations) becomes a UTF-16BE hex string
 * with a byte order mark, because pdf-lib's PDFString.of writes Latin-1 only.
 */
export function pdfTextString(text: string): PDFObject {
  if (/^[\x20-\x7e]*$/.test(text)) return PDFString.of(text.replace(/([()\\])/g, '\\$1'));
  return PDFHexString.of(utf16BeHex(text));
}

function utf16BeHex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}

/** Decodes a PDF text string's bytes: UTF-16BE with a byte order mark, UTF-8 with one, else PDFDocEncoding (read as Latin-1). */
export function decodePdfText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return text;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  return Buffer.from(bytes).toString('latin1');
}

/** Formats a date as a PDF date string in UTC, e.g. `D:20260104093000Z`. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Parses a PDF date string (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional); returns undefined when malformed. */
export function parsePdfDate(text: string): Date | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?(?:\d{2}'?)?)?/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone] = match;
  let offset = 'Z';
  if (zone && !/^[Zz]$/.test(zone)) {
    const digits = zone.replace(/'/g, '');
    offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
