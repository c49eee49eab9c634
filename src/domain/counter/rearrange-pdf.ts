// Page edits on a digitized PDF/A before it is sealed: a new file whose pages
// are some of the old ones, in a new order, each turned by a multiple of 90°.
// pdf-lib is allowed here because the file is not signed yet. Pages are
// copied whole, so each page keeps its scanned image and its invisible OCR
// text layer. A removed page is not copied at all, so none of its content
// stays behind in the new file. The document catalogue's XMP metadata, output
// intent and document information are copied as they are, so the new file
// still claims the PDF/A conformance of the old one.
import { createHash } from 'node:crypto';
import { degrees, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFObjectCopier } from 'pdf-lib';
import { pageSeparator } from '../../digitize/index.ts';

/** One page of the edited document: which page of the source it is, and how much to turn it. */
export interface PagePlacement {
  /** Page number in the source document, from 1. */
  sourcePage: number;
  /** Clockwise turn added to the page's current rotation. */
  rotation: 0 | 90 | 180 | 270;
}

export interface RearrangedPdf {
  pdf: Uint8Array;
  /** OCR text of the new document: the source's page texts in the new order, joined with form feeds. */
  text: string;
  pageCount: number;
}

/** Catalogue entries that carry the PDF/A identification and colour profile. */
const catalogueEntries = ['Metadata', 'OutputIntents', 'MarkInfo', 'Lang'];

/**
 * Builds the edited document. `text` is the source's OCR text with pages
 * separated by form feeds; pages beyond its last separator get empty text.
 * Throws a RangeError for a page number outside the source, a page placed
 * twice, or an empty placement list.
 */
export async function rearrangePdf(source: Uint8Array, text: string, placements: PagePlacement[]): Promise<RearrangedPdf> {
  const original = await PDFDocument.load(source, { updateMetadata: false });
  const sourcePageCount = original.getPageCount();
  checkPlacements(placements, sourcePageCount);

  const edited = await PDFDocument.create({ updateMetadata: false });
  const copied = await edited.copyPages(original, placements.map((placement) => placement.sourcePage - 1));
  copied.forEach((page, index) => {
    const rotation = (placements[index] as PagePlacement).rotation;
    page.setRotation(degrees((page.getRotation().angle + rotation) % 360));
    edited.addPage(page);
  });
  copyDocumentLevelEntries(original, edited);
  setFileIdentifier(original, edited, placements);

  const pageTexts = text.split(pageSeparator);
  return {
    pdf: await edited.save({ useObjectStreams: false }),
    text: placements.map((placement) => pageTexts[placement.sourcePage - 1] ?? '').join(pageSeparator),
    pageCount: placements.length,
  };
}

function checkPlacements(placements: PagePlacement[], sourcePageCount: number): void {
  if (placements.length === 0) throw new RangeError('an edited document needs at least one page');
  const seen = new Set<number>();
  for (const { sourcePage, rotation } of placements) {
    if (!Number.isInteger(sourcePage) || sourcePage < 1 || sourcePage > sourcePageCount) {
      throw new RangeError(`page ${sourcePage} is outside the document (1-${sourcePageCount})`);
    }
    if (seen.has(sourcePage)) throw new RangeError(`page ${sourcePage} is placed twice`);
    if (![0, 90, 180, 270].includes(rotation)) throw new RangeError(`rotation ${rotation} is not a multiple of 90 degrees`);
    seen.add(sourcePage);
  }
}

function copyDocumentLevelEntries(from: PDFDocument, to: PDFDocument): void {
  const copier = PDFObjectCopier.for(from.context, to.context);
  for (const name of catalogueEntries) {
    const value = from.catalog.get(PDFName.of(name));
    if (value !== undefined) to.catalog.set(PDFName.of(name), copier.copy(value));
  }
  const info = from.context.lookup(from.context.trailerInfo.Info);
  if (info instanceof PDFDict) to.context.trailerInfo.Info = to.context.register(copier.copy(info));
}

/**
 * Writes the trailer's /ID, which PDF/A requires (ISO 19005-2, 6.1.3) and pdf-lib does not write.
 * The first part stays the source's, as the PDF specification asks for a changed file; the second
 * is derived from the source's and the edit, so the same edit gives the same bytes.
 */
function setFileIdentifier(from: PDFDocument, to: PDFDocument, placements: PagePlacement[]): void {
  const sourceId = from.context.lookup(from.context.trailerInfo.ID);
  const first = sourceId instanceof PDFArray ? sourceId.get(0) : undefined;
  const firstHex = first instanceof PDFHexString ? first.asString() : createHash('md5').update(JSON.stringify(placements)).digest('hex');
  const secondHex = createHash('md5').update(firstHex).update(JSON.stringify(placements)).digest('hex');
  to.context.trailerInfo.ID = to.context.obj([PDFHexString.of(firstHex), PDFHexString.of(secondHex)]);
}
