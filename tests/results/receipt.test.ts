import { SijillError } from '../../src/errors.ts';
import { renderReceipt } from '../../src/results/receipt.ts';
import { extractText, receiptInput, xmpPacket } from './fixtures.ts';

test('receipt renders Arabic text', async () => {
  const text = await extractText(renderReceipt(receiptInput()));

  expect(text).toContain('Electronic receipt');
  expect(text).toContain('Building completion certificate');
  for (const word of ['إيصال', 'استلام', 'شهادة', 'إتمام', 'بناء', 'للمقاولات', 'النخيل']) expect(text).toContain(word);
  expect(text).toContain('R5T8-2WQA');
});

test('receipt prints times and hashes in order', async () => {
  const text = await extractText(renderReceipt(receiptInput()));

  expect(text).toContain('SJL-2025/000456');
  expect(text).toContain('4030123456');
  expect(text).toContain('2025-03-02 10:00 UTC+03:00');
  expect(text).toContain('2025-03-11 10:00 UTC+03:00');
  expect(text).toContain('3f2a9c1e7b5d0a44');
  expect(text).not.toContain('3f2a9c1e7b5d0a44c');
  expect(text).toContain('a1b2c3d4e5f60718');
  expect(text).toContain('site-plan.pdf');
  expect(text).toContain('https://sijill.example/dossiers/SJL-2025-000456');
});

test('receipt prints validity bases', async () => {
  const text = await extractText(renderReceipt(receiptInput()));

  expect(text).toContain('Digitized and sealed');
  expect(text).toContain('Electronically authenticated');
});

test('receipt with paused clock', async () => {
  const text = await extractText(renderReceipt(receiptInput({ deadline: null, documents: [], verification: undefined })));

  expect(text).toContain('متوقف');
  expect(text).toContain('توجد');
  expect(text).not.toContain('UTC+03:00 2025-03-11');
  expect(text).not.toContain('2025-03-11');
});

test('receipt in a DST zone prints the offset', async () => {
  const text = await extractText(renderReceipt(receiptInput({ timeZone: 'Europe/Paris', receivedAt: new Date('2025-03-31T08:00:00Z'), deadline: new Date('2025-11-03T09:00:00Z') })));

  expect(text).toContain('2025-03-31 10:00 UTC+02:00');
  expect(text).toContain('2025-11-03 10:00 UTC+01:00');
});

test('receipt escapes document names', async () => {
  const name = '#include "x.typ" *scan* [1].pdf';
  const text = await extractText(renderReceipt(receiptInput({ documents: [{ name, sha256: 'f'.repeat(64), validityBasis: 'self_declared' }] })));

  expect(text).toContain(name);
});

test('receipt carries PDF/A-2b metadata', () => {
  const xmp = xmpPacket(renderReceipt(receiptInput()));

  expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
  expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
});

test('receipt rejects a malformed hash', () => {
  const render = () => renderReceipt(receiptInput({ documents: [{ name: 'x', sha256: 'XYZ', validityBasis: 'self_declared' }] }));

  expect(render).toThrow(SijillError);
  expect(render).toThrow('documents.0.sha256');
});
