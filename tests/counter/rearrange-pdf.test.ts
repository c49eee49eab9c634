// rearrangePdf on a small PDF built here: each page carries its number as
// text, so the order of the text layer shows the order of the pages.
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { extractText } from '../../src/digitize/index.ts';
import { rearrangePdf } from '../../src/domain/counter/rearrange-pdf.ts';

async function numberedPdf(pages: number): Promise<{ pdf: Uint8Array; text: string }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number += 1) {
    const page = doc.addPage([300, 400]);
    page.drawText(`page ${number}`, { x: 50, y: 300, size: 24, font });
  }
  return { pdf: await doc.save(), text: Array.from({ length: pages }, (_, index) => `page ${index + 1}`).join('\f') };
}

test('reorder keeps each page text', async () => {
  const { pdf, text } = await numberedPdf(3);
  const edited = await rearrangePdf(pdf, text, [{ sourcePage: 3, rotation: 0 }, { sourcePage: 1, rotation: 0 }, { sourcePage: 2, rotation: 0 }]);
  expect(edited.pageCount).toBe(3);
  expect(edited.text).toBe('page 3\fpage 1\fpage 2');
  expect((await extractText(edited.pdf)).pages).toEqual(['page 3', 'page 1', 'page 2']);
});

test('remove drops the page content', async () => {
  const { pdf, text } = await numberedPdf(3);
  const edited = await rearrangePdf(pdf, text, [{ sourcePage: 1, rotation: 0 }, { sourcePage: 3, rotation: 0 }]);
  expect(edited.text).toBe('page 1\fpage 3');
  expect((await extractText(edited.pdf)).pages).toEqual(['page 1', 'page 3']);
  // The removed page is not carried over as an unreferenced object either.
  const reloaded = await PDFDocument.load(edited.pdf);
  const pageObjects = reloaded.context.enumerateIndirectObjects()
    .filter(([, object]) => object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Page'));
  expect(pageObjects).toHaveLength(2);
});

test('rotation adds to the page rotation', async () => {
  const { pdf, text } = await numberedPdf(2);
  const once = await rearrangePdf(pdf, text, [{ sourcePage: 1, rotation: 270 }, { sourcePage: 2, rotation: 90 }]);
  const twice = await rearrangePdf(once.pdf, once.text, [{ sourcePage: 1, rotation: 180 }, { sourcePage: 2, rotation: 0 }]);
  const pages = (await PDFDocument.load(twice.pdf)).getPages();
  expect(pages.map((page) => page.getRotation().angle)).toEqual([90, 90]);
});

test('trailer gets a file identifier', async () => {
  const { pdf, text } = await numberedPdf(1);
  const edited = await rearrangePdf(pdf, text, [{ sourcePage: 1, rotation: 90 }]);
  expect(Buffer.from(edited.pdf).toString('latin1')).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
});

test('invalid placements are rejected', async () => {
  const { pdf, text } = await numberedPdf(2);
  await expect(rearrangePdf(pdf, text, [])).rejects.toThrow(RangeError);
  await expect(rearrangePdf(pdf, text, [{ sourcePage: 3, rotation: 0 }])).rejects.toThrow('outside the document');
  await expect(rearrangePdf(pdf, text, [{ sourcePage: 1, rotation: 0 }, { sourcePage: 1, rotation: 0 }])).rejects.toThrow('placed twice');
  await expect(rearrangePdf(pdf, text, [{ sourcePage: 1, rotation: 45 as 0 }])).rejects.toThrow('multiple of 90');
});
