import { tPlural } from '../../src/i18n/index.ts';

test.each([
  [0, 'ar', 'لا أيام عمل'],
  [1, 'ar', 'يوم عمل واحد'],
  [2, 'ar', 'يوما عمل'],
  [5, 'ar', '5 أيام عمل'],
  [11, 'ar', '11 يوم عمل'],
  [100, 'ar', '100 يوم عمل'],
  [1, 'en', '1 working day'],
  [5, 'en', '5 working days'],
] as const)('working days %i in %s', (count, lang, expected) => {
  expect(tPlural('app.working_days', count, lang)).toBe(expected);
});

test('fraction uses the other form', () => {
  expect(tPlural('app.working_days', 0.5, 'en')).toBe('0.5 working days');
});
