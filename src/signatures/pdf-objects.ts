// Reads single objects of a PDF through its cross-reference sections, without
// parsing the rest of the file. Signing needs only a handful of objects
// (catalog, form, one page), and pdf-lib's PDFDocument.load parses every
// object, which made sealing a 20-page PDF cost three times its RSA
// signature.
//
// The reader follows the /Prev chain of classic tables and cross-reference
// streams. An entry in a newer section wins over the same object number in an
// older one. An object inside an object stream is parsed alone from the
// inflated stream. Anything unusual throws UnusualPdfError, and the caller then falls
// back to the full parse: a hybrid file (/XRefStm), a /Prev loop, an offset
// that does not start the expected object, an object missing from the
// cross-reference sections, or an encrypted file.
import {
  decodePDFRawStream, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, PDFXRefStreamParser,
  type PDFObject,
} from 'pdf-lib';
import { inflateSync } from 'node:zlib';

/** Thrown when a PDF needs pdf-lib's full parse to be read correctly. */
export class UnusualPdfError extends Error {
  override name = 'UnusualPdfError';
}

type CrossReferenceEntry =
  | { kind: 'offset'; offset: number; generation: number }
  | { kind: 'compressed'; streamNumber: number }
  | { kind: 'free' };

/** An inflated object stream: object number to offset after /First. */
interface ObjectStream {
  bytes: Uint8Array;
  first: number;
  offsets: Map<number, number>;
}

const maxSections = 1000;
const maxObjectNumber = 8_388_607;

export class PdfObjectReader {
  readonly context = PDFContext.create();
  /** The trailer dictionary of the newest cross-reference section. */
  readonly trailer: PDFDict;
  private readonly pdf: Uint8Array;
  private readonly entries = new Map<number, CrossReferenceEntry>();
  private readonly loaded = new Set<number>();
  private readonly objectStreams = new Map<number, ObjectStream>();

  /** Reads the cross-reference sections from `startXref` back through every /Prev. */
  constructor(pdf: Uint8Array, startXref: number) {
    this.pdf = pdf;
    let offset: number | undefined = startXref;
    let newest: PDFDict | undefined;
    const seen = new Set<number>();
    while (offset !== undefined) {
      if (seen.has(offset) || seen.size >= maxSections) throw new UnusualPdfError(`cross-reference /Prev chain loops at offset ${offset}`);
      seen.add(offset);
      const trailer: PDFDict = this.startsWith(offset, 'xref') ? this.readTable(offset) : this.readStream(offset);
      if (trailer.has(PDFName.of('XRefStm'))) throw new UnusualPdfError('hybrid cross-reference (/XRefStm)');
      newest ??= trailer;
      const previous: PDFObject | undefined = trailer.get(PDFName.of('Prev'));
      offset = previous instanceof PDFNumber ? previous.asNumber() : undefined;
    }
    if (!newest) throw new UnusualPdfError('no cross-reference section');
    this.trailer = newest;
    for (const [objectNumber, entry] of this.entries) {
      if (entry.kind !== 'free' && objectNumber > this.context.largestObjectNumber) this.context.largestObjectNumber = objectNumber;
    }
  }

  /** Returns `object` itself, or the object it references after loading it into `context`. */
  async resolve(object: PDFObject | undefined): Promise<PDFObject | undefined> {
    return object instanceof PDFRef ? this.load(object) : object;
  }

  /** Loads the object `ref` into `context` and returns it. */
  async load(ref: PDFRef): Promise<PDFObject> {
    const objectNumber = ref.objectNumber;
    if (!this.loaded.has(objectNumber)) {
      const entry = this.entries.get(objectNumber);
      if (!entry || entry.kind === 'free') throw new UnusualPdfError(`object ${objectNumber} is not in use in the cross-reference sections`);
      if (entry.kind === 'offset') {
        if (entry.generation !== ref.generationNumber) throw new UnusualPdfError(`object ${objectNumber} has generation ${entry.generation}, not ${ref.generationNumber}`);
        this.context.assign(ref, this.readIndirectObject(entry.offset, objectNumber, entry.generation));
        this.loaded.add(objectNumber);
      } else {
        if (ref.generationNumber !== 0) throw new UnusualPdfError(`compressed object ${objectNumber} cannot have generation ${ref.generationNumber}`);
        this.context.assign(ref, this.readCompressedObject(entry.streamNumber, objectNumber));
        this.loaded.add(objectNumber);
      }
    }
    const object = this.context.lookup(ref);
    if (!object) throw new UnusualPdfError(`object ${objectNumber} could not be read`);
    return object;
  }

  private readTable(offset: number): PDFDict {
    const text = Buffer.from(this.pdf.subarray(offset)).toString('latin1');
    const subsection = /\s*(\d+)\s+(\d+)\s*?(?:\r\n|\r|\n)/y;
    const row = /(\d{10})\s(\d{5})\s([nf])[\s]{0,2}/y;
    let position = 'xref'.length;
    for (;;) {
      subsection.lastIndex = position;
      const header = subsection.exec(text);
      if (!header) break;
      const first = Number(header[1]);
      const count = Number(header[2]);
      position = subsection.lastIndex;
      for (let i = 0; i < count; i++) {
        row.lastIndex = position;
        const entry = row.exec(text);
        if (!entry) throw new UnusualPdfError(`malformed cross-reference row at offset ${offset + position}`);
        position = row.lastIndex;
        const objectNumber = first + i;
        if (this.entries.has(objectNumber)) continue;
        this.entries.set(objectNumber, entry[3] === 'n' ? { kind: 'offset', offset: Number(entry[1]), generation: Number(entry[2]) } : { kind: 'free' });
      }
    }
    const trailerAt = /^\s*trailer/.exec(text.slice(position, position + 64));
    if (!trailerAt) throw new UnusualPdfError(`no trailer after the cross-reference table at offset ${offset}`);
    const trailer = PDFObjectParser.forBytes(this.pdf.subarray(offset + position + trailerAt[0].length), this.context).parseObject();
    if (!(trailer instanceof PDFDict)) throw new UnusualPdfError(`the trailer at offset ${offset} is not a dictionary`);
    return trailer;
  }

  private readStream(offset: number): PDFDict {
    const stream = this.readIndirectObject(offset);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) {
      throw new UnusualPdfError(`startxref or /Prev offset ${offset} is neither a cross-reference table nor stream`);
    }
    // The parser overwrites the context's trailerInfo, which this reader does not use.
    for (const entry of PDFXRefStreamParser.forStream(stream).parseIntoContext()) {
      const objectNumber = entry.ref.objectNumber;
      if (this.entries.has(objectNumber) || objectNumber > maxObjectNumber) continue;
      if (entry.deleted) this.entries.set(objectNumber, { kind: 'free' });
      else if (entry.inObjectStream) this.entries.set(objectNumber, { kind: 'compressed', streamNumber: entry.offset });
      else this.entries.set(objectNumber, { kind: 'offset', offset: entry.offset, generation: entry.ref.generationNumber });
    }
    return stream.dict;
  }

  /** Parses `N G obj …` at `offset`; checks N and G when given. */
  private readIndirectObject(offset: number, objectNumber?: number, generation?: number): PDFObject {
    const head = Buffer.from(this.pdf.subarray(offset, offset + 64)).toString('latin1');
    const header = /^\s*(\d+)\s+(\d+)\s+obj/.exec(head);
    if (!header) throw new UnusualPdfError(`no object starts at offset ${offset}`);
    if (objectNumber !== undefined && (Number(header[1]) !== objectNumber || Number(header[2]) !== generation)) {
      throw new UnusualPdfError(`offset ${offset} starts object ${header[1]} ${header[2]}, not ${objectNumber} ${generation}`);
    }
    return PDFObjectParser.forBytes(this.pdf.subarray(offset + header[0].length), this.context).parseObject();
  }

  /**
   * Parses object `objectNumber` out of object stream `streamNumber`. The
   * stream is inflated once, and only the requested object is parsed.
   */
  private readCompressedObject(streamNumber: number, objectNumber: number): PDFObject {
    let objectStream = this.objectStreams.get(streamNumber);
    if (!objectStream) {
      objectStream = this.readObjectStream(streamNumber);
      this.objectStreams.set(streamNumber, objectStream);
    }
    const offset = objectStream.offsets.get(objectNumber);
    if (offset === undefined) throw new UnusualPdfError(`object stream ${streamNumber} does not contain object ${objectNumber}`);
    return PDFObjectParser.forBytes(objectStream.bytes.subarray(objectStream.first + offset), this.context).parseObject();
  }

  private readObjectStream(streamNumber: number): ObjectStream {
    const entry = this.entries.get(streamNumber);
    if (entry?.kind !== 'offset') throw new UnusualPdfError(`object stream ${streamNumber} is not at a file offset`);
    const stream = this.readIndirectObject(entry.offset, streamNumber, entry.generation);
    if (!(stream instanceof PDFRawStream)) throw new UnusualPdfError(`object ${streamNumber} is not an object stream`);
    const count = stream.dict.get(PDFName.of('N'));
    const first = stream.dict.get(PDFName.of('First'));
    if (!(count instanceof PDFNumber) || !(first instanceof PDFNumber)) throw new UnusualPdfError(`object stream ${streamNumber} has no numeric /N and /First`);

    // node:zlib inflates plain FlateDecode several times faster than pdf-lib's JavaScript decoder.
    const filter = stream.dict.get(PDFName.of('Filter'));
    const plainFlate = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
    const bytes = plainFlate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
    const header = Buffer.from(bytes.subarray(0, first.asNumber())).toString('latin1').trim().split(/\s+/).map(Number);
    const offsets = new Map<number, number>();
    for (let i = 0; i + 1 < header.length && i < 2 * count.asNumber(); i += 2) offsets.set(header[i] ?? -1, header[i + 1] ?? 0);
    return { bytes, first: first.asNumber(), offsets };
  }

  private startsWith(offset: number, keyword: string): boolean {
    return Buffer.from(this.pdf.subarray(offset, offset + keyword.length)).toString('latin1') === keyword;
  }
}
