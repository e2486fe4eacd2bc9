import { CitygridError } from '../errors.ts';
import { dayNumber, isoDate, localInstant } from '../cases/local-time.ts';

/**
 * An assessment period (seed 004: 日检查、月考核、季排名、年总评, and ISO weeks), cut in the city's
 * timezone: `start` is local midnight of its first day, `end` local midnight after its last.
 */
export interface Period {
  /** As written: `2026-11`, `2026-Q4`, `2026`, `2026-W47`. */
  code: string;
  kind: 'month' | 'quarter' | 'year' | 'week';
  /** First and last local day, `YYYY-MM-DD`. */
  first_day: string;
  last_day: string;
  /** UTC ms, inclusive. */
  start: number;
  /** UTC ms, exclusive. */
  end: number;
}

const FORMS: [Period['kind'], RegExp][] = [
  ['month', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['year', /^(\d{4})()$/],
  ['week', /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/],
];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const FIX = 'write a month 2026-11, a quarter 2026-Q4, a year 2026 or an ISO week 2026-W47';

/** A period code's kind, year and number within the year (month, quarter or week; 0 for a year). */
function read(code: string): { kind: Period['kind']; year: number; n: number } {
  for (const [kind, form] of FORMS) {
    const m = form.exec(code);
    if (m) return { kind, year: Number(m[1]), n: Number(m[2] || 0) };
  }
  throw CitygridError.of('CG_ERR_OPTION', {}, `period ${JSON.stringify(code)} is not a period; ${FIX}`);
}

/**
 * Reads a period code in a timezone: a month, quarter, year or ISO 8601 week (Monday first;
 * week 1 holds the year's first Thursday).
 *
 * @example parsePeriod('2026-11', '+08:00').start // Date.UTC(2026, 9, 31, 16) — 2026-11-01 00:00 in Beijing
 * @throws CitygridError CG_ERR_OPTION for any other text, or week 53 of a year with 52
 */
export function parsePeriod(code: string, tz: string): Period {
  const { kind, year, n } = read(code);
  if (kind === 'month') return span(code, kind, `${year}-${pad(n)}-01`, monthAfter(year, n), tz);
  if (kind === 'quarter') return span(code, kind, `${year}-${pad(n * 3 - 2)}-01`, monthAfter(year, n * 3), tz);
  if (kind === 'year') return span(code, kind, `${year}-01-01`, `${year + 1}-01-01`, tz);
  if (n > isoWeeks(year))
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `period ${JSON.stringify(code)} is past the last ISO week of ${year} (W${isoWeeks(year)}); ${FIX}`,
    );
  const monday = isoWeekOne(year) + (n - 1) * 7;
  return span(code, kind, isoDate(monday), isoDate(monday + 7), tz);
}

/**
 * The period just before one of the same kind (for `previous` ranks and three-in-a-row flags).
 *
 * @example previousPeriod('2026-01') // '2025-12'
 * @example previousPeriod('2026-W01') // '2025-W52'
 */
export function previousPeriod(code: string): string {
  return shiftPeriod(code, -1);
}

/**
 * The period `n` periods after (negative: before) one of the same kind.
 *
 * @example shiftPeriod('2026-Q4', 1) // '2027-Q1'
 */
export function shiftPeriod(code: string, by: number): string {
  const { kind, year, n } = read(code);
  if (kind === 'year') return String(year + by);
  if (kind === 'week') return isoWeekOf(isoWeekOne(year) + (n - 1 + by) * 7);
  const per = kind === 'month' ? 12 : 4;
  const i = year * per + n - 1 + by;
  const k = (i % per) + 1;
  return `${Math.floor(i / per)}-${kind === 'month' ? pad(k) : `Q${k}`}`;
}

/**
 * The period of a kind that holds a local day (`YYYY-MM-DD`): what "this month" is.
 *
 * @example periodOf('2026-11-23', 'week') // '2026-W48'
 */
export function periodOf(day: string, kind: Period['kind']): string {
  const [y, mo] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'quarter') return `${y}-Q${Math.floor((mo - 1) / 3) + 1}`;
  if (kind === 'year') return String(y);
  return isoWeekOf(dayNumber(day));
}

function span(code: string, kind: Period['kind'], first: string, after: string, tz: string): Period {
  const a = dayNumber(first);
  const b = dayNumber(after);
  return { code, kind, first_day: first, last_day: isoDate(b - 1), start: localInstant(a, 0, tz), end: localInstant(b, 0, tz) };
}

function monthAfter(year: number, month: number): string {
  return month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
}

/** Day number of the Monday of ISO week 1 (the week holding 4 January). */
function isoWeekOne(year: number): number {
  const jan4 = dayNumber(`${year}-01-04`);
  return jan4 - isoWeekday(jan4);
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isoWeeks(year: number): number {
  return (isoWeekOne(year + 1) - isoWeekOne(year)) / 7;
}

function isoWeekOf(day: number): string {
  const thursday = day - isoWeekday(day) + 3;
  const year = Number(isoDate(thursday).slice(0, 4));
  return `${year}-W${pad(Math.floor((thursday - isoWeekOne(year)) / 7) + 1)}`;
}
