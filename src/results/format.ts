// Text preparation for result templates: bidi isolates, dates in the
// calendar's time zone, and bilingual labels from the catalogue.
import { ltr, t } from '../i18n/index.ts';
import type { Params } from '../i18n/index.ts';

/** Arabic first, English under it, as the templates print every label. */
export interface Bilingual {
  ar: string;
  en: string;
}

/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * Wraps a value so the bidi algorithm cannot reorder it against its
 * neighbours. A value without right-to-left letters (reference, ID number,
 * date, phone number, URL) becomes a left-to-right isolate. Any other value
 * becomes a first-strong isolate, so Arabic text keeps its own direction.
 */
export function isolate(value: string): string {
  return rtlLetter.test(value) ? `\u2068${value}\u2069` : ltr(value);
}

/** Returns the catalogue text of `key` in Arabic and English. */
export function bilingual(key: string, params: Params = {}): Bilingual {
  return { ar: t(key, 'ar', params), en: t(key, 'en', params) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
}

/** Formats the local date of `date` in `timeZone` as YYYY-MM-DD, in Latin digits. */
export function formatDate(date: Date, timeZone: string): string {
  const parts = partsIn(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Formats `date` as YYYY-MM-DD HH:MM with its UTC offset, e.g. 2025-03-02 10:00 UTC+03:00. */
export function formatDateTime(date: Date, timeZone: string): string {
  const parts = partsIn(date, timeZone);
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : (parts.timeZoneName ?? '').replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} UTC${offset}`;
}
