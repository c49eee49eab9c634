// The signing read (pdf-objects-signing.ts, only the objects a signature
// changes) against pdf-lib's full parse: both must give signatures that
// validate identically, on generated PDFs and on every corpus file the
// signing read accepts.
import { readdir, readFile } from 'node:fs/promises';
import { createCadesSignature } from '../../src/signatures/cms-sign.ts';
import { readPreviousTrailer } from '../../src/signatures/incremental-update.ts';
import { readSigningObjects, type SigningDocument } from '../../src/signatures/pdf-objects-signing.ts';
import { UnusualPdfError } from '../../src/signatures/pdf-objects.ts';
import { appendSignatureField, loadForSigning, loadSigningDocument } from '../../src/signatures/signature-field.ts';
import { signPdf, validatePdfSignatures, type SignatureReport } from '../../src/signatures/index.ts';
import { createTestPki, makePdf, type TestPki } from '../support/test-pki.ts';

const corpus = '../shared/corpus/signatures';
const entries = ['/Type /Sig', '/Filter /Adobe.PPKLite', '/SubFilter /ETSI.CAdES.detached', '/M (D:20260101000000Z)'];
let rsa: TestPki;

beforeAll(async () => {
  rsa = await createTestPki('RSA-2048');
});

afterAll(async () => {
  await rsa.remove();
});

async function corpusFiles(): Promise<[string, Uint8Array][]> {
  const files: [string, Uint8Array][] = [];
  for (const folder of ['esig-dss', 'pyhanko']) {
    for (const name of (await readdir(`${corpus}/${folder}`)).sort()) {
      if (name.endsWith('.pdf')) files.push([`${folder}/${name}`, await readFile(`${corpus}/${folder}/${name}`)]);
    }
  }
  return files;
}

async function readFast(pdf: Uint8Array, page = 0): Promise<SigningDocument> {
  return readSigningObjects(pdf, readPreviousTrailer(pdf).startXref, page);
}

function outcome(report: SignatureReport): object {
  const { fieldName, kind, indication, subIndication, byteRangeValid, digestMatches, signatureValid, changes } = report;
  return { fieldName, kind, indication, subIndication, byteRangeValid, digestMatches, signatureValid, changes };
}

async function validateBothWays(pdf: Uint8Array, page = 0): Promise<{ fast: object[]; full: object[] }> {
  const produce = (digest: Uint8Array): Promise<Uint8Array> => createCadesSignature(digest, rsa.seal);
  const fastSigned = await appendSignatureField(pdf, await readFast(pdf, page), entries, produce, { page });
  const fullSigned = await appendSignatureField(pdf, await loadForSigning(pdf), entries, produce, { page });
  const options = { trustAnchors: [rsa.rootPem], at: new Date(), revocation: { fetch: false } };
  const fast = (await validatePdfSignatures(fastSigned, options)).map(outcome);
  const full = (await validatePdfSignatures(fullSigned, options)).map(outcome);
  return { fast, full };
}

test('signing read matches full parse on generated pdfs', async () => {
  const inputs = [await makePdf(1), await makePdf(20), await makePdf(3, { objectStreams: true })];
  inputs.push(await signPdf(inputs[2] ?? new Uint8Array(), rsa.seal));
  for (const pdf of inputs) {
    const { fast, full } = await validateBothWays(pdf);

    expect(fast).toEqual(full);
    expect(fast.at(-1)).toMatchObject({ indication: 'TOTAL_PASSED' });
  }
});

test('signing read finds a later page', async () => {
  const pdf = await makePdf(20, { objectStreams: true });
  const document = await readFast(pdf, 13);
  const full = await loadForSigning(pdf);

  expect(document.pageCount).toBe(20);
  expect(document.page?.ref).toBe(full.getPages()[13]?.ref);
  expect((await validateBothWays(pdf, 13)).fast).toEqual((await validateBothWays(pdf, 13)).full);
});

test('signing read matches full parse on corpus', async () => {
  let fastCount = 0;
  for (const [name, pdf] of await corpusFiles()) {
    try {
      await readFast(pdf);
    } catch (err) {
      if (err instanceof UnusualPdfError) continue;
      throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
    }
    fastCount++;
    const { fast, full } = await validateBothWays(pdf);

    expect({ name, reports: fast }).toEqual({ name, reports: full });
  }
  // 14 of the 23 corpus files have plain cross-reference sections; the others are hybrid, linearized or damaged.
  expect(fastCount).toBeGreaterThanOrEqual(14);
});

test('hybrid cross-reference falls back to full parse', async () => {
  const pdf = await readFile(`${corpus}/esig-dss/certified-no-change-permitted.pdf`);

  await expect(readFast(pdf)).rejects.toThrow(UnusualPdfError);
  expect('getPages' in await loadSigningDocument(pdf)).toBe(true);
});

test('page beyond count falls back to full parse', async () => {
  const pdf = await makePdf(2);

  await expect(readFast(pdf, 5)).rejects.toThrow(UnusualPdfError);
  await expect(signPdf(pdf, rsa.seal, { page: 5 })).rejects.toThrow('page 5 does not exist; the document has 2 pages');
});
