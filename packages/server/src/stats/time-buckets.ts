/** Chart buckets of `GET /api/stats`. */
export type Bucket = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

/**
 * The starts (ms since the epoch) of the buckets covering [fromMs, toMs), in local time at a
 * fixed UTC offset: days from local midnight, ISO weeks from Monday, calendar months. The
 * first start is the bucket holding `fromMs`, so it may lie before it: the first and last
 * buckets may be partial. DuckDB's `date_trunc` on the shifted time gives the same starts.
 *
 * @param tzMinutes offset east of UTC in minutes (+480 for China Standard Time)
 * @param max most buckets wanted
 * @returns the starts, or null when there would be more than `max`
 * @example bucketStarts(Date.UTC(2024, 4, 1), Date.UTC(2024, 4, 3), 'day', 0) // [May 1, May 2]
 */
export function bucketStarts(fromMs: number, toMs: number, bucket: Bucket, tzMinutes: number, max = Infinity): number[] | null {
  const shift = tzMinutes * 60_000;
  const starts: number[] = [];
  for (let local = truncate(fromMs + shift, bucket); local - shift < toMs; local = next(local, bucket)) {
    if (starts.length === max) return null;
    starts.push(local - shift);
  }
  return starts;
}

/** ISO 8601 of `ms` written in local time at the offset, e.g. `2024-05-01T00:00:00+08:00`. */
export function isoAtOffset(ms: number, tzMinutes: number): string {
  return `${new Date(ms + tzMinutes * 60_000).toISOString().slice(0, 19)}${offsetLabel(tzMinutes)}`;
}

/** `+08:00` for 480 minutes, `-03:30` for −210. */
export function offsetLabel(tzMinutes: number): string {
  const abs = Math.abs(tzMinutes);
  return `${tzMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Minutes east of UTC for `+08:00`, `-0330`, `Z`; null for anything else or beyond ±14:00. */
export function parseOffset(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m || Number(m[3]) > 59) return null;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Math.abs(minutes) <= 14 * 60 ? minutes : null;
}

/** The SQL of a bucket's start in µs for `created_at`, at offset `$tzMinutes`. */
export function bucketSql(bucket: Bucket, column = 'created_at'): string {
  const shift = 'to_minutes($tzMinutes::BIGINT)';
  return `epoch_us(date_trunc('${bucket}', ${column} + ${shift}) - ${shift})`;
}

function truncate(local: number, bucket: Bucket): number {
  const d = new Date(local);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (bucket === 'day') return day;
  if (bucket === 'week') return day - ((d.getUTCDay() + 6) % 7) * DAY_MS; // back to Monday
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function next(local: number, bucket: Bucket): number {
  if (bucket === 'day') return local + DAY_MS;
  if (bucket === 'week') return local + 7 * DAY_MS;
  const d = new Date(local);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
