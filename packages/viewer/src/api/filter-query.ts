/**
 * What the command centre filters on, and its query string. Dates are calendar days as the
 * `<input type="date">` gives them (`YYYY-MM-DD`), both inclusive, in China Standard Time; the
 * API wants instants with an exclusive `to`.
 */

/** A filter of reports; `''` dates are open. */
export interface Filter {
  /** Category codes; empty = all categories. */
  categories: string[];
  from: string;
  to: string;
  /** Report sources (`12345`, `app`, `wechat`, `patrol`); empty or absent = all sources. */
  sources?: string[];
}

/** Offset of China Standard Time (no DST): the day boundaries every user of the wall expects. */
export const CST_OFFSET = '+08:00';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The query string of a filter: `from` is the start of the first day, `to` the start of the day
 * *after* the last one (the API's `to` is exclusive), both as ISO timestamps in China Standard Time.
 *
 * @returns e.g. `category=06010%2C09006&from=2024-01-01T00%3A00%3A00%2B08%3A00&to=…`, or `''`
 * @example filterToQuery({ categories: [], from: '2024-03-01', to: '2024-03-31' })
 *   // from = 2024-03-01T00:00:00+08:00, to = 2024-04-01T00:00:00+08:00
 */
export function filterToQuery(filter: Filter): string {
  const q = new URLSearchParams();
  if (filter.categories.length) q.set('category', filter.categories.join(','));
  if (filter.sources?.length) q.set('source', filter.sources.join(','));
  if (filter.from) q.set('from', startOfDay(filter.from));
  if (filter.to) q.set('to', startOfDay(addDays(filter.to, 1)));
  return q.toString();
}

/**
 * The calendar day (China Standard Time) of an ISO timestamp, as `<input type="date">` wants it.
 * @example isoToCstDate('2024-03-31T17:00:00Z') // '2024-04-01'
 */
export function isoToCstDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`expected an ISO timestamp, got ${JSON.stringify(iso)}`);
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

function startOfDay(date: string): string {
  if (!DATE.test(date)) throw new Error(`expected a date like 2024-03-01, got ${JSON.stringify(date)}`);
  return `${date}T00:00:00${CST_OFFSET}`;
}

function addDays(date: string, days: number): string {
  if (!DATE.test(date)) throw new Error(`expected a date like 2024-03-01, got ${JSON.stringify(date)}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
