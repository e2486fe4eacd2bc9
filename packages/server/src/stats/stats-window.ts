import { problem, serverError, type ServerError } from '../errors/catalogue.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { bucketStarts, isoAtOffset, type Bucket } from './time-buckets.ts';

// A year of days per unit is plenty for a chart; a longer series should use weeks or months.
export const MAX_BUCKETS = 1000;

/** The window a statistics answer counts, the previous one of the same length, and its chart buckets. */
export interface StatsWindow {
  /** Start of the previous window (inclusive), ms. */
  prevMs: number;
  /** Window start (inclusive), ms; the previous window's end. */
  fromMs: number;
  /** Window end (exclusive), ms. */
  toMs: number;
  /** With a bucket: the bucket, its offset and the starts covering the window (first and last may be partial). */
  buckets: { bucket: Bucket; tzMinutes: number; starts: number[] } | null;
}

/** What a statistics request asks about time: the window (defaults from the stored reports) and chart buckets. */
export interface WindowQuery {
  /** Window start (inclusive), ms; default: the oldest stored report. */
  fromMs?: number;
  /** Window end (exclusive), ms; default: just after the newest stored report. */
  toMs?: number;
  /** Chart buckets of the window; none without. */
  bucket?: Bucket;
  /** Offset east of UTC, minutes, that days, weeks and months are cut in. */
  tzMinutes: number;
}

const COARSER: readonly Bucket[] = ['day', 'week', 'month'];

/**
 * The window asked for, defaults filled from the stored reports, with the window of the same
 * length just before it and, with a bucket, the bucket starts: the bucket asked for, or the
 * next coarser one (week, then month) when it would cut the window into more than
 * {@link MAX_BUCKETS}. Null when there is nothing to count (no reports and no window given).
 * Throws a 400 when `to` is not after `from`, or when even months are too many (83 years).
 *
 * @example statsWindow(snapshot, { bucket: 'day', tzMinutes: 480 })?.buckets?.bucket // 'week' over a 5-year span
 */
export function statsWindow(snapshot: Snapshot, query: WindowQuery): StatsWindow | null {
  const span = snapshot.span;
  const fromMs = query.fromMs ?? (span ? Number(span.minUs / 1000n) : undefined);
  const toMs = query.toMs ?? (span ? Number(span.maxUs / 1000n) + 1 : undefined);
  if (fromMs === undefined || toMs === undefined) return null;
  if (!(fromMs < toMs))
    throw serverError([
      problem(
        'CG_ERR_VALIDATION',
        {},
        'querystring/to',
        `must be after from (${new Date(fromMs).toISOString()}), got ${new Date(toMs).toISOString()}`,
      ),
    ]);
  let buckets: StatsWindow['buckets'] = null;
  if (query.bucket) {
    // One old or far-future report stretches the default window over years: the chart then
    // takes weeks or months rather than failing (the answer's `bucket` says which).
    for (const bucket of COARSER.slice(COARSER.indexOf(query.bucket))) {
      const starts = bucketStarts(fromMs, toMs, bucket, query.tzMinutes, MAX_BUCKETS);
      if (starts) {
        buckets = { bucket, tzMinutes: query.tzMinutes, starts };
        break;
      }
    }
    if (!buckets) throw tooManyBuckets('month');
  }
  return { prevMs: fromMs - (toMs - fromMs), fromMs, toMs, buckets };
}

/** The window and the previous one as UTC ISO 8601, as answers give them. */
export function windowIso(window: StatsWindow): { window: { from: string; to: string }; previous: { from: string; to: string } } {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { window: { from: iso(window.fromMs), to: iso(window.toMs) }, previous: { from: iso(window.prevMs), to: iso(window.fromMs) } };
}

/** The bucket starts as ISO 8601 at the window's offset (`2024-05-01T00:00:00+08:00`); null without buckets. */
export function startsIso(window: StatsWindow): string[] | null {
  const b = window.buckets;
  return b ? b.starts.map((ms) => isoAtOffset(ms, b.tzMinutes)) : null;
}

/** (count − previous) / previous; null when the previous window had none (no ratio to give). */
export function changeOf(count: number, previous: number): number | null {
  return previous > 0 ? (count - previous) / previous : null;
}

function tooManyBuckets(bucket: Bucket): ServerError {
  return serverError([
    problem(
      'CG_ERR_VALIDATION',
      {},
      'querystring/bucket',
      `${bucket} gives more than ${MAX_BUCKETS} buckets over this window: use a shorter window (from, to)`,
    ),
  ]);
}
