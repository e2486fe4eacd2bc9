/**
 * The statistics endpoints and the heatmap's points. The answers' types are the server's
 * schemas (type-only: nothing of the server is bundled).
 */
import type { CategoryStats, GridStats, Hotspots, Stats, StatsUnitRow } from '@citygrid/server';
import type { Client } from './client.ts';
import { CST_OFFSET, filterToQuery, type Filter } from './filter-query.ts';
import { binsToPoints, decodePoints, type BinsAnswer, type ReportPoints } from './points.ts';

/** `GET /api/stats/grids`: counts per grid, `outside` = reports in no grid. */
export type { GridStats };
/** One row of `GET /api/stats/grids`. */
export type GridStat = GridStats['grids'][number];
/** `GET /api/stats`: counts per unit of a level, change against the previous window, series. */
export type UnitStats = Stats;
/** One unit (grid, community or street) of `GET /api/stats`, in rank order. */
export type StatsUnit = StatsUnitRow;
/** `GET /api/stats/hotspots`: Getis–Ord Gi* per grid. */
export type { Hotspots };
/** `GET /api/stats/categories`: counts by category of one unit (or the city), with a series. */
export type { CategoryStats };

/** Aggregation level of `GET /api/stats`. */
export type StatsLevel = 'grid' | 'community' | 'street';
/** Series bucket of `GET /api/stats`. */
export type StatsBucket = 'day' | 'week' | 'month';

/** The statistics endpoints. */
export interface StatsApi {
  stats(filter: Filter, signal?: AbortSignal): Promise<GridStats>;
  points(filter: Filter, signal?: AbortSignal): Promise<ReportPoints>;
  /** `GET /api/stats`: counts per unit of a level, change vs the previous window, optional series. */
  unitStats(filter: Filter, level: StatsLevel, bucket?: StatsBucket, signal?: AbortSignal): Promise<UnitStats>;
  /** `GET /api/stats/bins`: reports counted in Web Mercator squares for a zoom, as weighted points. */
  bins(filter: Filter, zoom: number, bbox: [number, number, number, number] | null, signal?: AbortSignal): Promise<ReportPoints>;
  /** `GET /api/stats/hotspots`: Getis–Ord Gi* per grid. */
  hotspots(filter: Filter, signal?: AbortSignal): Promise<Hotspots>;
  /** `GET /api/stats/categories`: counts by category of one unit (or the city), with a series. */
  categories(filter: Filter, unit: string | null, level: StatsLevel, bucket?: StatsBucket, signal?: AbortSignal): Promise<CategoryStats>;
}

/**
 * The statistics endpoints over a client.
 * @example const { unitStats } = statsApi(createClient()); await unitStats(filter, 'street');
 */
export function statsApi(client: Client): StatsApi {
  const withQuery = (path: string, filter: Filter) => {
    const q = filterToQuery(filter);
    return q ? `${path}?${q}` : path;
  };
  // The series buckets are calendar days of China Standard Time, like the filter.
  const unitQuery = (filter: Filter, level: StatsLevel, bucket: StatsBucket | undefined, unit: string | null = null) => {
    const q = new URLSearchParams(filterToQuery(filter));
    if (unit) q.set('unit', unit);
    q.set('level', level);
    if (bucket) q.set('bucket', bucket);
    q.set('tz', CST_OFFSET);
    return q;
  };
  return {
    stats: (filter, signal) => client.json('GET', withQuery('/api/stats/grids', filter), { signal }),
    points: async (filter, signal) => {
      const res = await client.request('GET', withQuery('/api/reports/points', filter), { signal });
      return decodePoints(await res.arrayBuffer(), res.headers.get('x-citygrid-count'));
    },
    unitStats: (filter, level, bucket, signal) => client.json('GET', `/api/stats?${unitQuery(filter, level, bucket)}`, { signal }),
    bins: async (filter, zoom, bbox, signal) => {
      const q = new URLSearchParams(filterToQuery(filter));
      q.set('zoom', String(Math.max(0, Math.min(22, Math.round(zoom)))));
      if (bbox) q.set('bbox', bbox.map((x) => x.toFixed(6)).join(','));
      return binsToPoints(await client.json<BinsAnswer>('GET', `/api/stats/bins?${q}`, { signal }));
    },
    hotspots: (filter, signal) => client.json('GET', withQuery('/api/stats/hotspots', filter), { signal }),
    categories: (filter, unit, level, bucket, signal) =>
      client.json('GET', `/api/stats/categories?${unitQuery(filter, level, bucket, unit)}`, { signal }),
  };
}
