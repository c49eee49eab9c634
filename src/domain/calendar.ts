// Working calendar and processing deadlines (الموعد النهائي).
//
// Definitions (docs/calendar.md has the worked examples):
// - Working day: a local calendar date in the calendar's time zone whose
//   weekday is not a weekend day and which is not a public holiday.
// - Working time: the half-open local interval [start, end) of the working
//   hours on a working day. Elsewhere the clock does not run.
// - Working minutes are real elapsed minutes inside working time, so a DST
//   change inside the working hours shortens or lengthens that day.
// - The clock starts at electronic receipt. A receipt outside working time
//   starts the clock at the next start of working time.
// - A legal period of D working days (D may be fractional) is D x (end -
//   start) working minutes. With 08:00-16:00, 0.5 days is 240 minutes: a
//   receipt before 12:00 is due the same day.
// - The deadline is the instant at which that many working minutes have run.
//   If they run out exactly at the end of a working day, the deadline is that
//   end (16:00), not the next morning.
// - Pause: a supplement request stops the clock from `from` until the
//   requested document arrives at `to`. Working time inside a pause does not
//   count, so the deadline moves later by the paused working time. While a
//   pause is open (no `to`), the deadline is unknown and computeDeadline
//   returns null.
// - Legal extension: extra working days added to the legal period, counted on
//   the same calendar.
//
// Dates are plain Date instants. Local wall times are converted with
// Intl.DateTimeFormat offsets, which follow the IANA rules shipped with Node.
import type { Config } from '../config.ts';

export interface WorkingCalendar {
  /** IANA time zone, e.g. Asia/Riyadh. */
  timeZone: string;
  /** Weekend weekdays, 0 = Sunday ... 6 = Saturday. */
  weekendDays: ReadonlySet<number>;
  /** Public holidays as local ISO dates (YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
  /** Start of working hours, minutes after local midnight. */
  workdayStartMinute: number;
  /** End of working hours (exclusive), minutes after local midnight, at most 1440. */
  workdayEndMinute: number;
}

/** A supplement request, which stops the clock from `from` until `to`. Without `to` the pause is still open. */
export interface Pause {
  from: Date;
  to?: Date;
}

/** A local calendar date with month 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;
/** Consecutive non-working days after which a calendar counts as having no working days. */
const maxNonWorkingRun = 400;

/** Builds a calendar after checking its values, and throws a RangeError that names an invalid one. */
export function createWorkingCalendar(options: {
  timeZone: string;
  weekendDays: Iterable<number>;
  holidays?: Iterable<string>;
  workdayStartMinute: number;
  workdayEndMinute: number;
}): WorkingCalendar {
  const { timeZone, workdayStartMinute, workdayEndMinute } = options;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (err) {
    throw new RangeError(`invalid time zone "${timeZone}": expected an IANA name such as Asia/Riyadh`, { cause: err });
  }
  const weekendDays = new Set(options.weekendDays);
  for (const day of weekendDays) {
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new RangeError(`invalid weekend day ${day}: expected 0 (Sunday) to 6 (Saturday)`);
  }
  if (weekendDays.size === 7) throw new RangeError('invalid weekend: all seven weekdays are weekend days, so no deadline can be reached');
  const holidays = new Set(options.holidays ?? []);
  for (const date of holidays) {
    if (parseIsoDate(date) === null) throw new RangeError(`invalid holiday "${date}": expected an ISO date YYYY-MM-DD`);
  }
  const validMinutes = Number.isInteger(workdayStartMinute) && Number.isInteger(workdayEndMinute) && workdayStartMinute >= 0 && workdayEndMinute <= 1440;
  if (!validMinutes || workdayStartMinute >= workdayEndMinute) {
    throw new RangeError(`invalid working hours ${workdayStartMinute}-${workdayEndMinute}: expected whole minutes with 0 <= start < end <= 1440`);
  }
  return { timeZone, weekendDays, holidays, workdayStartMinute, workdayEndMinute };
}

/** Builds the calendar from SIJILL_TIMEZONE, SIJILL_WEEKEND, SIJILL_HOLIDAYS and SIJILL_WORKING_HOURS. */
export function calendarFromConfig(config: Pick<Config, 'SIJILL_TIMEZONE' | 'SIJILL_WEEKEND' | 'SIJILL_HOLIDAYS' | 'SIJILL_WORKING_HOURS'>): WorkingCalendar {
  const [start = '', end = ''] = config.SIJILL_WORKING_HOURS.split('-');
  return createWorkingCalendar({
    timeZone: config.SIJILL_TIMEZONE,
    weekendDays: splitList(config.SIJILL_WEEKEND).map(Number),
    holidays: splitList(config.SIJILL_HOLIDAYS),
    workdayStartMinute: parseClockTime(start),
    workdayEndMinute: parseClockTime(end),
  });
}

/** Length of one working day in minutes (end - start). */
export function workingDayMinutes(calendar: WorkingCalendar): number {
  return calendar.workdayEndMinute - calendar.workdayStartMinute;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const local = parseIsoDate(date);
  if (local === null) throw new RangeError(`invalid date "${date}": expected an ISO date YYYY-MM-DD`);
  return isWorkingLocalDate(local, calendar);
}

/** Checks whether the clock runs at `instant`, which is a working day inside [start, end) of the working hours. */
export function isWorkingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const { date, minuteOfDay } = localDateTime(instant.getTime(), calendar.timeZone);
  if (!isWorkingLocalDate(date, calendar)) return false;
  return minuteOfDay >= calendar.workdayStartMinute && minuteOfDay < calendar.workdayEndMinute;
}

/** Returns `instant` if it is working time, otherwise the next start of working time. */
export function nextWorkingTime(instant: Date, calendar: WorkingCalendar): Date {
  for (const [start, end] of workingPeriods(instant.getTime(), calendar)) {
    if (end > instant.getTime()) return new Date(Math.max(start, instant.getTime()));
  }
  throw new Error('unreachable: workingPeriods never ends');
}

/**
 * Computes the deadline of a legal period of `legalWorkingDays` (plus
 * `extensionWorkingDays`) counted from electronic receipt, skipping paused
 * working time. Returns null while a pause that started before the deadline
 * is still open.
 */
export function computeDeadline(
  receivedAt: Date,
  legalWorkingDays: number,
  calendar: WorkingCalendar,
  pauses: readonly Pause[] = [],
  extensionWorkingDays = 0,
): Date | null {
  for (const [name, days] of [['legalWorkingDays', legalWorkingDays], ['extensionWorkingDays', extensionWorkingDays]] as const) {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`invalid ${name} ${days}: expected a finite number >= 0`);
  }
  let remainingMs = Math.round((legalWorkingDays + extensionWorkingDays) * workingDayMinutes(calendar) * minuteMs);
  const stops = normalizePauses(pauses);

  for (const [periodStart, periodEnd] of workingPeriods(receivedAt.getTime(), calendar)) {
    const start = Math.max(periodStart, receivedAt.getTime());
    if (start >= periodEnd) continue;
    for (const [from, to] of subtractPauses(start, periodEnd, stops)) {
      if (remainingMs <= to - from) return new Date(from + remainingMs);
      remainingMs -= to - from;
    }
    const openPause = stops.find(([, to]) => to === Infinity);
    if (openPause !== undefined && openPause[0] <= periodEnd) return null;
  }
  throw new Error('unreachable: workingPeriods never ends');
}

/**
 * Returns the working minutes from `now` until `deadline`. Once the deadline
 * is breached, it returns the working minutes since then as a negative number.
 * The result is fractional when the instants are not on whole minutes.
 */
export function workingTimeLeft(now: Date, deadline: Date, calendar: WorkingCalendar): number {
  if (now.getTime() <= deadline.getTime()) return workingMinutesBetween(now, deadline, calendar);
  return -workingMinutesBetween(deadline, now, calendar);
}

/** Returns the working minutes in [from, to), or 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let totalMs = 0;
  for (const [periodStart, periodEnd] of workingPeriods(from.getTime(), calendar)) {
    if (periodStart >= to.getTime()) break;
    totalMs += Math.max(0, Math.min(periodEnd, to.getTime()) - Math.max(periodStart, from.getTime()));
  }
  return totalMs / minuteMs;
}

/**
 * Yields the working periods [start, end) as epoch milliseconds, day by day,
 * from the local date of `fromMs` on. Throws when no working day occurs in
 * `maxNonWorkingRun` days, which would otherwise loop forever.
 */
function* workingPeriods(fromMs: number, calendar: WorkingCalendar): Generator<[number, number]> {
  let date = localDateTime(fromMs, calendar.timeZone).date;
  let nonWorkingRun = 0;
  for (;;) {
    if (isWorkingLocalDate(date, calendar)) {
      nonWorkingRun = 0;
      yield [zonedInstant(date, calendar.workdayStartMinute, calendar.timeZone), zonedInstant(date, calendar.workdayEndMinute, calendar.timeZone)];
    } else if (++nonWorkingRun > maxNonWorkingRun) {
      throw new RangeError(`working calendar has no working day in ${maxNonWorkingRun} days after ${formatIsoDate(date)}: check SIJILL_HOLIDAYS and SIJILL_WEEKEND`);
    }
    date = addDays(date, 1);
  }
}

/** Sorts the pauses and merges overlaps. An open pause ends at Infinity. */
function normalizePauses(pauses: readonly Pause[]): Array<[number, number]> {
  const intervals = pauses
    .map((pause): [number, number] => [pause.from.getTime(), pause.to?.getTime() ?? Infinity])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last !== undefined && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([...interval]);
  }
  return merged;
}

/** Returns the parts of [start, end) outside the sorted, merged stops. */
function subtractPauses(start: number, end: number, stops: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let cursor = start;
  for (const [from, to] of stops) {
    if (to <= cursor || from >= end) continue;
    if (from > cursor) parts.push([cursor, from]);
    cursor = Math.max(cursor, to);
    if (cursor >= end) break;
  }
  if (cursor < end) parts.push([cursor, end]);
  return parts;
}

function isWorkingLocalDate(date: LocalDate, calendar: WorkingCalendar): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return !calendar.weekendDays.has(weekday) && !calendar.holidays.has(formatIsoDate(date));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local date and minute of day (with fraction) of an instant in `timeZone`. */
export function localDateTime(epochMs: number, timeZone: string): { date: LocalDate; minuteOfDay: number } {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const date = { year: fields.year ?? 0, month: fields.month ?? 0, day: fields.day ?? 0 };
  const secondOfDay = (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0);
  const milliseconds = ((epochMs % 1000) + 1000) % 1000;
  return { date, minuteOfDay: secondOfDay / 60 + milliseconds / minuteMs };
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (local = UTC + offset). */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const { date, minuteOfDay } = localDateTime(wholeSecondMs, timeZone);
  return Date.UTC(date.year, date.month - 1, date.day) + Math.round(minuteOfDay * 60) * 1000 - wholeSecondMs;
}

/**
 * Converts a local wall time to an instant. A wall time that occurs twice
 * (DST ends) maps to the earlier instant. A wall time that does not exist
 * (DST starts) is read with the offset before the change, so it moves forward
 * by the size of the gap. Assumes no two offset changes within 48 hours.
 */
function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * minuteMs;
  const offsetBefore = zoneOffsetMs(wallAsUtc - dayMs, timeZone);
  const offsetAfter = zoneOffsetMs(wallAsUtc + dayMs, timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter]
    .filter((instant) => zoneOffsetMs(instant, timeZone) === wallAsUtc - instant);
  return candidates.length > 0 ? Math.min(...candidates) : wallAsUtc - offsetBefore;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return formatIsoDate(addDays(date, 0)) === text ? date : null;
}

export function formatIsoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Parses HH:MM (00:00 to 24:00) into minutes after midnight. */
function parseClockTime(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (match === null) throw new RangeError(`invalid time "${text}": expected HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function splitList(text: string): string[] {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
