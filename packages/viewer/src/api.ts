/**
 * Typed client for the citygrid server (packages/server). Every request goes to the origin the
 * page was loaded from (relative URLs): the viewer must work on an offline command-centre LAN.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CategoryStats, Hotspots, Stats, StatsUnitRow } from '@citygrid/server';

/** Properties of a grid feature from `GET /api/grids`. */
export interface GridProperties {
  id: string;
  name: string;
  level: number;
  parent: string | null;
  /** Area on the WGS84 ellipsoid, m². */
  area_m2: number;
  town?: string | null;
  [key: string]: unknown;
}

export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>;

/** Properties of a context outline from `GET /api/boundaries`: 1 district, 2 town/street. */
export interface BoundaryProperties {
  level: number;
  name?: string;
  [key: string]: unknown;
}
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

/** One category (事件类型) with its report count over all time. */
export interface MetaCategory {
  code: string;
  name: string;
  en: string;
  count: number;
}

/** `GET /api/meta`. */
export interface Meta {
  categories: MetaCategory[];
  sources: unknown[];
  /** ISO timestamps of the first and last report, or null when there are none. */
  time: { min: string; max: string } | null;
  grids: number;
  reports: number;
  /** `[minLon, minLat, maxLon, maxLat]`, WGS84 degrees. */
  bbox: [number, number, number, number] | null;
}

/** One row of `GET /api/stats/grids`. */
export interface GridStat {
  id: string;
  name: string;
  parent: string | null;
  count: number;
  area_m2: number;
  /** Reports per km² in the filter. */
  per_km2: number;
}

/** `GET /api/stats/grids`: counts per grid, `outside` = reports in no grid. */
export interface GridStats {
  total: number;
  outside: number;
  grids: GridStat[];
}

/** Report positions: interleaved `[lon, lat, lon, lat, …]`, WGS84 degrees. */
export interface ReportPoints {
  positions: Float32Array;
  count: number;
  /** A weight per point (binned reports: the count of each bin); absent = 1 each. */
  weights?: Float32Array;
}

/**
 * What the command centre filters on. Dates are calendar days as the `<input type="date">`
 * gives them (`YYYY-MM-DD`), both inclusive, in China Standard Time; `''` = open.
 */
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
 * The query string of a filter for `/api/stats/grids` and `/api/reports/points`: `from` is the
 * start of the first day, `to` the start of the day *after* the last one (the API's `to` is
 * exclusive), both as ISO timestamps in China Standard Time.
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

/** Options of {@link createApi}. */
export interface ApiOptions {
  /** Prefix of every path; '' = same origin as the page. */
  base?: string;
  fetch?: typeof fetch;
}

/** The client: one method per endpoint. */
export interface Api {
  grids(): Promise<GridCollection>;
  boundaries(): Promise<BoundaryCollection>;
  meta(): Promise<Meta>;
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

/** Aggregation level of `GET /api/stats`. */
export type StatsLevel = 'grid' | 'community' | 'street';
/** Series bucket of `GET /api/stats`. */
export type StatsBucket = 'day' | 'week' | 'month';

// The answers of the statistics routes, as the server's schemas define them (type-only: nothing
// of the server is bundled).
/** `GET /api/stats`: counts per unit of a level, change against the previous window, series. */
export type UnitStats = Stats;
/** One unit (grid, community or street) of `GET /api/stats`, in rank order. */
export type StatsUnit = StatsUnitRow;
/** `GET /api/stats/hotspots`: Getis–Ord Gi* per grid. */
export type { Hotspots };
/** `GET /api/stats/categories`: counts by category of one unit (or the city), with a series. */
export type { CategoryStats };

/**
 * A client for the server the page came from.
 * @param [options.base=''] path prefix
 * @example const api = createApi(); const meta = await api.meta();
 */
export function createApi(options: ApiOptions = {}): Api {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const get = async (path: string, signal?: AbortSignal): Promise<Response> => {
    const res = await doFetch(`${base}${path}`, { signal });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text().catch(() => '')}`.trim());
    return res;
  };
  const json = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await get(path, signal)).json() as Promise<T>;
  const withQuery = (path: string, filter: Filter) => {
    const q = filterToQuery(filter);
    return q ? `${path}?${q}` : path;
  };
  return {
    grids: () => json<GridCollection>('/api/grids'),
    boundaries: () => json<BoundaryCollection>('/api/boundaries'),
    meta: () => json<Meta>('/api/meta'),
    stats: (filter, signal) => json<GridStats>(withQuery('/api/stats/grids', filter), signal),
    points: async (filter, signal) => {
      const res = await get(withQuery('/api/reports/points', filter), signal);
      return decodePoints(await res.arrayBuffer(), res.headers.get('x-citygrid-count'));
    },
    unitStats: (filter, level, bucket, signal) => {
      const q = new URLSearchParams(filterToQuery(filter));
      q.set('level', level);
      if (bucket) q.set('bucket', bucket);
      q.set('tz', CST_OFFSET);
      return json<UnitStats>(`/api/stats?${q}`, signal);
    },
    bins: async (filter, zoom, bbox, signal) => {
      const q = new URLSearchParams(filterToQuery(filter));
      q.set('zoom', String(Math.max(0, Math.min(22, Math.round(zoom)))));
      if (bbox) q.set('bbox', bbox.map((x) => x.toFixed(6)).join(','));
      return binsToPoints(await json<BinsAnswer>(`/api/stats/bins?${q}`, signal));
    },
    hotspots: (filter, signal) => json<Hotspots>(withQuery('/api/stats/hotspots', filter), signal),
    categories: (filter, unit, level, bucket, signal) => {
      const q = new URLSearchParams(filterToQuery(filter));
      if (unit) q.set('unit', unit);
      q.set('level', level);
      if (bucket) q.set('bucket', bucket);
      q.set('tz', CST_OFFSET);
      return json<CategoryStats>(`/api/stats/categories?${q}`, signal);
    },
  };
}

/**
 * Checks and wraps the body of `/api/reports/points`: little-endian float32 `[lon, lat]` pairs.
 *
 * @param header value of `x-citygrid-count`, checked against the body when present
 */
export function decodePoints(body: ArrayBuffer, header: string | null): ReportPoints {
  if (body.byteLength % 8 !== 0) throw new Error(`expected a multiple of 8 bytes (float32 lon, lat), got ${body.byteLength}`);
  const positions = new Float32Array(body);
  const count = positions.length / 2;
  if (header !== null && Number(header) !== count) {
    throw new Error(`x-citygrid-count says ${header} reports, body holds ${count}`);
  }
  return { positions, count };
}

/** The part of `GET /api/stats/bins` the heatmap reads. */
export interface BinsAnswer {
  bins: number;
  count: number[];
  lon: number[];
  lat: number[];
}

/**
 * Bins as weighted points: each bin's centre, weighing its count (the heatmap's SUM then adds
 * up to the same totals as the raw points).
 * @example binsToPoints({ bins: 1, count: [5], lon: [109], lat: [32.7] }).weights // Float32Array [5]
 */
export function binsToPoints(answer: BinsAnswer): ReportPoints {
  const n = answer.bins;
  if (answer.count.length !== n || answer.lon.length !== n || answer.lat.length !== n) {
    throw new Error(`expected ${n} bins in count, lon and lat, got ${answer.count.length}, ${answer.lon.length}, ${answer.lat.length}`);
  }
  const positions = new Float32Array(2 * n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = answer.lon[i];
    positions[2 * i + 1] = answer.lat[i];
    weights[i] = answer.count[i];
  }
  return { positions, count: n, weights };
}
