import { normalizeForSearch } from '../../src/digitize/normalize.ts';

test.each([
  ['bidi marks', '\u200fرقم\u200e \u202bالشهادة\u202c', 'رقم الشهاده'],
  ['alef variants', 'أحمد إبراهيم آمنة ٱلعلي', 'احمد ابراهيم امنه العلي'],
  ['alef maksura', 'مستشفى', 'مستشفي'],
  ['teh marbuta', 'مدرسة', 'مدرسه'],
  ['tatweel', 'شـــهادة', 'شهاده'],
  ['diacritics', 'شَهَادَةٌ مُصَدَّقَة', 'شهاده مصدقه'],
  ['Arabic-Indic digits', '٢٠٢٦/٤٤٧١', '2026/4471'],
  ['Persian digits', '۱۲۳۴۵۶۷۸۹۰', '1234567890'],
  ['Persian yeh and keheh', 'کتابی', 'كتابي'],
  ['presentation forms', '\ufefb', 'لا'],
  ['whitespace and case', '  Licence\n\tNo.  7 ', 'licence no. 7'],
])('normalize for search: %s', (_case, input, expected) => {
  expect(normalizeForSearch(input)).toBe(expected);
});

test('normalized query matches normalized OCR text', () => {
  const ocr = 'رقم الشهادة: ‏٢٠٢٦/٤٤٧١‎';
  const normalized = normalizeForSearch(ocr);

  expect(normalized).toContain(normalizeForSearch('الشهاده'));
  expect(normalized).toContain(normalizeForSearch('2026/4471'));
});
