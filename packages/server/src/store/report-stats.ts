import { CitygridError, problem } from '@citygrid/core';
import type { DuckDBValue } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import type { Stats, StatsUnitRow } from '../schemas/stats.ts';
import { levelUnits, type StatsLevel } from './level-units.ts';
import { reportConditions } from './report-filter.ts';
import type { Snapshot } from './snapshot.ts';
import { bucketSql, bucketStarts, isoAtOffset, offsetLabel, type Bucket } from './time-buckets.ts';

/** What `GET /api/stats` asks. */
export interface StatsQuery {
  level: StatsLevel;
  /** Window start (inclusive), ms; default: the oldest stored report. */
  fromMs?: number;
  /** Window end (exclusive), ms; default: just after the newest stored report. */
  toMs?: number;
  categories?: string[];
  sources?: string[];
  /** Chart buckets of the window; none without. */
  bucket?: Bucket;
  /** Offset east of UTC, minutes, that days, weeks and months are cut in. */
  tzMinutes: number;
}

// A year of days per unit is plenty for a chart; a longer series should use weeks or months.
export const MAX_BUCKETS = 1000;

/**
 * Counts per unit of a level over a window and over the window of the same length just before
 * it, with each unit's density (per km² of its grids' area), change and rank, and, with a
 * bucket, the count per unit and bucket for charts. **One** DuckDB query does the counting:
 * the reports of both windows are joined to their unit (a list of grid → unit pairs passed as
 * parameters) and grouped by (unit, window, bucket); the rest is arithmetic on those few rows.
 * Reports outside every grid count in `total` and `outside`, never in a unit.
 */
export async function reportStats(snapshot: Snapshot, query: StatsQuery): Promise<Stats> {
  const { gridSet } = snapshot;
  const grouping = gridSet ? levelUnits(gridSet, snapshot.hierarchy, query.level) : null;
  const units = grouping?.units ?? [];
  const window = windowOf(snapshot, query);
  const answer: Stats = {
    version: snapshot.version,
    level: query.level,
    window: null,
    previous: null,
    bucket: query.bucket ?? null,
    tz: offsetLabel(query.tzMinutes),
    total: 0,
    outside: 0,
    previous_total: 0,
    change: null,
    units: units.map((u) => ({ ...u, count: 0, per_km2: 0, previous: 0, change: null, rank: 0, ...(query.bucket ? { series: [] } : {}) })),
    series: null,
  };
  if (window) {
    const { fromMs, toMs } = window;
    const prevMs = fromMs - (toMs - fromMs);
    answer.window = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    answer.previous = { from: new Date(prevMs).toISOString(), to: new Date(fromMs).toISOString() };
    const starts = query.bucket ? bucketStarts(fromMs, toMs, query.bucket, query.tzMinutes, MAX_BUCKETS) : null;
    if (query.bucket && !starts) throw tooManyBuckets(query.bucket);
    const rows = await countRows(snapshot, query, grouping ? gridSet!.grids.map((g) => g.id) : [], grouping?.unitOf ?? new Int32Array(), prevMs, fromMs, toMs);
    fill(answer, rows, starts, query.tzMinutes);
  }
  rank(answer.units);
  answer.units.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
  return answer;
}

/** The window asked for, defaults filled from the stored reports; null when there is nothing to count. */
function windowOf(snapshot: Snapshot, query: StatsQuery): { fromMs: number; toMs: number } | null {
  const span = snapshot.span;
  const fromMs = query.fromMs ?? (span ? Number(span.minUs / 1000n) : undefined);
  const toMs = query.toMs ?? (span ? Number(span.maxUs / 1000n) + 1 : undefined);
  if (fromMs === undefined || toMs === undefined) return null;
  if (!(fromMs < toMs)) throw new CitygridError([problem('CG_ERR_VALIDATION', {}, 'querystring/to', `must be after from (${new Date(fromMs).toISOString()}), got ${new Date(toMs).toISOString()}`)]);
  return { fromMs, toMs };
}

interface CountRow {
  unit: number | null;
  current: boolean;
  bucketUs: bigint | null;
  count: number;
}

async function countRows(snapshot: Snapshot, query: StatsQuery, gridIds: string[], unitOf: Int32Array, prevMs: number, fromMs: number, toMs: number): Promise<CountRow[]> {
  const filter = reportConditions({ categories: query.categories, sources: query.sources }, 'r');
  const params: Record<string, DuckDBValue> = { ...filter.params, prevUs: BigInt(prevMs) * 1000n, fromUs: BigInt(fromMs) * 1000n, toUs: BigInt(toMs) * 1000n };
  let units = 'SELECT NULL::VARCHAR AS grid_id, NULL::INTEGER AS unit WHERE false';
  if (gridIds.length) {
    units = 'SELECT unnest($gridIds::VARCHAR[]) AS grid_id, unnest($unitOf::INTEGER[]) AS unit';
    Object.assign(params, { gridIds: listValue(gridIds), unitOf: listValue([...unitOf]) });
  }
  let bucket = 'NULL::BIGINT';
  if (query.bucket) {
    bucket = `CASE WHEN current THEN ${bucketSql(query.bucket)} END`;
    params.tzMinutes = query.tzMinutes;
  }
  const sql = `WITH units AS (${units}),
    hits AS (
      SELECT u.unit, r.created_at >= make_timestamp($fromUs::BIGINT) AS current, r.created_at
      FROM reports r LEFT JOIN units u ON u.grid_id = r.grid_id
      WHERE r.created_at >= make_timestamp($prevUs::BIGINT) AND r.created_at < make_timestamp($toUs::BIGINT)
      ${filter.conditions.map((c) => `AND ${c}`).join(' ')}
    )
    SELECT unit, current, ${bucket} AS bucket_us, count(*)::INTEGER AS n FROM hits GROUP BY ALL`;
  const rows = (await snapshot.conn.runAndReadAll(sql, params)).getRowObjectsJS();
  return rows.map((r) => ({ unit: r.unit === null ? null : Number(r.unit), current: r.current as boolean, bucketUs: (r.bucket_us as bigint | null) ?? null, count: Number(r.n) }));
}

/** Adds the counted rows into the answer: totals, per unit, per bucket. */
function fill(answer: Stats, rows: CountRow[], starts: number[] | null, tzMinutes: number): void {
  const index = new Map(starts?.map((ms, i) => [BigInt(ms) * 1000n, i]));
  const total = starts ? new Array<number>(starts.length).fill(0) : null;
  for (const u of answer.units) if (u.series) u.series = new Array<number>(starts!.length).fill(0);
  for (const row of rows) {
    const unit = row.unit === null ? null : answer.units[row.unit];
    if (!row.current) {
      answer.previous_total += row.count;
      if (unit) unit.previous += row.count;
      continue;
    }
    answer.total += row.count;
    if (unit) unit.count += row.count;
    else answer.outside += row.count;
    const b = row.bucketUs === null ? undefined : index.get(row.bucketUs);
    if (b !== undefined) {
      total![b] += row.count;
      if (unit) unit.series![b] += row.count;
    }
  }
  if (starts) answer.series = { starts: starts.map((ms) => isoAtOffset(ms, tzMinutes)), total: total! };
  answer.change = changeOf(answer.total, answer.previous_total);
  for (const u of answer.units) {
    u.per_km2 = u.area_m2 > 0 ? u.count / (u.area_m2 / 1e6) : 0;
    u.change = changeOf(u.count, u.previous);
  }
}

/** Competition ranking by density, highest first: equal densities share a rank (1, 2, 2, 4). */
function rank(units: StatsUnitRow[]): void {
  const order = units.map((u, i) => i).sort((a, b) => units[b].per_km2 - units[a].per_km2);
  order.forEach((u, k) => (units[u].rank = k > 0 && units[u].per_km2 === units[order[k - 1]].per_km2 ? units[order[k - 1]].rank : k + 1));
}

/** (count − previous) / previous; null when the previous window had none (no ratio to give). */
function changeOf(count: number, previous: number): number | null {
  return previous > 0 ? (count - previous) / previous : null;
}

function tooManyBuckets(bucket: Bucket): CitygridError {
  return new CitygridError([problem('CG_ERR_VALIDATION', {}, 'querystring/bucket', `${bucket} gives more than ${MAX_BUCKETS} buckets over this window: use a coarser bucket (week, month) or a shorter window`)]);
}
