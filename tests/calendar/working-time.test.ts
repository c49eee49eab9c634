import { loadConfig } from '../../src/config.ts';
import {
  calendarFromConfig,
  createWorkingCalendar,
  isWorkingDay,
  isWorkingTime,
  nextWorkingTime,
  workingMinutesBetween,
  workingTimeLeft,
} from '../../src/domain/calendar.ts';

const riyadh = createWorkingCalendar({
  timeZone: 'Asia/Riyadh',
  weekendDays: [5, 6],
  holidays: ['2025-03-31'],
  workdayStartMinute: 8 * 60,
  workdayEndMinute: 16 * 60,
});
const paris = createWorkingCalendar({ timeZone: 'Europe/Paris', weekendDays: [6, 0], workdayStartMinute: 9 * 60, workdayEndMinute: 17 * 60 });

const r = (local: string): Date => new Date(`${local}:00+03:00`);

test.each([
  ['2025-03-02T08:00', true, 'opening minute'],
  ['2025-03-02T15:59', true, 'last minute'],
  ['2025-03-02T16:00', false, 'closing is exclusive'],
  ['2025-03-02T07:59', false, 'before opening'],
  ['2025-03-07T10:00', false, 'Friday'],
  ['2025-03-08T10:00', false, 'Saturday'],
  ['2025-03-31T10:00', false, 'holiday'],
  ['2025-03-06T12:00', true, 'Thursday'],
])('isWorkingTime Riyadh %s', (local, expected) => {
  expect(isWorkingTime(r(local), riyadh)).toBe(expected);
});

test.each([
  ['2025-03-31T09:30:00+02:00', true, 'Monday after DST starts, 07:30 UTC'],
  ['2025-03-28T08:30:00Z', true, 'Friday before DST, 09:30 CET'],
  ['2025-03-31T07:30:00Z', true, '09:30 CEST'],
  ['2025-03-31T06:30:00Z', false, '08:30 CEST'],
  ['2025-10-27T08:30:00Z', true, '09:30 CET'],
  ['2025-10-27T07:30:00Z', false, '08:30 CET'],
])('isWorkingTime Paris %s', (instant, expected) => {
  expect(isWorkingTime(new Date(instant), paris)).toBe(expected);
});

test('isWorkingDay weekend and holiday', () => {
  expect(isWorkingDay('2025-03-02', riyadh)).toBe(true);
  expect(isWorkingDay('2025-03-07', riyadh)).toBe(false);
  expect(isWorkingDay('2025-03-31', riyadh)).toBe(false);
  expect(() => isWorkingDay('2025-02-30', riyadh)).toThrow('invalid date "2025-02-30"');
});

test.each([
  ['2025-03-02T10:00', '2025-03-02T10:00', 'inside working time'],
  ['2025-03-02T17:00', '2025-03-03T08:00', 'evening'],
  ['2025-03-06T16:00', '2025-03-09T08:00', 'Thursday closing'],
  ['2025-03-30T17:00', '2025-04-01T08:00', 'evening before the holiday'],
])('nextWorkingTime from %s', (from, expected) => {
  const next = nextWorkingTime(r(from), riyadh);

  expect(next.toISOString()).toBe(r(expected).toISOString());
});

test.each([
  ['2025-03-02T10:00', '2025-03-03T10:00', 480, 'one working day'],
  ['2025-03-06T15:00', '2025-03-09T09:00', 120, 'over the weekend'],
  ['2025-03-08T12:00', '2025-03-09T09:00', 60, 'from the weekend'],
  ['2025-03-03T11:00', '2025-03-03T10:00', -60, 'breached by an hour'],
  ['2025-03-09T09:00', '2025-03-06T15:00', -120, 'breached over the weekend'],
  ['2025-03-02T10:00', '2025-03-02T10:00', 0, 'at the deadline'],
  ['2025-03-02T17:00', '2025-03-03T08:00', 0, 'off hours only'],
])('workingTimeLeft from %s to %s', (now, deadline, expected) => {
  expect(workingTimeLeft(r(now), r(deadline), riyadh)).toBe(expected);
});

test('workingTimeLeft in fractions of a minute', () => {
  expect(workingTimeLeft(new Date('2025-03-02T09:59:30+03:00'), r('2025-03-02T10:00'), riyadh)).toBe(0.5);
});

test('workingMinutesBetween across DST start', () => {
  // Friday 16:00 CET to Monday 10:00 CEST: 60 + 60 working minutes.
  expect(workingMinutesBetween(new Date('2025-03-28T16:00:00+01:00'), new Date('2025-03-31T10:00:00+02:00'), paris)).toBe(120);
});

test('calendarFromConfig reads the defaults', () => {
  const calendar = calendarFromConfig(loadConfig({}));

  expect(calendar.timeZone).toBe('Asia/Riyadh');
  expect([...calendar.weekendDays]).toEqual([5, 6]);
  expect(calendar.holidays.size).toBe(0);
  expect(calendar.workdayStartMinute).toBe(480);
  expect(calendar.workdayEndMinute).toBe(960);
});

test('calendarFromConfig reads set values', () => {
  const calendar = calendarFromConfig(loadConfig({
    SIJILL_TIMEZONE: 'Europe/Paris', SIJILL_WEEKEND: '0,6', SIJILL_HOLIDAYS: '2025-05-01,2025-05-08', SIJILL_WORKING_HOURS: '09:30-24:00',
  }));

  expect(calendar.timeZone).toBe('Europe/Paris');
  expect([...calendar.holidays]).toEqual(['2025-05-01', '2025-05-08']);
  expect(calendar.workdayStartMinute).toBe(570);
  expect(calendar.workdayEndMinute).toBe(1440);
});

test('config rejects malformed working hours', () => {
  expect(() => loadConfig({ SIJILL_WORKING_HOURS: '8-16' })).toThrow('SIJILL_WORKING_HOURS');
  expect(() => loadConfig({ SIJILL_WORKING_HOURS: '08:00-24:30' })).toThrow('SIJILL_WORKING_HOURS');
});

test('createWorkingCalendar rejects invalid values', () => {
  const base = { timeZone: 'Asia/Riyadh', weekendDays: [5, 6], workdayStartMinute: 480, workdayEndMinute: 960 };

  expect(() => createWorkingCalendar({ ...base, timeZone: 'Mars/Olympus' })).toThrow('invalid time zone "Mars/Olympus"');
  expect(() => createWorkingCalendar({ ...base, weekendDays: [7] })).toThrow('invalid weekend day 7');
  expect(() => createWorkingCalendar({ ...base, weekendDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow('all seven weekdays');
  expect(() => createWorkingCalendar({ ...base, holidays: ['2025-13-01'] })).toThrow('invalid holiday "2025-13-01"');
  expect(() => createWorkingCalendar({ ...base, workdayStartMinute: 960, workdayEndMinute: 480 })).toThrow('invalid working hours 960-480');
});
