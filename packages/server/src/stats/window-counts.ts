import type { SqlValue } from '../db/connection.ts';
import { reportConditions, type ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';
import type { StatsWindow } from './stats-window.ts';
import { bucketSql } from './time-buckets.ts';

/**
 * What reports are grouped by: a SQL expression over `reports r`, with the CTE and join it
 * needs (a list of grid → unit pairs, say) and their parameters.
 */
export interface CountKey {
  /** The key of a report, e.g. `r.category` or `u.unit`. */
  sql: string;
  /** A CTE (`name AS (…)`) the join reads; none without. */
  with?: string;
  /** A join onto `reports r`; a LEFT JOIN keeps the reports that have no key (null). */
  join?: string;
  params?: Record<string, SqlValue>;
}

/** Reports of one key (or in total) in the window, in the previous window, and per bucket of the window. */
export interface WindowCount {
  count: number;
  previous: number;
  /** With buckets: the window's count per bucket, aligned with the window's starts; null without. */
  series: number[] | null;
}

/** Every report counted once in `total`, and under its key in `byKey` (null for reports without one). */
export interface WindowCounts {
  total: WindowCount;
  byKey: Map<string | number | null, WindowCount>;
}

/** The time filter is the window's own: a `fromMs` or `toMs` here would cut the previous window. */
export type CountFilter = Omit<ReportFilter, 'fromMs' | 'toMs'>;

/**
 * Counts the reports matching `filter` in the window and in the previous window, grouped by
 * `key` and, with buckets, by bucket of the window, in **one** DuckDB query over both windows;
 * the rows (a few per key) are then added up here. What `GET /api/stats` (by unit) and
 * `GET /api/stats/categories` (by event type) count with.
 */
export async function windowCounts(snapshot: Snapshot, window: StatsWindow, filter: CountFilter, key: CountKey): Promise<WindowCounts> {
  const where = reportConditions(filter, 'r');
  const params: Record<string, SqlValue> = {
    ...where.params,
    ...key.params,
    prevUs: BigInt(window.prevMs) * 1000n,
    fromUs: BigInt(window.fromMs) * 1000n,
    toUs: BigInt(window.toMs) * 1000n,
  };
  let bucket = 'NULL::BIGINT';
  if (window.buckets) {
    bucket = `CASE WHEN current THEN ${bucketSql(window.buckets.bucket)} END`;
    params.tzMinutes = window.buckets.tzMinutes;
  }
  const sql = `WITH ${key.with ? `${key.with},` : ''}
    hits AS (
      SELECT ${key.sql} AS key, r.created_at >= make_timestamp($fromUs::BIGINT) AS current, r.created_at
      FROM reports r ${key.join ?? ''}
      WHERE r.created_at >= make_timestamp($prevUs::BIGINT) AND r.created_at < make_timestamp($toUs::BIGINT)
      ${where.conditions.map((c) => `AND ${c}`).join(' ')}
    )
    SELECT key, current, ${bucket} AS bucket_us, count(*)::INTEGER AS n FROM hits GROUP BY ALL`;
  const rows = (await snapshot.conn.runAndReadAll(sql, params)).getRowObjectsJS();
  return add(
    window,
    rows.map((r) => ({
      key: r.key as string | number | null,
      current: r.current as boolean,
      bucketUs: (r.bucket_us as bigint | null) ?? null,
      count: Number(r.n),
    })),
  );
}

/** Adds the counted rows into totals and per-key counts. */
function add(
  window: StatsWindow,
  rows: { key: string | number | null; current: boolean; bucketUs: bigint | null; count: number }[],
): WindowCounts {
  const starts = window.buckets?.starts ?? null;
  const index = new Map(starts?.map((ms, i) => [BigInt(ms) * 1000n, i]));
  const empty = (): WindowCount => ({ count: 0, previous: 0, series: starts ? new Array<number>(starts.length).fill(0) : null });
  const counts: WindowCounts = { total: empty(), byKey: new Map() };
  for (const row of rows) {
    let keyed = counts.byKey.get(row.key);
    if (!keyed) {
      keyed = empty();
      counts.byKey.set(row.key, keyed);
    }

    for (const c of [counts.total, keyed]) {
      if (!row.current) {
        c.previous += row.count;
        continue;
      }
      c.count += row.count;
      const b = row.bucketUs === null ? undefined : index.get(row.bucketUs);
      if (b !== undefined) c.series![b] += row.count;
    }
  }
  return counts;
}
