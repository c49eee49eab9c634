// A single linear pass over the raw bytes of a PDF that finds what intake
// must know before any PDF library parses the file:
//  - the deepest nesting of arrays and dictionaries (deeply nested objects
//    overflow the stack of recursive parsers, pdf.js 5 among them);
//  - names that mark encryption, signatures and active content, with `#xx`
//    escapes decoded so `/J#61vaScript` counts as `/JavaScript`;
//  - the same inside Flate-compressed object streams, where a file can hide
//    its dictionaries from a plain byte search.
// The pass is iterative and stops at the nesting limit, so time is linear in
// the file size and memory is bounded by the inflate limit.
import { inflateSync } from 'node:zlib';

export type ActiveContentKind = 'javascript' | 'launch' | 'embedded_file' | 'rich_media' | 'xfa_form' | 'submit_form';

export interface PdfScan {
  /** Deepest nesting seen, capped at the limit plus one. */
  maxDepth: number;
  encrypted: boolean;
  /** A signature dictionary (/ByteRange) is present. */
  signed: boolean;
  /** The form declares signature fields (/SigFlags), signed or still empty. */
  hasSignatureFields: boolean;
  activeContent: ActiveContentKind[];
  /** A `%%EOF` marker closes the file (within its last KiB). */
  hasEndMarker: boolean;
}

const activeNames: Record<string, ActiveContentKind> = {
  JavaScript: 'javascript',
  JS: 'javascript',
  Launch: 'launch',
  EmbeddedFile: 'embedded_file',
  EmbeddedFiles: 'embedded_file',
  RichMedia: 'rich_media',
  XFA: 'xfa_form',
  SubmitForm: 'submit_form',
};

// Upper bound on the bytes one object stream may inflate to; larger streams are scanned no further.
const maxInflatedBytes = 32 * 1024 * 1024;

/** Scans a whole PDF file; `maxDepth` is the deepest nesting to accept. */
export function scanPdf(bytes: Uint8Array, maxDepth: number): PdfScan {
  const state: ScanState = { maxDepth: 0, names: new Set(), limit: maxDepth };
  lex(bytes, state, true);

  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 1024));
  const activeContent = new Set<ActiveContentKind>();
  for (const name of state.names) {
    const kind = activeNames[name];
    if (kind !== undefined) activeContent.add(kind);
  }
  return {
    maxDepth: state.maxDepth,
    encrypted: state.names.has('Encrypt'),
    signed: state.names.has('ByteRange'),
    hasSignatureFields: state.names.has('SigFlags'),
    activeContent: [...activeContent].sort(),
    hasEndMarker: tail.includes('%%EOF', 0, 'latin1'),
  };
}

interface ScanState {
  maxDepth: number;
  names: Set<string>;
  limit: number;
}

const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const delimiters = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function isRegular(byte: number | undefined): boolean {
  return byte !== undefined && !whitespace.has(byte) && !delimiters.has(byte);
}

/**
 * Lexes PDF tokens, tracking depth and collecting names. With `topLevel`, it
 * skips stream data and lexes the inflated data of object streams; object
 * streams themselves contain no streams.
 */
function lex(bytes: Uint8Array, state: ScanState, topLevel: boolean): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  // Names seen since the last `obj` keyword, to tell an object stream by its dictionary.
  let objectNames = new Set<string>();
  let index = 0;

  while (index < bytes.byteLength) {
    const byte = bytes[index] as number;
    if (byte === 0x25) {
      // % comment, to the end of the line
      while (index < bytes.byteLength && bytes[index] !== 0x0a && bytes[index] !== 0x0d) index += 1;
    } else if (byte === 0x28) {
      index = skipLiteralString(bytes, index);
      continue;
    } else if (byte === 0x3c && bytes[index + 1] !== 0x3c) {
      const end = buffer.indexOf(0x3e, index);
      index = end < 0 ? bytes.byteLength : end + 1;
      continue;
    } else if (byte === 0x5b || byte === 0x3c) {
      depth += 1;
      if (depth > state.maxDepth) state.maxDepth = depth;
      if (depth > state.limit) return;
      index += byte === 0x3c ? 2 : 1;
      continue;
    } else if (byte === 0x5d || byte === 0x3e) {
      depth = Math.max(0, depth - 1);
      index += byte === 0x3e && bytes[index + 1] === 0x3e ? 2 : 1;
      continue;
    } else if (byte === 0x2f) {
      let end = index + 1;
      while (isRegular(bytes[end])) end += 1;
      const name = decodeName(buffer.toString('latin1', index + 1, end));
      state.names.add(name);
      objectNames.add(name);
      index = end;
      continue;
    } else if (isRegular(byte)) {
      let end = index + 1;
      while (isRegular(bytes[end])) end += 1;
      const keyword = buffer.toString('latin1', index, end);
      if (keyword === 'obj') objectNames = new Set();
      if (keyword === 'stream' && topLevel) {
        const dataStart = end;
        const dataEnd = buffer.indexOf('endstream', dataStart, 'latin1');
        if (objectNames.has('ObjStm')) scanObjectStream(bytes.subarray(dataStart, dataEnd < 0 ? bytes.byteLength : dataEnd), objectNames, state);
        index = dataEnd < 0 ? bytes.byteLength : dataEnd + 'endstream'.length;
        continue;
      }
      index = end;
      continue;
    }
    index += 1;
  }
}

function scanObjectStream(data: Uint8Array, dictionaryNames: Set<string>, state: ScanState): void {
  let start = 0;
  while (whitespace.has(data[start] ?? -1)) start += 1; // EOL after the `stream` keyword
  let inflated: Uint8Array = data.subarray(start);
  if (dictionaryNames.has('FlateDecode')) {
    try {
      inflated = inflateSync(inflated, { maxOutputLength: maxInflatedBytes });
    } catch {
      // NOTE: a damaged or oversized object stream stays unscanned here. The
      // PDF parser that follows reports damage, but active content hidden in
      // an object stream over 32 MiB goes unflagged.
      return;
    }
  }
  lex(inflated, state, false);
}

function skipLiteralString(bytes: Uint8Array, start: number): number {
  let depth = 0;
  let index = start;
  while (index < bytes.byteLength) {
    const byte = bytes[index];
    if (byte === 0x5c) {
      index += 2; // backslash escape
      continue;
    }
    if (byte === 0x28) depth += 1;
    if (byte === 0x29) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return index;
}

function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
