// Reads the Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN 319
// 142-1 5.4.2) of a PDF: the certificates, OCSP responses and CRLs that
// long-term signatures carry for validation years later. Every DSS
// definition in any revision is read, including the per-signature /VRI
// entries, so data added by a later update is found too. Nothing here is
// trusted: OCSP responses and CRLs are checked like fetched ones.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, ParseSpeeds, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';

export interface DssData {
  certificates: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

/** Most streams read from one DSS, against hostile files. */
const maxStreams = 5000;

const cache = new Map<string, DssData>();
const maxCached = 200;

/**
 * Reads the DSS of `pdf`; a file without one (or one pdf-lib cannot load)
 * yields empty lists. Results are cached by the file's SHA-256, because
 * pdf-lib loads the whole file to read it.
 */
export async function readDss(pdf: Uint8Array, text: string): Promise<DssData> {
  if (!text.includes('/DSS')) return { certificates: [], ocsps: [], crls: [] };
  const key = createHash('sha256').update(pdf).digest('hex');
  const cached = cache.get(key);
  if (cached) return cached;
  const data = await readDssUncached(pdf);
  if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
  cache.set(key, data);
  return data;
}

async function readDssUncached(pdf: Uint8Array): Promise<DssData> {
  const data: DssData = { certificates: [], ocsps: [], crls: [] };
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest });
  } catch {
    return data;
  }
  const context = document.context;
  const dssDictionaries: PDFDict[] = [];
  const catalogDss = resolve(context, document.catalog.get(PDFName.of('DSS')));
  if (catalogDss instanceof PDFDict) dssDictionaries.push(catalogDss);
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object !== catalogDss && object.get(PDFName.of('Type')) === PDFName.of('DSS')) dssDictionaries.push(object);
  }
  const seen = new Set<PDFObject>();
  const collect = (dictionary: PDFDict): void => {
    addStreams(context, dictionary.get(PDFName.of('Certs')), data.certificates, seen);
    addStreams(context, dictionary.get(PDFName.of('OCSPs')), data.ocsps, seen);
    addStreams(context, dictionary.get(PDFName.of('CRLs')), data.crls, seen);
  };
  for (const dss of dssDictionaries) {
    collect(dss);
    const vri = resolve(context, dss.get(PDFName.of('VRI')));
    if (!(vri instanceof PDFDict)) continue;
    for (const [, entry] of vri.entries()) {
      const perSignature = resolve(context, entry);
      if (!(perSignature instanceof PDFDict)) continue;
      addStreams(context, perSignature.get(PDFName.of('Cert')), data.certificates, seen);
      addStreams(context, perSignature.get(PDFName.of('OCSP')), data.ocsps, seen);
      addStreams(context, perSignature.get(PDFName.of('CRL')), data.crls, seen);
    }
  }
  return data;
}

function addStreams(context: PDFContext, entry: PDFObject | undefined, target: Uint8Array[], seen: Set<PDFObject>): void {
  const array = resolve(context, entry);
  if (!(array instanceof PDFArray)) return;
  for (const item of array.asArray()) {
    if (seen.size >= maxStreams) return;
    const stream = resolve(context, item);
    if (!(stream instanceof PDFRawStream) || seen.has(stream)) continue;
    seen.add(stream);
    try {
      target.push(decodePDFRawStream(stream).decode());
    } catch {
      // A stream with an unsupported filter carries nothing usable.
    }
  }
}

function resolve(context: PDFContext, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? context.lookup(object) : object;
}
