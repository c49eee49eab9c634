// Change analysis after a signature: the objects written in revisions
// appended after the signed one, each sorted into a kind by its dictionary. This is a
// rough classification from raw bytes, not a full comparison of the two
// revisions: it finds later signatures, DSS, document timestamps, form
// filling, annotations, rewritten signature dictionaries and added or
// removed pages. Object streams in the appended part are inflated and their
// objects classified too.
import { inflateSync } from 'node:zlib';
import type { ChangeKind, ChangesAfterSigning, Finding } from './report.ts';
import { scanObjectHeaders, type ObjectHeader } from './pdf-signature-scan.ts';

interface AppendedObject {
  objectNumber: number;
  /** The dictionary text (up to `stream` or `endobj`), capped. */
  dictionary: string;
}

/** Most bytes of one object's dictionary that are classified. */
const maxDictionaryChars = 64 * 1024;
/** Largest inflated object stream read. */
const maxInflatedBytes = 16 * 1024 * 1024;

export interface ChangeAnalysis {
  changes: ChangesAfterSigning;
  findings: Finding[];
}

/**
 * Classifies everything after `revisionEnd`. `signatureObject` is the
 * signature dictionary's object number; `docMdp` the certification level
 * (null for an approval signature).
 */
export function analyzeChanges(text: string, headers: ObjectHeader[], revisionEnd: number, signatureObject: number, docMdp: number | null): ChangeAnalysis {
  const tail = text.slice(revisionEnd);
  const appended = /\S/.test(tail.replace(/\0/g, ''));
  const changes: ChangesAfterSigning = { appended, revisions: (tail.match(/%%EOF/g) ?? []).length, kinds: [], pageCountChanged: false, allowed: true };
  const findings: Finding[] = [];
  if (!appended) return { changes, findings };

  const objects = appendedObjects(text, headers.filter((header) => header.offset >= revisionEnd));
  const dssRefs = collectDssReferences(objects);
  const kinds = new Set<ChangeKind>();
  for (const object of objects) {
    const kind = object.objectNumber === signatureObject ? 'signature-dictionary' : classify(object, dssRefs);
    if (kind) kinds.add(kind);
    if (kind === 'page-tree' && pageCountDiffers(text, headers, revisionEnd, object)) changes.pageCountChanged = true;
  }
  changes.kinds = [...kinds].sort();

  if (kinds.has('signature-dictionary')) {
    findings.push({ subIndication: 'FORMAT_FAILURE', reason: 'the signature dictionary was rewritten after signing (its /Reason, /M or /Name may be spoofed)' });
  }
  if (changes.pageCountChanged) {
    findings.push({ subIndication: 'FORMAT_FAILURE', reason: 'pages were added or removed after signing' });
  }
  const permitted = permittedKinds(docMdp);
  const forbidden = [...kinds].filter((kind) => !permitted.has(kind) && kind !== 'signature-dictionary');
  if (forbidden.length > 0 && docMdp !== null) {
    findings.push({ subIndication: 'FORMAT_FAILURE', reason: `changes after certification (DocMDP P=${docMdp}) that it does not permit: ${forbidden.join(', ')}` });
  }
  changes.allowed = findings.length === 0 && (docMdp !== null || !kinds.has('other'));
  return { changes, findings };
}

/**
 * Object numbers reachable from a DSS dictionary written after signing
 * (arrays, VRI dictionaries, certificate, OCSP and CRL streams), up to four
 * levels deep, so that validation data is not mistaken for content.
 */
function collectDssReferences(objects: AppendedObject[]): Set<number> {
  const references = new Set<number>();
  const addReferences = (dictionary: string): void => {
    for (const match of dictionary.matchAll(/(\d+)\s+\d+\s+R\b/g)) references.add(Number(match[1]));
  };
  for (const object of objects) if (isDss(object.dictionary)) addReferences(object.dictionary);
  for (let level = 0; level < 4; level++) {
    for (const object of objects) {
      if (references.has(object.objectNumber) && !isDss(object.dictionary)) addReferences(object.dictionary);
    }
  }
  return references;
}

function isDss(dictionary: string): boolean {
  return /\/Type\s*\/DSS\b/.test(dictionary) || /\/(Certs|OCSPs|CRLs)\b/.test(dictionary) && /\/VRI\b|\/Certs\b/.test(dictionary);
}

function permittedKinds(docMdp: number | null): Set<ChangeKind> {
  const always: ChangeKind[] = ['dss', 'document-timestamp', 'metadata', 'catalog', 'appearance'];
  if (docMdp === 1) return new Set(always);
  const formFilling: ChangeKind[] = [...always, 'signature', 'form-fill', 'form', 'page'];
  if (docMdp === 2) return new Set(formFilling);
  return new Set<ChangeKind>([...formFilling, 'annotation']);
}

function classify(object: AppendedObject, dssRefs: Set<number>): ChangeKind | undefined {
  const dict = object.dictionary;
  const type = /\/Type\s*\/(\w+)/.exec(dict)?.[1];
  if (type === 'XRef' || type === 'ObjStm') return undefined;
  if (/\/ByteRange\b/.test(dict)) return /\/SubFilter\s*\/ETSI\.RFC3161\b/.test(dict) ? 'document-timestamp' : 'signature';
  if (type === 'DSS' || type === 'VRI' || isDss(dict) || dssRefs.has(object.objectNumber)) return 'dss';
  if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(dict)) return 'other';
  if (/\/FT\s*\/Sig\b/.test(dict)) return 'signature';
  if (type === 'Catalog') return 'catalog';
  if (type === 'Pages') return 'page-tree';
  if (type === 'Page') return 'page';
  if (type === 'Metadata' || /\/(Producer|ModDate|CreationDate)\b/.test(dict) && !/\/Type\b/.test(dict)) return 'metadata';
  if (/\/Subtype\s*\/Widget\b/.test(dict) || /\/FT\s*\/(Tx|Btn|Ch)\b/.test(dict)) return 'form-fill';
  if (type === 'Annot' || /\/Subtype\s*\/(Text|FreeText|Highlight|Ink|Square|Circle|Line|Popup|StrikeOut|Underline|Stamp|Link)\b/.test(dict)) return 'annotation';
  if (/\/Fields\b/.test(dict)) return 'form';
  if (/^\s*<<\s*\/(Names|Kids|Limits|AP)\b/.test(dict) && !/\/Type\b/.test(dict)) return 'catalog';
  if (/\/Subtype\s*\/Form\b/.test(dict) || /\/(Font|FontDescriptor|Encoding)\b/.test(type ?? '') || /\/BaseFont\b/.test(dict)) return 'appearance';
  return 'other';
}

/** Compares /Count of a rewritten page tree node with its last definition inside the signed revision. */
function pageCountDiffers(text: string, headers: ObjectHeader[], revisionEnd: number, object: AppendedObject): boolean {
  const after = /\/Count\s+(\d+)/.exec(object.dictionary)?.[1];
  const before = headers.filter((header) => header.offset < revisionEnd && header.objectNumber === object.objectNumber).at(-1);
  if (!before) return after !== undefined;
  const beforeCount = /\/Count\s+(\d+)/.exec(dictionaryAt(text, before.bodyStart))?.[1];
  return after !== beforeCount;
}

function appendedObjects(text: string, headers: ObjectHeader[]): AppendedObject[] {
  const objects: AppendedObject[] = [];
  for (const header of headers) {
    const dictionary = dictionaryAt(text, header.bodyStart);
    objects.push({ objectNumber: header.objectNumber, dictionary });
    if (/\/Type\s*\/ObjStm\b/.test(dictionary)) objects.push(...objectStreamMembers(text, header.bodyStart, dictionary));
  }
  return objects;
}

function dictionaryAt(text: string, bodyStart: number): string {
  const window = text.slice(bodyStart, bodyStart + maxDictionaryChars);
  const stop = window.search(/\bstream\b|\bendobj\b/);
  return stop < 0 ? window : window.slice(0, stop);
}

/** Inflates an object stream and returns its members; a stream that cannot be read yields nothing. */
function objectStreamMembers(text: string, bodyStart: number, dictionary: string): AppendedObject[] {
  const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary)?.[1] ?? Number.NaN);
  const count = Number(/\/N\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  if (!/\/FlateDecode\b/.test(dictionary) || /\/DecodeParms\b/.test(dictionary)) return [];
  const streamAt = text.indexOf('stream', bodyStart + dictionary.length);
  if (streamAt < 0) return [];
  let dataStart = streamAt + 'stream'.length;
  if (text[dataStart] === '\r') dataStart++;
  if (text[dataStart] === '\n') dataStart++;
  const dataEnd = Number.isInteger(length) ? dataStart + length : text.indexOf('endstream', dataStart);
  let inflated: string;
  try {
    inflated = inflateSync(Buffer.from(text.slice(dataStart, dataEnd), 'latin1'), { maxOutputLength: maxInflatedBytes }).toString('latin1');
  } catch {
    return [];
  }
  const numbers = inflated.slice(0, first).trim().split(/\s+/).map(Number);
  const members: AppendedObject[] = [];
  for (let i = 0; i < count && 2 * i + 1 < numbers.length; i++) {
    const start = first + (numbers[2 * i + 1] ?? 0);
    const end = 2 * i + 3 < numbers.length ? first + (numbers[2 * i + 3] ?? 0) : inflated.length;
    members.push({ objectNumber: numbers[2 * i] ?? -1, dictionary: inflated.slice(start, Math.min(end, start + maxDictionaryChars)) });
  }
  return members;
}
