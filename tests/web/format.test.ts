// Counts on the screens take the plural form of their language: Arabic has
// six (zero, one, two, few, many, other), English two.
import { formatWorkingDays, formatWorkingMinutes } from '../../src/web/format.ts';

test.each([
  [5, 'ar', '5 أيام عمل'],
  [1, 'ar', 'يوم عمل واحد'],
  [2, 'ar', 'يوما عمل'],
  [1, 'en', '1 working day'],
  [5, 'en', '5 working days'],
] as const)('working days %i in %s', (days, lang, expected) => {
  expect(formatWorkingDays(days, lang)).toBe(expected);
});

test.each([
  [200, 'ar', '3 ساعات و20 دقيقة'],
  [122, 'ar', 'ساعتان ودقيقتان'],
  [60, 'ar', 'ساعة واحدة'],
  [11 * 60, 'ar', '11 ساعة'],
  [45, 'ar', '45 دقيقة'],
  [3, 'ar', '3 دقائق'],
  [61, 'en', '1 hour 1 minute'],
  [200, 'en', '3 hours 20 minutes'],
  [0, 'en', '0 minutes'],
] as const)('working minutes %i in %s', (minutes, lang, expected) => {
  expect(formatWorkingMinutes(minutes, lang)).toBe(expected);
});

test('overdue time reads as overdue', () => {
  expect(formatWorkingMinutes(-90, 'en')).toBe('1 hour 30 minutes overdue');
});
