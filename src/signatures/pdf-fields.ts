// Walks the interactive form (/AcroForm /Fields and their /Kids) of a PDF
// loaded by pdf-lib. Cycles and deep trees in hostile files are bounded.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFCatalog, type PDFContext, type PDFObject } from 'pdf-lib';
import { decodePdfText } from './pdf-text.ts';

export interface FormField {
  /** Fully qualified name: the /T of each ancestor joined with dots. */
  name: string;
  /** /FT, inherited from ancestors when absent. */
  type?: string;
  /** Object number of the field's /V when /V is an indirect reference (signature fields). */
  valueObjectNumber?: number;
}

const maxDepth = 32;
const maxFields = 10_000;

/** Lists the form's terminal fields. */
export function listFormFields(context: PDFContext, catalog: PDFCatalog): FormField[] {
  const acroForm = resolve(context, catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return [];
  const fields: FormField[] = [];
  const visited = new Set<PDFObject>();
  const walk = (entry: PDFObject | undefined, parentName: string, parentType: string | undefined, depth: number): void => {
    if (depth > maxDepth || fields.length >= maxFields || !entry || visited.has(entry)) return;
    visited.add(entry);
    const field = resolve(context, entry);
    if (!(field instanceof PDFDict)) return;
    const partial = textOf(field.get(PDFName.of('T')));
    let name = parentName;
    if (partial !== undefined) name = parentName ? `${parentName}.${partial}` : partial;
    const typeEntry = field.get(PDFName.of('FT'));
    const type = typeEntry instanceof PDFName ? typeEntry.decodeText() : parentType;
    const kids = resolve(context, field.get(PDFName.of('Kids')));
    const namedKids = kids instanceof PDFArray && kids.asArray().some((kid) => {
      const kidDict = resolve(context, kid);
      return kidDict instanceof PDFDict && kidDict.has(PDFName.of('T'));
    });
    if (namedKids && kids instanceof PDFArray) {
      for (const kid of kids.asArray()) walk(kid, name, type, depth + 1);
      return;
    }
    const result: FormField = { name };
    if (type !== undefined) result.type = type;
    const value = field.get(PDFName.of('V'));
    if (value instanceof PDFRef) result.valueObjectNumber = value.objectNumber;
    fields.push(result);
  };
  const roots = resolve(context, acroForm.get(PDFName.of('Fields')));
  if (roots instanceof PDFArray) for (const root of roots.asArray()) walk(root, '', undefined, 0);
  return fields;
}

export function collectFieldNames(context: PDFContext, catalog: PDFCatalog): Set<string> {
  return new Set(listFormFields(context, catalog).map((field) => field.name));
}

function resolve(context: PDFContext, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? context.lookup(object) : object;
}

function textOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return decodePdfText(object.asBytes());
  return undefined;
}
