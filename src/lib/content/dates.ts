/** Post dates: the forms editors write, real calendar days, the site time zone. */
import { TZDate } from '@date-fns/tz';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const MONTH_NAME_FORM = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_FORM = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export const ACCEPTED_DATE_FORMS = '"Mar 04 2026", "2026-03-04" or "2026-03-04T09:30:00+01:00"';

/** A date an editor wrote that is not a real calendar date or not in an accepted form. */
export class PostDateError extends Error {}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkParts(text: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): void {
  if (mo < 1 || mo > 12) throw new PostDateError(`"${text}" has month ${mo}; months go from 1 to 12`);
  const last = daysInMonth(y, mo);
  if (d < 1 || d > last) {
    throw new PostDateError(`"${text}" is not a real date: ${MONTHS[mo - 1]!.replace(/^./, (c) => c.toUpperCase())} ${y} has ${last} days`);
  }
  if (h > 23 || mi > 59 || s > 59) throw new PostDateError(`"${text}" has an impossible time of day`);
}

function parseOffsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return sign * (hours * 60 + minutes);
}

/**
 * Reads a post date as editors write it. Calendar dates, and date-times
 * without an offset, are taken in the site time zone, so a post dated
 * "2026-03-04" shows 4 March wherever the build runs. Impossible dates throw
 * instead of rolling over (JavaScript's Date turns 2026-02-30 into 2 March).
 */
export function parsePostDate(value: string | Date, timeZone: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new PostDateError('is not a valid date');
    // YAML turns an unquoted 2026-03-04 into midnight UTC: treat it as that calendar day.
    const isMidnightUtc =
      value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
    if (!isMidnightUtc) return value;
    return new Date(new TZDate(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate(), timeZone).getTime());
  }
  const text = value.trim();
  let match = MONTH_NAME_FORM.exec(text);
  if (match) {
    const month = MONTHS.indexOf(match[1]!.toLowerCase()) + 1;
    if (month === 0) throw new PostDateError(`"${text}" has an unknown month "${match[1]}"; write it as ${ACCEPTED_DATE_FORMS}`);
    const [y, d] = [Number(match[3]), Number(match[2])];
    checkParts(text, y, month, d);
    return new Date(new TZDate(y, month - 1, d, timeZone).getTime());
  }
  match = DATE_FORM.exec(text);
  if (match) {
    const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    checkParts(text, y, mo, d);
    return new Date(new TZDate(y, mo - 1, d, timeZone).getTime());
  }
  match = DATE_TIME_FORM.exec(text);
  if (match) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(match![i])) as [number, number, number, number, number];
    const s = Number(match[6] ?? '0');
    const ms = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
    checkParts(text, y, mo, d, h, mi, s);
    if (match[8]) {
      const offset = parseOffsetMinutes(match[8]);
      return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000);
    }
    return new Date(new TZDate(y, mo - 1, d, h, mi, s, ms, timeZone).getTime());
  }
  throw new PostDateError(`"${text}" is not a date in an accepted form; write it as ${ACCEPTED_DATE_FORMS}`);
}

/** The earliest year a post may carry: older dates are almost always a mistyped year. */
export const EARLIEST_POST_YEAR = 1990;

/** Edit distance between two digit strings, counting a swap of neighbours as one edit ("0225" ~ "2025"). */
function digitDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A year typed wrong ("0225-11-18", "2062-03-01") is no schedule: a date
 * before 1990 or more than a year ahead is an error naming the year the
 * editor most likely meant (the plausible year fewest keystrokes away,
 * the nearest to now on a tie). Returns null for a plausible date.
 */
export function implausibleDateProblem(text: string, date: Date, now: Date, timeZone: string): string | null {
  const year = new TZDate(date, timeZone).getFullYear();
  const thisYear = new TZDate(now, timeZone).getFullYear();
  const aYearAhead = new Date(now.getTime() + 366 * 24 * 3600 * 1000);
  if (year >= EARLIEST_POST_YEAR && date.getTime() <= aYearAhead.getTime()) return null;
  const typed = String(year).padStart(4, '0');
  let likely = thisYear;
  let best = Number.POSITIVE_INFINITY;
  for (let candidate = thisYear + 1; candidate >= EARLIEST_POST_YEAR; candidate -= 1) {
    const score = digitDistance(typed, String(candidate));
    if (score < best) [best, likely] = [score, candidate];
  }
  const written = text.trim() ? `"${text.trim()}"` : 'this date';
  return year < EARLIEST_POST_YEAR
    ? `${written} is in the year ${year}, before ${EARLIEST_POST_YEAR}; did you mean ${likely}?`
    : `${written} is more than a year ahead (${year}); did you mean ${likely}? A post may be scheduled at most a year ahead`;
}

// Making an Intl.DateTimeFormat costs ~0.1 ms; a listing page formats a date
// per card, tens of thousands per build. One formatter per settings.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

/** "March 4, 2026" (in the site language), as seen in the site time zone. */
export function formatPostDate(date: Date, timeZone: string, language: string): string {
  return formatter(language, { dateStyle: 'long', timeZone }).format(date);
}

/** "2026-03-04": the calendar day of an instant in the site time zone. */
export function calendarDay(date: Date, timeZone: string): string {
  return formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(date);
}

/** "Mar 4" (in the site language), as seen in the site time zone: a date under its year and month's heading. */
export function formatMonthDay(date: Date, timeZone: string, language: string): string {
  return formatter(language, { month: 'short', day: 'numeric', timeZone }).format(date);
}

/** "March" (in the site language) for a month from 1 to 12. */
export function monthName(month: number, language: string): string {
  // Mid-month in UTC, named in UTC: no time zone can move it into another month.
  return formatter(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 15)));
}
