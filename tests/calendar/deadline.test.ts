import { computeDeadline, createWorkingCalendar, type Pause } from '../../src/domain/calendar.ts';

// Riyadh is UTC+03:00 all year. 2025-03-02 is a Sunday; Friday and Saturday
// are the weekend; Eid al-Fitr 2025 is 30 March to 2 April.
const riyadh = createWorkingCalendar({
  timeZone: 'Asia/Riyadh',
  weekendDays: [5, 6],
  holidays: ['2025-03-30', '2025-03-31', '2025-04-01', '2025-04-02'],
  workdayStartMinute: 8 * 60,
  workdayEndMinute: 16 * 60,
});

// Paris: weekend Saturday and Sunday, 09:00-17:00. DST starts on Sunday
// 2025-03-30 (02:00 -> 03:00) and ends on Sunday 2025-10-26 (03:00 -> 02:00).
const paris = createWorkingCalendar({ timeZone: 'Europe/Paris', weekendDays: [6, 0], workdayStartMinute: 9 * 60, workdayEndMinute: 17 * 60 });

// A service open around the clock, every day: working minutes are elapsed minutes.
const parisAlwaysOpen = createWorkingCalendar({ timeZone: 'Europe/Paris', weekendDays: [], workdayStartMinute: 0, workdayEndMinute: 1440 });

const r = (local: string): Date => new Date(`${local}:00+03:00`);
const pause = (from: string, to?: string): Pause => (to === undefined ? { from: r(from) } : { from: r(from), to: r(to) });

interface Case {
  name: string;
  received: string;
  days: number;
  pauses?: Pause[];
  extension?: number;
  expected: string | null;
}

const riyadhCases: Case[] = [
  { name: 'one day, mid-morning', received: '2025-03-02T10:00', days: 1, expected: '2025-03-03T10:00' },
  { name: 'Thursday skips the weekend', received: '2025-03-06T10:00', days: 1, expected: '2025-03-09T10:00' },
  { name: 'Thursday evening receipt', received: '2025-03-06T18:00', days: 1, expected: '2025-03-09T16:00' },
  { name: 'weekend receipt', received: '2025-03-08T09:00', days: 0.5, expected: '2025-03-09T12:00' },
  { name: 'half day in the morning is the same day', received: '2025-03-02T10:00', days: 0.5, expected: '2025-03-02T14:00' },
  { name: 'half day after noon runs into the next day', received: '2025-03-02T14:00', days: 0.5, expected: '2025-03-03T10:00' },
  { name: 'receipt at opening', received: '2025-03-02T08:00', days: 1, expected: '2025-03-02T16:00' },
  { name: 'receipt before opening', received: '2025-03-02T07:59', days: 1, expected: '2025-03-02T16:00' },
  { name: 'receipt at closing counts from next day', received: '2025-03-02T16:00', days: 1, expected: '2025-03-03T16:00' },
  { name: 'one minute before closing', received: '2025-03-02T15:59', days: 1, expected: '2025-03-03T15:59' },
  { name: 'holidays and weekend skipped', received: '2025-03-27T10:00', days: 2, expected: '2025-04-06T10:00' },
  { name: 'receipt on a holiday', received: '2025-03-31T10:00', days: 1, expected: '2025-04-03T16:00' },
  { name: 'five days across a weekend', received: '2025-03-02T10:00', days: 5, expected: '2025-03-09T10:00' },
  { name: 'zero days is the clock start', received: '2025-03-06T18:00', days: 0, expected: '2025-03-09T08:00' },
  { name: 'quarter day', received: '2025-03-02T15:00', days: 0.25, expected: '2025-03-03T09:00' },
  { name: 'pause spanning a weekend', received: '2025-03-02T10:00', days: 5, pauses: [pause('2025-03-05T12:00', '2025-03-09T12:00')], expected: '2025-03-11T10:00' },
  { name: 'pause ending after hours', received: '2025-03-02T10:00', days: 2, pauses: [pause('2025-03-03T15:00', '2025-03-03T20:00')], expected: '2025-03-04T11:00' },
  { name: 'pause entirely off hours', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-02T17:00', '2025-03-03T07:00')], expected: '2025-03-03T10:00' },
  { name: 'pause before receipt ignored', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-02-20T10:00', '2025-02-27T10:00')], expected: '2025-03-03T10:00' },
  { name: 'pause after deadline ignored', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-04T10:00', '2025-03-05T10:00')], expected: '2025-03-03T10:00' },
  { name: 'overlapping pauses count once', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-02T11:00', '2025-03-02T13:00'), pause('2025-03-02T12:00', '2025-03-02T14:00')], expected: '2025-03-03T13:00' },
  { name: 'two separate pauses', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-02T11:00', '2025-03-02T12:00'), pause('2025-03-03T08:00', '2025-03-03T09:00')], expected: '2025-03-03T12:00' },
  { name: 'pause at receipt', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-02T10:00', '2025-03-02T11:00')], expected: '2025-03-03T11:00' },
  { name: 'open pause', received: '2025-03-02T10:00', days: 3, pauses: [pause('2025-03-03T10:00')], expected: null },
  { name: 'open pause after deadline ignored', received: '2025-03-02T10:00', days: 1, pauses: [pause('2025-03-03T11:00')], expected: '2025-03-03T10:00' },
  { name: 'legal extension', received: '2025-03-02T10:00', days: 1, extension: 2, expected: '2025-03-05T10:00' },
  { name: 'extension and pause', received: '2025-03-02T10:00', days: 1, extension: 1, pauses: [pause('2025-03-03T10:00', '2025-03-03T12:00')], expected: '2025-03-04T12:00' },
];

test.each(riyadhCases)('Riyadh deadline: $name', ({ received, days, pauses, extension, expected }) => {
  const deadline = computeDeadline(r(received), days, riyadh, pauses, extension);

  expect(deadline?.toISOString() ?? null).toBe(expected === null ? null : r(expected).toISOString());
});

const parisCases: Array<{ name: string; received: string; days: number; expected: string }> = [
  { name: 'Friday before DST starts', received: '2025-03-28T16:00:00+01:00', days: 1, expected: '2025-03-31T16:00:00+02:00' },
  { name: 'Friday before DST ends', received: '2025-10-24T16:00:00+02:00', days: 1, expected: '2025-10-27T16:00:00+01:00' },
  { name: 'summer week', received: '2025-07-02T09:30:00+02:00', days: 2, expected: '2025-07-04T09:30:00+02:00' },
  { name: 'Monday morning after DST ends', received: '2025-10-27T08:00:00+01:00', days: 0.5, expected: '2025-10-27T13:00:00+01:00' },
];

test.each(parisCases)('Paris deadline: $name', ({ received, days, expected }) => {
  const deadline = computeDeadline(new Date(received), days, paris);

  expect(deadline?.toISOString()).toBe(new Date(expected).toISOString());
});

test('always-open calendar counts the short DST day as 23 hours', () => {
  const deadline = computeDeadline(new Date('2025-03-29T12:00:00+01:00'), 1, parisAlwaysOpen);

  // 1440 elapsed minutes from Saturday noon CET is Sunday 13:00 CEST.
  expect(deadline?.toISOString()).toBe(new Date('2025-03-30T13:00:00+02:00').toISOString());
});

test('always-open calendar counts the long DST day as 25 hours', () => {
  const deadline = computeDeadline(new Date('2025-10-25T12:00:00+02:00'), 1, parisAlwaysOpen);

  expect(deadline?.toISOString()).toBe(new Date('2025-10-26T11:00:00+01:00').toISOString());
});

test('deadline keeps seconds of receipt', () => {
  const deadline = computeDeadline(new Date('2025-03-02T10:00:30.250+03:00'), 1, riyadh);

  expect(deadline?.toISOString()).toBe('2025-03-03T07:00:30.250Z');
});

test('deadline rejects negative days', () => {
  expect(() => computeDeadline(r('2025-03-02T10:00'), -1, riyadh)).toThrow('invalid legalWorkingDays -1');
  expect(() => computeDeadline(r('2025-03-02T10:00'), Number.NaN, riyadh)).toThrow('invalid legalWorkingDays NaN');
  expect(() => computeDeadline(r('2025-03-02T10:00'), 1, riyadh, [], -0.5)).toThrow('invalid extensionWorkingDays -0.5');
});

test('calendar without working days throws', () => {
  const holidays = Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
  const closed = createWorkingCalendar({ timeZone: 'UTC', weekendDays: [], holidays, workdayStartMinute: 480, workdayEndMinute: 960 });

  expect(() => computeDeadline(new Date('2025-01-01T10:00:00Z'), 1, closed)).toThrow('no working day in 400 days');
});
