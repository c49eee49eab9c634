// Assembles the one-page PDFs written by Tesseract into one PDF/A-2b file.
// Tesseract's pages already meet PDF/A-2b's content rules: the page image
// (DeviceRGB or DeviceGray, no transparency) and the text layer in
// GlyphLessFont, which Tesseract embeds. What they lack is added here: XMP
// metadata that matches the document information dictionary, an sRGB output
// intent and a file identifier. veraPDF's PDF/A-2B profile accepts the result
// (tests/digitize/ocr.test.ts).
import { randomBytes } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString, type PDFPage } from 'pdf-lib';
import { correctTextLayer } from './text-layer.ts';

export interface PdfAOptions {
  /** ICC profile of sRGB IEC61966-2.1, embedded as the output intent. */
  iccProfile: Uint8Array;
  /** Creation and modification time written to the metadata. */
  created: Date;
  /** Turn Latin commas after Arabic letters into Arabic commas in the text layer (text-layer.ts). */
  restoreArabicCommas: boolean;
}

export interface PdfAPage {
  /** A PDF written by Tesseract, usually of one page. */
  pdf: Uint8Array;
  /** Counter-clockwise turn of the page's content around its centre, in degrees; 0 leaves it as it is. */
  rotationDegrees: number;
}

const producer = 'Sijill (Tesseract)';

/** Merges one-page PDFs, in order, into a PDF/A-2b document. */
export async function assemblePdfA(pages: readonly PdfAPage[], options: PdfAOptions): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  for (const { pdf, rotationDegrees } of pages) {
    const source = await PDFDocument.load(pdf, { updateMetadata: false });
    for (const page of await document.copyPages(source, source.getPageIndices())) {
      correctTextLayer(page, { arabicCommas: options.restoreArabicCommas });
      if (rotationDegrees !== 0) rotateContent(page, rotationDegrees);
      document.addPage(page);
    }
  }

  document.setProducer(producer);
  document.setCreationDate(options.created);
  document.setModificationDate(options.created);
  const context = document.context;
  const metadata = context.stream(new TextEncoder().encode(xmpPacket(options.created)), { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const profile = context.register(context.flateStream(options.iccProfile, { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  document.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

  // PDF/A requires a file identifier in the trailer.
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
  return document.save({ useObjectStreams: false });
}

/**
 * Turns everything drawn on the page, the scanned image and the invisible
 * text together, counter-clockwise around the page's centre. The text stays
 * on the glyphs it was read from, so selecting and searching still work. The
 * corners the image leaves are blank, and its own corners fall outside the
 * page and are cut off, as when the pixels are rotated.
 */
function rotateContent(page: PDFPage, degrees: number): void {
  const { width, height } = page.getSize();
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const x = width / 2;
  const y = height / 2;
  // Translate the centre to the origin, rotate, translate back.
  const matrix = [cos, sin, -sin, cos, x - cos * x + sin * y, y - sin * x - cos * y].map((n) => n.toFixed(6)).join(' ');
  const context = page.doc.context;
  const start = context.register(context.stream(`q ${matrix} cm\n`));
  const end = context.register(context.stream('\nQ\n'));
  const contents = page.node.get(PDFName.of('Contents'));
  const streams = context.lookup(contents) instanceof PDFArray ? context.lookup(contents, PDFArray).asArray() : contents === undefined ? [] : [contents];
  page.node.set(PDFName.of('Contents'), context.obj([start, ...streams, end]));
}

/** Builds the XMP packet; its values must equal those of the information dictionary. */
function xmpPacket(created: Date): string {
  // PDF dates carry whole seconds, so the XMP dates drop the milliseconds too.
  const date = created.toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    '<pdfaid:part>2</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    `<pdf:Producer>${producer}</pdf:Producer>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
