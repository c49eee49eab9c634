// Finds signature dictionaries in the raw bytes of a PDF. A signature
// dictionary is always a plain (uncompressed) object, because its /ByteRange
// names file offsets around its own /Contents; so a scan for objects holding
// /ByteRange finds every signature, also in files too damaged for a full
// parser, and gives the exact offsets of each definition. The same object
// number may be defined again in a later revision (an attack rewrites /Reason
// this way), so every definition is kept.
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObjectParser, PDFString, type PDFObject } from 'pdf-lib';
import { decodePdfText } from './pdf-text.ts';

export interface ObjectHeader {
  objectNumber: number;
  generation: number;
  /** Offset of the first digit of `N G obj`. */
  offset: number;
  /** Offset just after `obj`. */
  bodyStart: number;
}

export interface SignatureDictionary {
  objectNumber: number;
  offset: number;
  /** Offset one past `endobj`. */
  end: number;
  type: string | null;
  subFilter: string | null;
  byteRange: number[] | null;
  contents: Uint8Array | null;
  /** Offset of the `<` that opens /Contents, and one past its `>`. */
  contentsStart: number | null;
  contentsEnd: number | null;
  signingTime: string | null;
  reason: string | null;
  location: string | null;
  name: string | null;
  /** /P of a DocMDP transform: 1 no changes, 2 form filling and signing, 3 also annotations. */
  docMdpPermission: number | null;
}

/** Most signature dictionaries read from one file; the rest are ignored. */
export const maxSignatures = 100;

/** `N G` just before `obj`, at the end of a short window. */
const headerTail = /(?:^|[^\d])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+$/;

/**
 * Lists `N G obj` headers in order of offset. Finds each `obj` keyword
 * first and reads the numbers before it: a regular expression that starts
 * at every digit would crawl through the long zero-padded hex of signature
 * /Contents.
 */
export function scanObjectHeaders(text: string, from = 0, to = text.length): ObjectHeader[] {
  const headers: ObjectHeader[] = [];
  for (let at = text.indexOf('obj', from); at >= 0 && at < to; at = text.indexOf('obj', at + 3)) {
    if (/[A-Za-z0-9]/.test(text[at + 3] ?? ' ')) continue;
    const windowStart = Math.max(from, at - 24);
    const match = headerTail.exec(text.slice(windowStart, at));
    if (!match?.[1] || !match[2]) continue;
    headers.push({ objectNumber: Number(match[1]), generation: Number(match[2]), offset: numberStart(at, match), bodyStart: at + 3 });
  }
  return headers;
}

function numberStart(objAt: number, match: RegExpExecArray): number {
  // The match may begin with the one non-digit character before the object number.
  const matchStart = objAt - match[0].length;
  return /\d/.test(match[0][0] ?? '') ? matchStart : matchStart + 1;
}

/** Finds every object definition that contains /ByteRange and parses it. */
export function scanSignatureDictionaries(text: string, headers: ObjectHeader[]): SignatureDictionary[] {
  const found: SignatureDictionary[] = [];
  const context = PDFContext.create();
  let headerIndex = 0;
  for (let at = text.indexOf('/ByteRange'); at >= 0 && found.length < maxSignatures; at = text.indexOf('/ByteRange', at + 1)) {
    while (headerIndex + 1 < headers.length && (headers[headerIndex + 1]?.offset ?? Infinity) < at) headerIndex++;
    const header = headers[headerIndex];
    if (!header || header.offset > at) continue;
    const endAt = text.indexOf('endobj', header.bodyStart);
    if (endAt >= 0 && endAt < at) continue;
    const end = endAt < 0 ? text.length : endAt + 'endobj'.length;
    if (found.some((sig) => sig.offset === header.offset)) continue;
    found.push(parseSignatureDictionary(text, header, end, context));
  }
  return found;
}

/**
 * Keeps one definition per signature object: the one inside its own signed
 * range (a later redefinition shows up as a change after signing).
 */
export function selectSignedDefinitions(definitions: SignatureDictionary[]): SignatureDictionary[] {
  const byObject = new Map<number, SignatureDictionary[]>();
  for (const definition of definitions) {
    const list = byObject.get(definition.objectNumber) ?? [];
    list.push(definition);
    byObject.set(definition.objectNumber, list);
  }
  const selected: SignatureDictionary[] = [];
  for (const list of byObject.values()) {
    const signed = list.find((definition) => definition.byteRange?.[1] === definition.contentsStart);
    selected.push(signed ?? list[0] as SignatureDictionary);
  }
  return selected.sort((a, b) => a.offset - b.offset);
}

function parseSignatureDictionary(text: string, header: ObjectHeader, end: number, context: PDFContext): SignatureDictionary {
  const result: SignatureDictionary = {
    objectNumber: header.objectNumber, offset: header.offset, end, type: null, subFilter: null, byteRange: null,
    contents: null, contentsStart: null, contentsEnd: null, signingTime: null, reason: null, location: null, name: null,
    docMdpPermission: null,
  };
  const body = text.slice(header.bodyStart, end - 'endobj'.length);
  // The hex /Contents (16 KiB or more, mostly zero padding) is cut out before parsing and decoded here:
  // pdf-lib's hex string parser costs more than the rest of a validation.
  const hexContents = /\/Contents[ \t\r\n\f\0]*<(?!<)([0-9A-Fa-f \t\r\n\f\0]*)>/.exec(body);
  const parsedBody = hexContents ? `${body.slice(0, hexContents.index)}/Contents <>${body.slice(hexContents.index + hexContents[0].length)}` : body;
  let dict: PDFObject;
  try {
    dict = PDFObjectParser.forBytes(Buffer.from(parsedBody, 'latin1'), context).parseObject();
  } catch {
    return result;
  }
  if (!(dict instanceof PDFDict)) return result;

  result.type = nameOf(dict.get(PDFName.of('Type')));
  result.subFilter = nameOf(dict.get(PDFName.of('SubFilter')));
  const byteRange = dict.get(PDFName.of('ByteRange'));
  if (byteRange instanceof PDFArray) {
    const numbers = byteRange.asArray().map((entry) => (entry instanceof PDFNumber ? entry.asNumber() : Number.NaN));
    if (numbers.every((n) => Number.isInteger(n) && n >= 0)) result.byteRange = numbers;
  }
  const contents = dict.get(PDFName.of('Contents'));
  if (contents instanceof PDFHexString && hexContents) {
    result.contents = decodeHex(hexContents[1] ?? '');
    const open = hexContents.index + hexContents[0].indexOf('<');
    result.contentsStart = header.bodyStart + open;
    result.contentsEnd = header.bodyStart + hexContents.index + hexContents[0].length;
  } else if (contents instanceof PDFString) {
    result.contents = contents.asBytes();
  }
  result.signingTime = textOf(dict.get(PDFName.of('M')));
  result.reason = textOf(dict.get(PDFName.of('Reason')));
  result.location = textOf(dict.get(PDFName.of('Location')));
  result.name = textOf(dict.get(PDFName.of('Name')));
  result.docMdpPermission = docMdpPermission(dict);
  return result;
}

/** Reads /P of a direct DocMDP /Reference entry; indirect references are not followed (no full parser here). */
function docMdpPermission(dict: PDFDict): number | null {
  const references = dict.get(PDFName.of('Reference'));
  if (!(references instanceof PDFArray)) return null;
  for (const reference of references.asArray()) {
    if (!(reference instanceof PDFDict) || nameOf(reference.get(PDFName.of('TransformMethod'))) !== 'DocMDP') continue;
    const params = reference.get(PDFName.of('TransformParams'));
    const permission = params instanceof PDFDict ? params.get(PDFName.of('P')) : undefined;
    return permission instanceof PDFNumber ? permission.asNumber() : 2;
  }
  return null;
}

/** Decodes a PDF hex string body: white space is ignored and an odd final digit is followed by 0 (ISO 32000-1 7.3.4.3). */
function decodeHex(hex: string): Uint8Array {
  const digits = hex.replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(digits.length % 2 === 1 ? `${digits}0` : digits, 'hex');
}

function nameOf(object: PDFObject | undefined): string | null {
  return object instanceof PDFName ? object.decodeText() : null;
}

function textOf(object: PDFObject | undefined): string | null {
  if (object instanceof PDFString || object instanceof PDFHexString) return decodePdfText(object.asBytes());
  return null;
}
