// Every file of the hostile-upload corpus gets the behaviour its manifest
// names: accepted, accepted and flagged, or rejected with a specific code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SijillError } from '../../src/errors.ts';
import { inspectUpload, type UploadInspection, type UploadLimits } from '../../src/intake/index.ts';

const corpus = path.resolve('../shared/corpus/bad-inputs');
const limits: UploadLimits = { maxBytes: 50 * 1024 * 1024, maxPages: 500, maxPixels: 200_000_000 };

type Expected = { rejectedWith: string } | { accepted: Partial<UploadInspection> };

const expectations: Record<string, Expected> = {
  'valid-minimal.pdf': { accepted: { mediaType: 'application/pdf', pageCount: 1, signed: false, activeContent: [] } },
  'zero-bytes.pdf': { rejectedWith: 'upload.empty' },
  'truncated.pdf': { rejectedWith: 'upload.corrupt' },
  'garbage-before-header.pdf': { rejectedWith: 'upload.header_not_at_start' },
  'encrypted-aes256.pdf': { rejectedWith: 'upload.encrypted' },
  'javascript-openaction.pdf': { accepted: { mediaType: 'application/pdf', activeContent: ['javascript', 'launch'] } },
  'embedded-file.pdf': { accepted: { mediaType: 'application/pdf', activeContent: ['embedded_file'] } },
  'deep-nesting.pdf': { rejectedWith: 'upload.too_deeply_nested' },
  'five-thousand-pages.pdf': { rejectedWith: 'upload.too_many_pages' },
  'pixel-bomb.png': { rejectedWith: 'upload.too_many_pixels' },
  'png-named-as.pdf': { accepted: { mediaType: 'image/png', width: 8, height: 8, safeFileName: 'png-named-as.png', extensionReplaced: true } },
  'pdf-named-as.jpg': { accepted: { mediaType: 'application/pdf', pageCount: 1, safeFileName: 'pdf-named-as.pdf', extensionReplaced: true } },
  'corrupt.jpg': { rejectedWith: 'upload.corrupt' },
};

test('table covers every corpus file', () => {
  const files = readdirSync(corpus).filter((name) => name !== 'MANIFEST.md').sort();
  expect(Object.keys(expectations).sort()).toEqual(files);
});

test('manifest lists every table row', () => {
  const manifest = readFileSync(path.join(corpus, 'MANIFEST.md'), 'utf8');
  for (const file of Object.keys(expectations)) expect(manifest).toContain(`| ${file} |`);
});

test.each(Object.entries(expectations))('%s', async (file, expected) => {
  const bytes = new Uint8Array(readFileSync(path.join(corpus, file)));
  // Work is bounded by the limits, not by the clock; Jest's timeout catches a hang.
  const outcome = await inspectUpload(bytes, file, limits).then(
    (inspection) => ({ inspection }),
    (error: unknown) => ({ error }),
  );

  if ('rejectedWith' in expected) {
    expect(outcome).toHaveProperty('error');
    const error = 'error' in outcome ? outcome.error : undefined;
    expect(error).toBeInstanceOf(SijillError);
    expect((error as SijillError).code).toBe(expected.rejectedWith);
  } else {
    expect(outcome).toHaveProperty('inspection');
    expect('inspection' in outcome ? outcome.inspection : undefined).toMatchObject(expected.accepted);
  }
});

test('page count within a higher limit', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(corpus, 'five-thousand-pages.pdf')));

  const inspection = await inspectUpload(bytes, 'book.pdf', { ...limits, maxPages: 10_000 });

  expect(inspection.pageCount).toBe(5000);
});
