// How the screens show times, durations and sizes in the reader's language.
import { t, tPlural, type Language } from '../i18n/index.ts';
import { html, type Html } from './html.ts';

/** A date and time in the configured time zone, as an isolate so it keeps its own order inside the sentence around it. */
export function formatDateTime(value: Date | string, lang: Language, timeZone: string): Html {
  const date = typeof value === 'string' ? new Date(value) : value;
  const text = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  return html`<bdi><time datetime="${date.toISOString()}">${text}</time></bdi>`;
}

/** Working time in hours and minutes with their plural forms, e.g. "3 hours 20 minutes"; negative values read as time overdue. */
export function formatWorkingMinutes(minutes: number, lang: Language): string {
  const whole = Math.abs(Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  let text: string;
  if (hours === 0) text = tPlural('web.time.minutes', rest, lang);
  else if (rest === 0) text = tPlural('web.time.hours', hours, lang);
  else text = t('web.time.hours_minutes', lang, { hours: tPlural('web.time.hours', hours, lang), minutes: tPlural('web.time.minutes', rest, lang) });
  return minutes < 0 ? t('web.time.overdue', lang, { time: text }) : text;
}

/** A count of working days with its plural form, e.g. "5 أيام عمل" or "1 working day". */
export function formatWorkingDays(days: number, lang: Language): string {
  return tPlural('app.working_days', days, lang);
}

/** A byte count in B, KB or MB (powers of 1024), in the reader's language. */
export function formatBytes(bytes: number, lang: Language): string {
  if (bytes < 1024) return t('web.size.bytes', lang, { value: bytes });
  if (bytes < 1024 * 1024) return t('web.size.kilobytes', lang, { value: (bytes / 1024).toFixed(0) });
  return t('web.size.megabytes', lang, { value: (bytes / (1024 * 1024)).toFixed(1) });
}
