// Adds a signature field by incremental update: the signature dictionary, an
// invisible signature field (merged with its widget) and the changed form,
// page and catalog objects are appended after the original bytes; the
// original bytes are never rewritten, so earlier signatures stay valid.
// pdf-lib only reads the document here: its save() rewrites the whole file.
//
// The signed bytes are the whole new revision except the /Contents hex
// string, which receives the DER of the CMS signature or time-stamp token
// (zero-padded). sign-pdf.ts (PAdES signatures) and document-timestamp.ts
// (ETSI.RFC3161 document timestamps) fill it.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, ParseSpeeds, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { appendIncrementalUpdate, readPreviousTrailer, type UpdatedObject } from './incremental-update.ts';
import { collectFieldNames } from './pdf-fields.ts';
import { readSigningObjects, type SigningDocument } from './pdf-objects-signing.ts';
import { pdfTextString } from './pdf-text.ts';

export interface SignatureFieldOptions {
  /** Field name; default: the first free `Signature<n>`. An existing name is rejected. */
  fieldName?: string;
  /** Bytes reserved for the CMS signature. @default 16384 */
  signatureSize?: number;
  /** Zero-based page the invisible widget belongs to. @default 0 */
  page?: number;
}

/** Thrown when a PDF cannot be signed (encrypted, unreadable, field name taken, signature too large). */
export class SignPdfError extends Error {
  override name = 'SignPdfError';
}

/**
 * Produces the /Contents for the signed bytes: the two byte ranges, whose
 * SHA-256 is `digest`. Returns DER.
 */
export type ContentsProducer = (digest: Uint8Array, signedBytes: () => Uint8Array) => Promise<Uint8Array>;

const byteRangePlaceholder = '/ByteRange [0 0000000000 0000000000 0000000000]';

/** Loads `pdf` with pdf-lib for reading; throws SignPdfError when it cannot. */
export async function loadForSigning(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (err) {
    throw new SignPdfError(`the PDF cannot be read for signing: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Reads what a signature field on page `pageIndex` needs: only those objects,
 * through the cross-reference sections (pdf-objects-signing.ts), or the whole
 * file with pdf-lib when that reader finds the file unusual. Throws
 * SignPdfError when neither can read it.
 */
export async function loadSigningDocument(pdf: Uint8Array, pageIndex = 0): Promise<SigningDocument | PDFDocument> {
  let startXref: number | undefined;
  try {
    startXref = readPreviousTrailer(pdf).startXref;
  } catch {
    // pdf-lib's full parse does not need startxref, so it may still read the file.
  }
  if (startXref !== undefined) {
    try {
      return await readSigningObjects(pdf, startXref, pageIndex);
    } catch (err) {
      // pdf-lib's parser throws plain Errors on syntax it cannot read; the full parse then decides.
      if (!(err instanceof Error)) throw err;
    }
  }
  return loadForSigning(pdf);
}

/**
 * Appends a signature field whose dictionary contains `entries` (e.g. /Type,
 * /SubFilter, /M) besides /ByteRange and /Contents, then fills /Contents
 * with `produce`.
 */
export async function appendSignatureField(
  pdf: Uint8Array, loaded: SigningDocument | PDFDocument, entries: string[], produce: ContentsProducer, options: SignatureFieldOptions = {},
): Promise<Uint8Array> {
  const previous = readPreviousTrailer(pdf);
  const document = loaded instanceof PDFDocument ? fromPdfLib(loaded, options.page ?? 0) : loaded;
  const { context, catalog, catalogRef, page } = document;
  if (!page) throw new SignPdfError(`page ${options.page ?? 0} does not exist; the document has ${document.pageCount} pages`);

  const existingNames = collectFieldNames(context, catalog);
  const fieldName = options.fieldName ?? freeFieldName(existingNames);
  if (existingNames.has(fieldName)) throw new SignPdfError(`a form field named "${fieldName}" already exists`);

  let nextNumber = Math.max(previous.size, context.largestObjectNumber + 1);
  const signatureRef = PDFRef.of(nextNumber++);
  const widgetRef = PDFRef.of(nextNumber++);
  const updates: UpdatedObject[] = [];
  const write = (ref: PDFRef, object: PDFObject): void => {
    updates.push({ objectNumber: ref.objectNumber, generation: ref.generationNumber, body: latin1(object.toString()) });
  };

  const signatureSize = options.signatureSize ?? 16384;
  // /ByteRange and /Contents come first, so that no text entry can hold a decoy placeholder before them.
  const dictionary = `<<\n${[byteRangePlaceholder, `/Contents <${'0'.repeat(2 * signatureSize)}>`, ...entries].join('\n')}\n>>`;
  updates.push({ objectNumber: signatureRef.objectNumber, generation: 0, body: latin1(dictionary) });

  const widget = context.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], F: 132, P: page.ref, V: signatureRef,
  });
  widget.set(PDFName.of('T'), pdfTextString(fieldName));
  write(widgetRef, widget);

  // The page's /Annots gets the widget; an indirect /Annots array is updated in place.
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    write(annots, withAppended(context, context.lookup(annots), widgetRef));
  } else {
    const pageDict = page.node.clone(context);
    pageDict.set(PDFName.of('Annots'), withAppended(context, annots, widgetRef));
    write(page.ref, pageDict);
  }

  // /AcroForm gets the field and SigFlags 3 (signatures exist, append only).
  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroFormEntry instanceof PDFRef ? context.lookup(acroFormEntry) : acroFormEntry;
  const newAcroForm = acroForm instanceof PDFDict ? acroForm.clone(context) : context.obj({});
  const fields = newAcroForm.get(PDFName.of('Fields'));
  newAcroForm.set(PDFName.of('Fields'), withAppended(context, fields instanceof PDFRef ? context.lookup(fields) : fields, widgetRef));
  newAcroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroFormEntry instanceof PDFRef) {
    write(acroFormEntry, newAcroForm);
  } else {
    const acroFormRef = PDFRef.of(nextNumber++);
    write(acroFormRef, newAcroForm);
    const newCatalog = catalog.clone(context);
    newCatalog.set(PDFName.of('AcroForm'), acroFormRef);
    write(catalogRef, newCatalog);
  }

  const { bytes, offsets } = appendIncrementalUpdate(pdf, updates, previous);
  const signatureOffset = offsets.get(signatureRef.objectNumber) ?? 0;
  return fillContents(bytes, signatureOffset, signatureSize, produce);
}

/** Takes the SigningDocument parts from a PDF that pdf-lib parsed whole. */
function fromPdfLib(document: PDFDocument, pageIndex: number): SigningDocument {
  const catalogRef = document.context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new SignPdfError('the trailer has no indirect /Root catalog');
  const pages = document.getPages();
  const page = pages[pageIndex];
  return { context: document.context, catalogRef, catalog: document.catalog, pageCount: pages.length, page: page && { ref: page.ref, node: page.node } };
}

async function fillContents(bytes: Uint8Array, signatureOffset: number, signatureSize: number, produce: ContentsProducer): Promise<Uint8Array> {
  const buffer = Buffer.from(bytes);
  const byteRangeAt = buffer.indexOf(byteRangePlaceholder, signatureOffset, 'latin1');
  const contentsStart = buffer.indexOf('/Contents <', signatureOffset, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsStart + 2 * signatureSize + 2;
  if (byteRangeAt < 0 || contentsStart < signatureOffset) throw new Error('signature placeholder not found in the written update');

  const byteRange = `/ByteRange [0 ${contentsStart} ${contentsEnd} ${buffer.length - contentsEnd}]`;
  buffer.write(byteRange.padEnd(byteRangePlaceholder.length, ' '), byteRangeAt, 'latin1');

  const digest = createHash('sha256').update(buffer.subarray(0, contentsStart)).update(buffer.subarray(contentsEnd)).digest();
  const cms = await produce(digest, () => Buffer.concat([buffer.subarray(0, contentsStart), buffer.subarray(contentsEnd)]));
  if (cms.length > signatureSize) {
    throw new SignPdfError(`the signature is ${cms.length} bytes but only ${signatureSize} were reserved; raise signatureSize`);
  }
  buffer.write(Buffer.from(cms).toString('hex'), contentsStart + 1, 'latin1');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** Copies `array` (absent: empty) and appends `ref`. */
function withAppended(context: PDFContext, array: PDFObject | undefined, ref: PDFRef): PDFArray {
  const copy = array instanceof PDFArray ? array.clone(context) : context.obj([]);
  copy.push(ref);
  return copy;
}

function freeFieldName(existing: Set<string>): string {
  for (let n = 1; ; n++) {
    const name = `Signature${n}`;
    if (!existing.has(name)) return name;
  }
}

function latin1(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}
