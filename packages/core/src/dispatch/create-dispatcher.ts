import { CitygridError, problem, type Problem } from '../errors.ts';
import { parsePointCrs, type PointCrs } from '../crs/point-crs.ts';
import { toWgs84 } from '../crs/to-wgs84.ts';
import { CorridorIndex, type CorridorInput } from './corridor-index.ts';
import { DEFAULT_DISPATCH_RULES, checkRules, matchRule, type DispatchRules } from './dispatch-rules.ts';
import { describeValue } from './describe-value.ts';

/**
 * What a router returns for a WGS84 point. Typed structurally so that any router fits, e.g.
 * the one from `createRouter`: only `grid.id` is read; `path`, `match` and `distance_m` are
 * passed through to the result unchanged.
 */
export interface RouteLike {
  grid: { id: string } | null;
  path: unknown;
  match: unknown;
  /** Metres from the grid (0 inside), or null where the router gives none. */
  distance_m: number | null;
}

/** Anything that routes a WGS84 `[lon, lat]` in degrees to a grid. */
export interface RouterLike<R extends RouteLike = RouteLike> {
  route(lon: number, lat: number): R;
}

/** Options of {@link createDispatcher}. */
export interface DispatcherOptions<R extends RouteLike = RouteLike> {
  router: RouterLike<R>;
  /** Category → department table; see {@link DispatchRules}. */
  rules?: DispatchRules;
  /** Main roads, rivers and other linear jurisdictions owned by one team (seed 002: 八纵八横). */
  corridors?: CorridorInput;
  /** The system the corridors' coordinates are in. */
  corridorCrs?: PointCrs;
  /** Department for categories no rule matches. */
  defaultDepartment?: string;
}

/** A report to dispatch: a point, its category code and the system its point is in. */
export interface DispatchReport {
  /** Longitude in degrees, in `crs`. */
  lon: number;
  /** Latitude in degrees, in `crs`. */
  lat: number;
  /** Event type code, e.g. `'06010'` 暴露垃圾 (GB/T 47678.5). */
  category: string;
  /** Coordinate system of lon/lat: a {@link PointCrs} or a spelling {@link parsePointCrs} reads. */
  crs?: PointCrs | string;
}

/** Where a report goes, and why. */
export interface DispatchResult<R extends RouteLike = RouteLike> {
  /** The grid the report lies in (also for corridor reports), or null outside every grid. */
  grid_id: string | null;
  /** The router's `path`, unchanged. */
  path: R['path'];
  /** The department or team that must handle it. */
  department: string;
  /** `'corridor'` when a corridor took the report, else `'grid'`. */
  owner: 'grid' | 'corridor';
  /** The corridor that took it, with the distance from its centre line in metres. */
  corridor?: { id: string; name: string; distance_m: number };
  /** Which rule applied: a corridor, an exact category code, a code prefix, or the default. */
  rule: 'corridor' | 'category' | 'prefix' | 'default';
  /** The router's `match`, unchanged. */
  match: R['match'];
  /** The router's `distance_m`, unchanged (metres from the grid; null where it gives none). */
  distance_m: R['distance_m'];
}

/** A configured dispatcher. */
export interface Dispatcher<R extends RouteLike = RouteLike> {
  dispatch(report: DispatchReport): DispatchResult<R>;
}

const DEFAULTS = {
  // Illustrative local default, not a standard (STANDARDS.md §6): the "4+X" table of seed 002.
  rules: DEFAULT_DISPATCH_RULES,
  // No corridors: every report goes by grid and category.
  corridors: [] as CorridorInput,
  // Corridor geometry as citygrid stores it.
  corridorCrs: 'wgs84' as PointCrs,
  // Seed 002: the city-management bureau (城管) leads joint enforcement; a local default.
  defaultDepartment: '城管',
};

/**
 * Builds a dispatcher (派遣): for each report, the grid it lies in and the department that must
 * handle it. Order of rules:
 *
 * 1. **corridor**: the report lies within `width_m / 2` metres of a corridor's line (on the
 *    WGS84 ellipsoid, via a local metric projection) and the corridor owns its category →
 *    the corridor's owner. Several such corridors: the nearest line, then the smallest id.
 * 2. **category**: an exact code in `rules.categories`.
 * 3. **prefix**: the longest matching prefix in `rules.prefixes` (e.g. 大类 `'06'`).
 * 4. **default**: `defaultDepartment`.
 *
 * Options are checked here, once: every bad corridor or rule is named in one error.
 *
 * @param options.router anything with `route(lon, lat)` on WGS84 degrees
 * @param [options.rules=DEFAULT_DISPATCH_RULES] category → department table (a local default)
 * @param [options.corridors=[]] LineString/MultiLineString features with `{ id, name, width_m, owner, categories? }`
 * @param [options.corridorCrs='wgs84'] the system the corridor coordinates are in
 * @param [options.defaultDepartment='城管'] department when no rule matches
 * @returns a {@link Dispatcher}
 * @throws CitygridError `CG_ERR_DISPATCH_CONFIG` listing every bad option
 * @example
 * const d = createDispatcher({ router, corridors: mainRoads, defaultDepartment: '城管' });
 * d.dispatch({ lon: 116.5219, lat: 31.7337, category: '09009', crs: 'gcj02' });
 * // { grid_id: '341503…', department: '公安交警', owner: 'grid', rule: 'category', … }
 */
export function createDispatcher<R extends RouteLike>(options: DispatcherOptions<R>): Dispatcher<R> {
  const problems: Problem[] = [];
  const given = options !== null && typeof options === 'object' ? stripUndefined(options) : {};
  const { router, rules, corridors, corridorCrs, defaultDepartment } = { ...DEFAULTS, ...given } as Required<DispatcherOptions<R>>;
  if (router === null || typeof router !== 'object' || typeof (router as { route?: unknown }).route !== 'function') {
    problems.push(
      problem('CG_ERR_DISPATCH_CONFIG', {}, 'router:', `expected an object with route(lon, lat), got ${describeValue(router)}`),
    );
  }
  problems.push(...checkRules(rules));
  if (typeof defaultDepartment !== 'string' || defaultDepartment.trim() === '') {
    problems.push(
      problem('CG_ERR_DISPATCH_CONFIG', {}, 'defaultDepartment:', `must be a non-empty string, got ${describeValue(defaultDepartment)}`),
    );
  }
  const crs = parsePointCrs(corridorCrs);
  if (crs === undefined) problems.push(problem('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(corridorCrs)));
  const built = CorridorIndex.build(corridors, crs ?? 'wgs84');
  problems.push(...built.problems);
  if (problems.length > 0) throw new CitygridError(problems);
  const index = built.index;
  // A frozen copy: changing the caller's tables later cannot bypass the checks above.
  const table: DispatchRules = Object.freeze({
    categories: Object.freeze({ ...rules.categories }),
    prefixes: Object.freeze({ ...rules.prefixes }),
  });
  return {
    dispatch(report: DispatchReport): DispatchResult<R> {
      const { lon, lat, category } = checkReport(report);
      const route = router.route(lon, lat);
      const base = { grid_id: route.grid?.id ?? null, path: route.path, match: route.match, distance_m: route.distance_m };
      const hit = index.nearest(lon, lat, category);
      if (hit !== null) {
        const { id, name, owner } = hit.corridor;
        return { ...base, department: owner, owner: 'corridor', corridor: { id, name, distance_m: hit.distance_m }, rule: 'corridor' };
      }
      const matched = matchRule(table, category);
      if (matched !== null) return { ...base, department: matched.department, owner: 'grid', rule: matched.rule };
      return { ...base, department: defaultDepartment, owner: 'grid', rule: 'default' };
    },
  };
}

/** The report's WGS84 point and category; throws on a malformed report. */
function checkReport(report: DispatchReport): { lon: number; lat: number; category: string } {
  if (report === null || typeof report !== 'object')
    throw CitygridError.of('CG_ERR_REPORT_INVALID', {}, `expected a report object, got ${describeValue(report)}`);
  const { lon, lat, category } = report;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw CitygridError.of(
      'CG_ERR_REPORT_INVALID',
      {},
      `lon and lat must be finite numbers, got ${describeValue(lon)}, ${describeValue(lat)}`,
    );
  }
  if (typeof category !== 'string')
    throw CitygridError.of('CG_ERR_REPORT_INVALID', {}, `category must be a code string, got ${describeValue(category)}`);
  if (report.crs === undefined) return { lon, lat, category };
  const crs = parsePointCrs(report.crs);
  if (crs === undefined) throw CitygridError.of('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(report.crs));
  const [x, y] = toWgs84(lon, lat, crs);
  return { lon: x, lat: y, category };
}

/** The object without its undefined members, so that they take their defaults. */
function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
