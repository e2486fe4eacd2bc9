import { checkLonLat, createRouter, toWgs84, type GridSet, type PathEntry, type PointCrs, type Router, parseDecimal } from '@citygrid/core';
import type { CityContext } from '@citygrid/server';

/** Columns `route` adds to every row. */
export const ROUTE_COLUMNS = ['grid_id', 'match', 'distance_m', 'path', 'path_names'] as const;
/** Columns `route --profile` adds after them: who owns the report by the profile's dispatch. */
export const DISPATCH_COLUMNS = ['department', 'owner_level', 'dispatch_rule'] as const;
export type RouteColumns = Record<string, string>;

/**
 * Routes one input row at a time and keeps the tally: how many rows landed in a grid, on a
 * border, near one, outside, or could not be routed (with the first 20 reasons on stderr).
 */
export class RowRouter {
  readonly router: Router;
  rows = 0;
  invalid = 0;
  readonly matches = { inside: 0, border: 0, nearest: 0, outside: 0 };

  constructor(
    gridSet: GridSet,
    private readonly opts: {
      crs: PointCrs;
      maxDistance: number;
      hierarchy: Array<PathEntry & { parent: string | null }>;
      file: string;
      city?: CityContext;
    },
  ) {
    this.router = createRouter(gridSet, { maxDistance: opts.maxDistance, hierarchy: opts.hierarchy });
  }

  /** The columns added to each row, in order. */
  get columns(): readonly string[] {
    return this.opts.city ? [...ROUTE_COLUMNS, ...DISPATCH_COLUMNS] : ROUTE_COLUMNS;
  }

  /**
   * The added columns for a row whose coordinates are `lonRaw`, `latRaw` (strings or numbers);
   * `where` names the row in messages (`line 12`, `feature 3`, `row 7`); `category` is the
   * row's category code, dispatched by the profile (`--profile`) when there is one.
   */
  route(lonRaw: unknown, latRaw: unknown, where: string, category?: unknown): RouteColumns {
    this.rows++;
    const lon = toNumber(lonRaw);
    const lat = toNumber(latRaw);
    const bad = coordinateProblem(lon, lat, [lonRaw, latRaw]);
    if (bad) {
      this.invalid++;
      if (this.invalid <= 20) process.stderr.write(`citygrid route: ${this.opts.file} ${where}: ${bad}\n`);
      return {
        grid_id: '',
        match: 'invalid',
        distance_m: '',
        path: '',
        path_names: '',
        ...(this.opts.city ? { department: '', owner_level: '', dispatch_rule: '' } : {}),
      };
    }
    const [x, y] = this.opts.crs === 'wgs84' ? [lon, lat] : toWgs84(lon, lat, this.opts.crs);
    const r = this.router.route(x, y);
    this.matches[r.match]++;
    const top = [...r.path].reverse();
    const columns: RouteColumns = {
      grid_id: r.grid?.id ?? '',
      match: r.match,
      distance_m: r.distance_m === null ? '' : String(Math.round(r.distance_m * 100) / 100),
      path: top.map((p) => p.id).join('/'),
      path_names: top.map((p) => p.name).join('/'),
    };
    const city = this.opts.city;
    if (!city) return columns;
    const code = category === undefined || category === null ? '' : String(category);
    const owner = city.dispatcher.dispatch({
      category: code,
      standard: city.catalogue.category(code)?.standard ?? null,
      lon: x,
      lat: y,
      within: r.grid ? [r.grid.id, ...r.path.map((p) => p.id)] : [],
    });
    return { ...columns, department: owner.department ?? '', owner_level: owner.owner_level, dispatch_rule: owner.dispatch_rule };
  }

  summary(seconds: number): string {
    const m = this.matches;
    const more = this.invalid > 20 ? ' (first 20 listed above)' : '';
    const rate = seconds > 0 ? ` in ${seconds.toFixed(1)} s (${Math.round(this.rows / seconds).toLocaleString('en')} rows/s)` : '';
    return `routed ${this.rows} rows${rate}: ${m.inside + m.border + m.nearest} in a grid (${m.border} on a border, ${m.nearest} nearest within the distance), ${m.outside} outside every grid, ${this.invalid} with bad coordinates${more}`;
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  // Decimal only, as the server reads lon/lat: '0x6d' is not 109.
  if (typeof v === 'string') return parseDecimal(v);
  return NaN;
}

/** Why a lon/lat pair cannot be routed, or null when it can: core's check, in the CLI's words. */
function coordinateProblem(lon: number, lat: number, raw: [unknown, unknown]): string | null {
  const problem = checkLonLat(lon, lat);
  if (!problem) return null;
  if (problem.code === 'CG_ERR_REPORT_INVALID') return `lon/lat ${JSON.stringify(raw)} are not numbers; give degrees`;
  if (problem.code === 'CG_ERR_COORD_SWAPPED') return `lon/lat [${lon}, ${lat}] look swapped (latitude cannot exceed 90); swap the columns`;
  return `lon/lat [${lon}, ${lat}] out of range; reproject to lon/lat degrees`;
}
