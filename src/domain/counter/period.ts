// The period of a compliance report: two local dates in the working
// calendar's time zone, both included, read as the instants [from 00:00, the
// day after `to` 00:00).
import { localDateTime } from '../calendar.ts';
import { SijillError } from '../../errors.ts';

export interface ReportPeriod {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD, included. */
  to: string;
  start: Date;
  /** Midnight after the last day: the period is [start, end). */
  end: Date;
}

const maximumDays = 366;
const dayMs = 24 * 3600_000;

function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utc).toISOString().slice(0, 10) === text ? utc : null;
}

/** Midnight of a local date in `timeZone`, found by correcting the UTC midnight by the zone's offset twice. */
function localMidnight(utcMidnight: number, timeZone: string): Date {
  let instant = utcMidnight;
  for (let pass = 0; pass < 2; pass += 1) {
    const local = localDateTime(instant, timeZone);
    const wall = Date.UTC(local.date.year, local.date.month - 1, local.date.day) + local.minuteOfDay * 60_000;
    instant -= wall - utcMidnight;
  }
  return new Date(instant);
}

/** Parses the period; throws counter.period_invalid when a date is malformed, reversed or the span exceeds 366 days. */
export function parseReportPeriod(from: string, to: string, timeZone: string): ReportPeriod {
  const first = parseDay(from);
  const last = parseDay(to);
  if (first === null || last === null || last < first || (last - first) / dayMs + 1 > maximumDays) {
    throw new SijillError('counter.period_invalid', { from, to, maximumDays });
  }
  return { from, to, start: localMidnight(first, timeZone), end: localMidnight(last + dayMs, timeZone) };
}

/** The default period: the first of the current month to today, in `timeZone`. */
export function currentMonthPeriod(now: Date, timeZone: string): ReportPeriod {
  const today = localDateTime(now.getTime(), timeZone).date;
  const pad = (value: number) => String(value).padStart(2, '0');
  const to = `${today.year}-${pad(today.month)}-${pad(today.day)}`;
  return parseReportPeriod(`${today.year}-${pad(today.month)}-01`, to, timeZone);
}
