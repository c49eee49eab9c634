// Pure helpers of the counter screens: the search snippet, the compliance
// period, the page edit form and the paper exception fields.
import { parseReportPeriod } from '../../src/domain/counter/period.ts';
import { searchTextOf } from '../../src/domain/counter/search.ts';
import { findSnippet } from '../../src/domain/counter/snippet.ts';
import { normalizeForSearch } from '../../src/digitize/index.ts';
import { SijillError } from '../../src/errors.ts';
import { paperExceptionsOf } from '../../src/web/handlers/counter.ts';
import { pagePlacementsOf } from '../../src/web/handlers/page-edits.ts';

test('snippet marks original spelling', () => {
  const text = 'تشهد مصلحةُ الضرائب بأنّ المكلّف\u200f مؤسسة الحدّاد التجارية ليس عليه مستحقات';
  const snippet = findSnippet(text, normalizeForSearch('مؤسسه الحداد'));
  expect(snippet?.match).toBe('مؤسسة الحدّاد');
  expect(snippet?.before).toContain('المكلّف');
  expect(snippet?.after).toContain('التجارية');
});

test('snippet maps Arabic-Indic digits', () => {
  const snippet = findSnippet('الرقم الضريبي: ٣٠٠٤٥١٢٧٨ صادر', '300451278');
  expect(snippet?.match).toBe('٣٠٠٤٥١٢٧٨');
});

test('snippet trims long context', () => {
  const text = `${'أ'.repeat(200)} كلمة ${'ب'.repeat(200)}`;
  const snippet = findSnippet(text, 'كلمه', 20);
  expect(snippet?.before.startsWith('… ')).toBe(true);
  expect(snippet?.after.endsWith(' …')).toBe(true);
  expect(snippet?.before.length).toBeLessThan(30);
});

test('snippet absent without match', () => {
  expect(findSnippet('نص بلا تطابق', 'غائب')).toBeNull();
});

test('search text covers file name', () => {
  expect(searchTextOf('إقامة.pdf', 'سكن')).toBe('اقامه.pdf سكن');
});

test('period covers whole local days', () => {
  const period = parseReportPeriod('2026-12-01', '2026-12-31', 'Asia/Riyadh');
  expect(period.start.toISOString()).toBe('2026-11-30T21:00:00.000Z');
  expect(period.end.toISOString()).toBe('2026-12-31T21:00:00.000Z');
});

test('period rejects bad input', () => {
  for (const [from, to] of [['2026-12-31', '2026-12-01'], ['2026-02-30', '2026-03-01'], ['2025-01-01', '2026-12-31'], ['', '2026-01-01']]) {
    expect(() => parseReportPeriod(from as string, to as string, 'Asia/Riyadh')).toThrow(SijillError);
  }
});

test('page form orders by position', () => {
  const placements = pagePlacementsOf({ 'position.1': '2', 'position.2': '1', 'rotate.2': '90', 'position.3': '3', 'remove.3': 'on' }, 3);
  expect(placements).toEqual([{ sourcePage: 2, rotation: 90 }, { sourcePage: 1, rotation: 0 }]);
});

test('page form rejects odd rotation', () => {
  expect(() => pagePlacementsOf({ 'position.1': '1', 'rotate.1': '45' }, 1)).toThrow(SijillError);
});

test('exception fields become inputs', () => {
  const exceptions = paperExceptionsOf({ 'exception:national-id': 'other', 'exceptionNote:national-id': ' laminated ', 'exception:proof-of-address': '' });
  expect(exceptions).toEqual([{ componentCode: 'national-id', reason: 'other', note: 'laminated' }]);
  expect(() => paperExceptionsOf({ 'exception:national-id': 'lost' })).toThrow(SijillError);
});
