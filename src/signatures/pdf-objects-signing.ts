// Loads the objects a new signature field reads or changes: the catalog, the
// form (/AcroForm, /Fields and every field below it), the DocMDP permissions
// under /Perms, the page tree down to the widget's page, and that page's
// /Annots. Every other object of the file stays unparsed. Throws
// UnusualPdfError where pdf-lib's full parse could read the file differently.
import { PDFArray, PDFCatalog, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { PdfObjectReader, UnusualPdfError } from './pdf-objects.ts';

/** The parts of a PDF that appendSignatureField reads. */
export interface SigningDocument {
  context: PDFContext;
  catalogRef: PDFRef;
  catalog: PDFCatalog;
  pageCount: number;
  /** The page at the requested index; undefined when the document has fewer pages. */
  page: { ref: PDFRef; node: PDFDict } | undefined;
}

const maxFieldDepth = 32;
const maxFieldObjects = 20_000;
const maxPageTreeDepth = 64;

/** Reads the objects for a signature on page `pageIndex` of `pdf`, whose last startxref is `startXref`. */
export async function readSigningObjects(pdf: Uint8Array, startXref: number, pageIndex: number): Promise<SigningDocument> {
  const reader = new PdfObjectReader(pdf, startXref);
  if (reader.trailer.has(PDFName.of('Encrypt'))) throw new UnusualPdfError('the PDF is encrypted');
  const catalogRef = reader.trailer.get(PDFName.of('Root'));
  if (!(catalogRef instanceof PDFRef)) throw new UnusualPdfError('the trailer has no indirect /Root');
  const catalog = await reader.load(catalogRef);
  if (!(catalog instanceof PDFCatalog)) throw new UnusualPdfError('the /Root object is not a /Type /Catalog dictionary');

  await loadForm(reader, catalog);
  await loadCertification(reader, catalog);
  const { pageCount, page } = await findPage(reader, catalog, pageIndex);
  if (page) await reader.resolve(page.node.get(PDFName.of('Annots')));
  return { context: reader.context, catalogRef, catalog, pageCount, page };
}

async function loadForm(reader: PdfObjectReader, catalog: PDFDict): Promise<void> {
  const acroForm = await reader.resolve(catalog.get(PDFName.of('AcroForm')));
  if (!(acroForm instanceof PDFDict)) return;
  const fields = await reader.resolve(acroForm.get(PDFName.of('Fields')));
  if (!(fields instanceof PDFArray)) return;
  const visited = new Set<PDFObject>();
  const walk = async (entry: PDFObject | undefined, depth: number): Promise<void> => {
    if (depth > maxFieldDepth || !entry || visited.has(entry)) return;
    if (visited.size >= maxFieldObjects) throw new UnusualPdfError(`the form has more than ${maxFieldObjects} field objects`);
    visited.add(entry);
    const field = await reader.resolve(entry);
    if (!(field instanceof PDFDict)) return;
    const kids = await reader.resolve(field.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) await walk(kid, depth + 1);
  };
  for (const field of fields.asArray()) await walk(field, 0);
}

/** Loads /Perms /DocMDP /Reference [<< /TransformMethod /TransformParams << /P >> >>], which sign-pdf.ts checks. */
async function loadCertification(reader: PdfObjectReader, catalog: PDFDict): Promise<void> {
  const perms = await reader.resolve(catalog.get(PDFName.of('Perms')));
  if (!(perms instanceof PDFDict)) return;
  const certification = await reader.resolve(perms.get(PDFName.of('DocMDP')));
  if (!(certification instanceof PDFDict)) return;
  const references = await reader.resolve(certification.get(PDFName.of('Reference')));
  if (!(references instanceof PDFArray)) return;
  for (const entry of references.asArray()) {
    const reference = await reader.resolve(entry);
    if (!(reference instanceof PDFDict)) continue;
    await reader.resolve(reference.get(PDFName.of('TransformMethod')));
    const parameters = await reader.resolve(reference.get(PDFName.of('TransformParams')));
    if (parameters instanceof PDFDict) await reader.resolve(parameters.get(PDFName.of('P')));
  }
}

/**
 * Descends the page tree by the /Count of each node to page `pageIndex`,
 * loading only the nodes on the way. pdf-lib counts the leaves it finds
 * instead of trusting /Count, so an index the tree does not reach, or a node
 * that is neither /Pages nor /Page, is unusual.
 */
async function findPage(reader: PdfObjectReader, catalog: PDFDict, pageIndex: number): Promise<Pick<SigningDocument, 'pageCount' | 'page'>> {
  const root = await reader.resolve(catalog.get(PDFName.of('Pages')));
  if (!(root instanceof PDFDict)) throw new UnusualPdfError('the catalog has no /Pages dictionary');
  const pageCount = await countOf(reader, root);
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= pageCount) throw new UnusualPdfError(`page ${pageIndex} is not below /Count ${pageCount}`);

  let node = root;
  let remaining = pageIndex;
  for (let depth = 0; depth < maxPageTreeDepth; depth++) {
    const kids = await reader.resolve(node.get(PDFName.of('Kids')));
    if (!(kids instanceof PDFArray)) break;
    let next: PDFDict | undefined;
    for (const kidRef of kids.asArray()) {
      if (!(kidRef instanceof PDFRef)) throw new UnusualPdfError('a page tree /Kids entry is not an indirect reference');
      const kid = await reader.load(kidRef);
      if (!(kid instanceof PDFDict)) throw new UnusualPdfError(`page tree object ${kidRef.objectNumber} is not a dictionary`);
      const type = kid.get(PDFName.of('Type'));
      if (type === PDFName.of('Page')) {
        if (remaining === 0) return { pageCount, page: { ref: kidRef, node: kid } };
        remaining--;
      } else if (type === PDFName.of('Pages')) {
        const count = await countOf(reader, kid);
        if (remaining < count) {
          next = kid;
          break;
        }
        remaining -= count;
      } else {
        throw new UnusualPdfError(`page tree object ${kidRef.objectNumber} is neither /Pages nor /Page`);
      }
    }
    if (!next) break;
    node = next;
  }
  throw new UnusualPdfError(`the page tree does not reach page ${pageIndex}`);
}

async function countOf(reader: PdfObjectReader, node: PDFDict): Promise<number> {
  const count = await reader.resolve(node.get(PDFName.of('Count')));
  if (!(count instanceof PDFNumber)) throw new UnusualPdfError('a /Pages node has no numeric /Count');
  return count.asNumber();
}
