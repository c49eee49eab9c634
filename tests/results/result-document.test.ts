import { SijillError } from '../../src/errors.ts';
import { renderResultDocument, resultKinds } from '../../src/results/result-document.ts';
import { createTypstRenderer } from '../../src/results/typst.ts';
import { extractText, resultInput, xmpPacket } from './fixtures.ts';

const arabicTitles = { licence: 'رخصة', certificate: 'شهادة', certified_copy: 'نسخة', decision: 'قرار' };
const englishTitles = { licence: 'Licence', certificate: 'Certificate', certified_copy: 'Certified electronic copy', decision: 'Administrative decision' };

test.each(resultKinds)('result %s renders Arabic text', async (kind) => {
  const pdf = renderResultDocument(resultInput({ kind }));
  const text = await extractText(pdf);

  expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
  expect(text).toContain(arabicTitles[kind]);
  expect(text).toContain(englishTitles[kind]);
  expect(text).toContain('Residential building permit');
  for (const word of ['رخصة', 'بناء', 'سكني', 'أحمد', 'علي', 'النخيل', 'بلدية', 'المدينة']) expect(text).toContain(word);
  expect(text).toContain('K7Q2-9XPM');
});

test('result prints LTR runs in order', async () => {
  const text = await extractText(renderResultDocument(resultInput()));

  expect(text).toContain('SJL-2025/000123');
  expect(text).toContain('1012345678');
  expect(text).toContain('+966 50 123 4567');
  expect(text).toContain('2025-03-05');
  expect(text).toContain('2026-03-05');
  expect(text).toContain('https://sijill.example/verify/K7Q2-9XPM');
});

test('result prints dates in the time zone', async () => {
  // 21:30 UTC on 4 March is already 5 March in Riyadh.
  const text = await extractText(renderResultDocument(resultInput({ issuedAt: new Date('2025-03-04T21:30:00Z'), validUntil: null })));

  expect(text).toContain('2025-03-05');
  expect(text).not.toContain('2025-03-04');
  expect(text).toContain('غير');
  expect(text).toContain('المدة');
});

test('rejection decision prints the reason', async () => {
  const reason = 'المخطط غير مطابق لاشتراطات الارتداد';
  const text = await extractText(renderResultDocument(resultInput({ kind: 'decision', decision: { outcome: 'rejected', reason } })));

  expect(text).toContain('Application rejected');
  expect(text).toContain('الارتداد');
  expect(text).toContain('لاشتراطات');
  expect(text).not.toContain('Application approved');
});

test('markup in user input prints literally', async () => {
  const hostile = 'J #panic("x") *b* _i_ $x^2$ [l] ] \\ <a> @r `q`';
  const pdf = renderResultDocument(resultInput({
    applicant: { name: hostile, identifier: '#1 *2* [3]', identifierKind: 'national_id' },
    fields: [{ label: '#set page(width: 1cm)', value: '#read("/etc/passwd")' }],
  }));
  const text = await extractText(pdf);

  expect(text).toContain(hostile);
  expect(text).toContain('#1 *2* [3]');
  expect(text).toContain('#set page(width: 1cm)');
  expect(text).toContain('#read("/etc/passwd")');
  expect(text).not.toContain('root:');
});

test('result carries PDF/A-2b metadata', () => {
  const pdf = renderResultDocument(resultInput());
  const xmp = xmpPacket(pdf);
  const raw = Buffer.from(pdf).toString('latin1');

  expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
  expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  expect(xmp).toContain('SJL-2025/000123');
  expect(xmp).toContain('<xmp:CreateDate>2025-03-05T09:30:00');
  expect(raw).toContain('/OutputIntents');
  expect(raw).toContain('/GTS_PDFA1');
});

test('result bytes are deterministic', () => {
  const first = renderResultDocument(resultInput());
  const second = renderResultDocument(resultInput());

  expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
});

test('renderer renders 50 in a row', async () => {
  const renderer = createTypstRenderer();
  const texts: string[] = [];
  for (let index = 0; index < 50; index++) {
    const reference = `SJL-2025/${String(index).padStart(6, '0')}`;
    texts.push(await extractText(renderResultDocument(resultInput({ reference }), renderer)));
  }

  texts.forEach((text, index) => expect(text).toContain(`SJL-2025/${String(index).padStart(6, '0')}`));
});

test('concurrent renders keep their own data', async () => {
  const references = Array.from({ length: 8 }, (_, index) => `SJL-2025/C${index}`);
  const pdfs = await Promise.all(references.map(async (reference) => renderResultDocument(resultInput({ reference }))));
  const texts = await Promise.all(pdfs.map(extractText));

  texts.forEach((text, index) => {
    expect(text).toContain(references[index]);
    for (const other of references.filter((_, otherIndex) => otherIndex !== index)) expect(text).not.toContain(other);
  });
});

test.each([
  ['rejected licence', { decision: { outcome: 'rejected' as const, reason: 'سبب' } }, 'decision: a licence is issued only for an approval'],
  ['rejection without reason', { kind: 'decision' as const, decision: { outcome: 'rejected' as const, reason: ' ' } }, 'decision.reason'],
  ['non-http URL', { verification: { code: 'X', url: 'javascript:alert(1)' } }, 'verification.url'],
  ['empty reference', { reference: '' }, 'reference'],
  ['validity before issue', { validUntil: new Date('2025-01-01T00:00:00Z') }, 'validUntil: must not be before issuedAt'],
  ['unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
])('result input rejects %s', (_, overrides, detail) => {
  const render = () => renderResultDocument(resultInput(overrides));

  expect(render).toThrow(SijillError);
  try {
    render();
  } catch (err) {
    expect((err as SijillError).code).toBe('result.invalid_input');
    expect(String((err as SijillError).params.detail)).toContain(detail);
  }
});
