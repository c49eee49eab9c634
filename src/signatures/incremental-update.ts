// Incremental updates: new and changed objects appended after the original
// bytes, with a cross-reference section whose /Prev points at the previous
// one. The original bytes stay an exact prefix of the result, which is what
// keeps every earlier signature valid. A file whose last cross-reference
// section is a stream gets a cross-reference stream, a file with a classic
// table gets a table.
import { randomBytes } from 'node:crypto';

export interface UpdatedObject {
  objectNumber: number;
  generation: number;
  /** The object's body, between `N G obj` and `endobj`. */
  body: Uint8Array;
}

/** The trailer of the file's last revision, as far as an update needs it. */
export interface PreviousTrailer {
  startXref: number;
  xrefIsStream: boolean;
  /** /Size: one more than the highest object number in use. */
  size: number;
  root: string;
  info?: string;
  /** First element of /ID, as a hex string without brackets. */
  firstId?: string;
}

export interface AppendedUpdate {
  bytes: Uint8Array;
  /** Offset of each written object in `bytes`, by object number. */
  offsets: Map<number, number>;
}

const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/** Reads startxref and the last trailer's /Size, /Root, /Info and /ID; throws when the file has none. */
export function readPreviousTrailer(pdf: Uint8Array): PreviousTrailer {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const startMatch = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? [...tail.matchAll(/startxref\s+(\d+)/g)].at(-1);
  if (!startMatch?.[1]) throw new Error('no startxref found at the end of the PDF');
  const startXref = Number(startMatch[1]);
  if (startXref >= pdf.length) throw new Error(`startxref ${startXref} points past the end of the file`);
  const section = Buffer.from(pdf.subarray(startXref, Math.min(pdf.length, startXref + 65536))).toString('latin1');
  const xrefIsStream = !section.startsWith('xref');
  const dictionary = xrefIsStream ? section : section.slice(section.indexOf('trailer'));
  const size = /\/Size\s+(\d+)/.exec(dictionary)?.[1];
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  if (!size || !root) throw new Error('the last trailer has no /Size or /Root');
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  const firstId = /\/ID\s*\[\s*<([0-9A-Fa-f\s]*)>/.exec(dictionary)?.[1]?.replace(/\s+/g, '');
  const trailer: PreviousTrailer = { startXref, xrefIsStream, size: Number(size), root };
  if (info) trailer.info = info;
  if (firstId) trailer.firstId = firstId;
  return trailer;
}

/** Appends `objects` to `original` as one incremental update. */
export function appendIncrementalUpdate(original: Uint8Array, objects: UpdatedObject[], previous: PreviousTrailer): AppendedUpdate {
  const chunks: Uint8Array[] = [original];
  let length = original.length;
  const push = (chunk: Uint8Array): void => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(latin1('\n'));

  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.objectNumber, length);
    push(latin1(`${object.objectNumber} ${object.generation} obj\n`));
    push(object.body);
    push(latin1('\nendobj\n'));
  }

  const size = Math.max(previous.size, ...objects.map((object) => object.objectNumber + 1));
  const id = `[<${previous.firstId ?? randomBytes(16).toString('hex')}> <${randomBytes(16).toString('hex')}>]`;
  const trailerEntries = `/Root ${previous.root}${previous.info ? ` /Info ${previous.info}` : ''} /ID ${id} /Prev ${previous.startXref}`;
  const entries = objects.map((object) => ({ ...object, offset: offsets.get(object.objectNumber) ?? 0 }));

  const xrefOffset = length;
  if (previous.xrefIsStream) {
    const streamNumber = size;
    entries.push({ objectNumber: streamNumber, generation: 0, body: new Uint8Array(), offset: xrefOffset });
    entries.sort((a, b) => a.objectNumber - b.objectNumber);
    // Each entry: type 1 (in use), 4-byte offset, 2-byte generation.
    const rows = Buffer.alloc(entries.length * 7);
    entries.forEach((entry, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(entry.offset, i * 7 + 1);
      rows.writeUInt16BE(entry.generation, i * 7 + 5);
    });
    const index = entries.map((entry) => `${entry.objectNumber} 1`).join(' ');
    push(latin1(`${streamNumber} 0 obj\n<< /Type /XRef /Size ${streamNumber + 1} /Index [${index}] /W [1 4 2] ${trailerEntries} /Length ${rows.length} >>\nstream\n`));
    push(rows);
    push(latin1('\nendstream\nendobj\n'));
  } else {
    entries.sort((a, b) => a.objectNumber - b.objectNumber);
    let table = 'xref\n';
    for (const entry of entries) {
      table += `${entry.objectNumber} 1\n${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n\r\n`;
    }
    push(latin1(`${table}trailer\n<< /Size ${size} ${trailerEntries} >>\n`));
  }
  push(latin1(`startxref\n${xrefOffset}\n%%EOF\n`));
  return { bytes: Buffer.concat(chunks), offsets };
}
