import { POINT_CRSES, type PointCrs } from '../crs/point-crs.ts';
import { CitygridError } from '../errors.ts';
import { toWgs84, toWgs84Batch } from '../crs/to-wgs84.ts';
import type { Grid, GridSet } from '../types.ts';
import { Arena } from './arena.ts';
import { buildCellTable, cellOf, cellTableInts, EMPTY, listAt, planCellTable, type CellTable } from './cell-table.ts';
import { countEdgeStripes, fillEdgeStripes, stripeEdgeCount, type EdgeStripes } from './edge-stripes.ts';
import { findOverlaps, type Overlap } from './find-overlaps.ts';
import { flatPartsFrom, flattenParts, type FlatGrids, type FlatParts } from './flat-parts.ts';
import { gridPaths, type PathEntry } from './grid-paths.ts';
import { INSIDE, locateInPart, ON_BOUNDARY } from './locate-in-part.ts';
import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  /** Units above the grids (communities, towns, district) for `path`: `{ id, name, level, parent }`. */
  hierarchy?: Iterable<PathEntry & { parent: string | null }>;
  /** Outside every grid but within this many metres of one: `match: 'nearest'`. */
  maxDistance?: number;
  /**
   * Coordinate system of the points given to `route`, `routeBatch` and `nearby` (WeChat and
   * Amap send GCJ-02, Baidu BD-09): converted to WGS84 first. `locate` always takes WGS84.
   */
  crs?: PointCrs;
  /**
   * The grids' polygons already on flat arrays (`flattenGrids`, or read straight from a binary
   * file): the build reads them instead of the GeoJSON, ~3× faster at 100k grids. Kept, not
   * copied; they must describe `gridSet.grids` in order (checked: offsets, closed rings, and
   * each grid's parts spanning its bbox).
   */
  flat?: FlatGrids;
  /** Cells of the lookup table per polygon part (memory ↔ speed). */
  cellsPerPart?: number;
  /** Experimental: index size in bytes above which routeBatch sorts points by cell. */
  _batchSortBytes?: number;
}

const DEFAULTS: { maxDistance: number; cellsPerPart: number; crs: PointCrs; _batchSortBytes: number } = {
  crs: 'wgs84', // survey data, 天地图 and GPS; say gcj02/bd09 for web-map points
  maxDistance: 0, // off: an outside point stays outside unless the caller allows GPS slack
  // At 10k Voronoi grids (median of 4, quiet machine): 32 cells per part looked up 1.47 M
  // points/s, 64 2.72 M/s, 128 3.23 M/s, all building in ~300 ms; fewer cells leave more
  // points in cells that a border crosses. Small and huge sets are bounded in cell-table.ts.
  cellsPerPart: 128,
  // Sorting pays only when the index outgrows the CPU caches: on the 91-grid demo a plain
  // loop ran 15–19 M points/s and the sorted one 6–8 M/s.
  _batchSortBytes: 8 << 20,
};

/** How a point was matched to its grid. */
export type RouteMatch = 'inside' | 'border' | 'nearest' | 'outside';

/** The answer for one point. */
export interface RouteResult {
  grid: Grid | null;
  /** The grid's ancestors, nearest first (community, street/town, district). */
  path: PathEntry[];
  match: RouteMatch;
  /** 0 inside or on a border; the distance to the grid for `nearest`; null `outside`. */
  distance_m: number | null;
}

/** A static point-to-grid index over a grid set. */
export interface Router {
  readonly gridSet: GridSet;
  /**
   * Grid index (into `gridSet.grids`) of a WGS84 point, −1 outside: the allocation-free hot path.
   * @example router.locate(109.03, 32.69) // 17
   */
  locate(lon: number, lat: number): number;
  /**
   * The grid, its ancestors and how it matched.
   * @example router.route(109.03, 32.69) // { grid, path: [{ id: '610902002', … }], match: 'inside', distance_m: 0 }
   */
  route(lon: number, lat: number): RouteResult;
  /**
   * Grid indexes of many points `[lon0, lat0, lon1, lat1, …]` (−1 outside), in input order;
   * the same answers as `locate`, looked up in table order for memory locality.
   */
  routeBatch(coords: Float64Array): Int32Array;
  /** Grids whose boundary or interior lies within `radius_m` metres of a point, nearest first. */
  nearby(lon: number, lat: number, radius_m: number): Array<{ grid: Grid; distance_m: number }>;
  /** Pairs of grids whose interiors overlap, with area and owner; computed on first call. */
  overlaps(): Overlap[];
}

/**
 * Builds a router: parts flattened onto typed arrays, edges bucketed into horizontal stripes
 * per part, and a uniform cell table where a cell wholly inside one grid answers in one read.
 * Border rule (see `locateInPart`): a point on a shared border belongs to the grid east of
 * it, or north of it on an east–west border; on the outer boundary, to the grid whose boundary
 * it is (smallest id if several). Overlapping grids: the smallest id wins.
 *
 * @example
 * const router = createRouter(gridSet, { maxDistance: 30 });
 * router.route(109.0312, 32.6871).grid?.name // '新城街道第03网格'
 */
export function createRouter(gridSet: GridSet, options: RouterOptions = {}): Router {
  const { flat: flatIn, ...rest } = options;
  const opts = { ...DEFAULTS, ...rest };
  if (!(opts.maxDistance >= 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `maxDistance must be ≥ 0 metres, got ${options.maxDistance}`);
  if (!(opts.cellsPerPart > 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `cellsPerPart must be > 0, got ${options.cellsPerPart}`);
  if (!POINT_CRSES.includes(opts.crs)) throw CitygridError.of('CG_ERR_CRS_UNKNOWN', {}, JSON.stringify(options.crs));
  const grids = gridSet.grids;
  const rank = rankById(grids);
  const flat = flatIn ? flatPartsFrom(flatIn, grids) : flattenParts(gridSet);
  const stripes = countEdgeStripes(flat);
  const plan = planCellTable(flat, opts.cellsPerPart);
  // The big arrays in one allocation, not five: each one apart set off a full collection (arena.ts).
  const tableInts = cellTableInts(plan, flat.partCount);
  const arena = new Arena(stripeEdgeCount(stripes) + tableInts.kept, tableInts.scratch);
  fillEdgeStripes(flat, stripes, arena.int32(stripeEdgeCount(stripes)));
  const table = buildCellTable(flat, stripes, rank, plan, arena);
  const index: RouterIndex = { flat, stripes, table, crs: opts.crs, batchSortBytes: opts._batchSortBytes };
  return routerOver(gridSet, index, opts, rank);
}

/**
 * A router over an index already built (by {@link createRouter} here, or on another thread and
 * posted: router-index.ts): only the ranks and the hierarchy paths are computed, nothing is
 * indexed again. The index must be of `gridSet.grids`, in order.
 */
export function routerOver(
  gridSet: GridSet,
  index: RouterIndex,
  opts: { maxDistance: number; hierarchy?: RouterOptions['hierarchy'] },
  rank: Int32Array = rankById(gridSet.grids),
): Router {
  const grids = gridSet.grids;
  const { flat, stripes, table, crs } = index;
  const paths = gridPaths(grids, opts.hierarchy ?? []);
  let overlaps: Overlap[] | undefined;
  const { locate, routeBatch } = locatorOver(index);

  const router: Router = {
    gridSet,
    locate,
    route(lonIn, latIn) {
      const [lon, lat] = crs === 'wgs84' ? [lonIn, latIn] : toWgs84(lonIn, latIn, crs);
      const found = resolve(flat, stripes, table, lon, lat);
      if (found >= 0) {
        const g = found >> 1;
        return { grid: grids[g], path: paths[g], match: found & 1 ? 'border' : 'inside', distance_m: 0 };
      }
      if (opts.maxDistance > 0 && Number.isFinite(lon) && Number.isFinite(lat)) {
        const near = nearestParts(flat, table, lon, lat, opts.maxDistance, rank)[0];
        if (near) return { grid: grids[near.grid], path: paths[near.grid], match: 'nearest', distance_m: near.distance };
      }
      return { grid: null, path: [], match: 'outside', distance_m: null };
    },
    routeBatch,
    nearby(lonIn, latIn, radius_m) {
      const [lon, lat] = crs === 'wgs84' ? [lonIn, latIn] : toWgs84(lonIn, latIn, crs);
      const inside = locate(lon, lat);
      const near = nearestParts(flat, table, lon, lat, radius_m, rank).filter((n) => n.grid !== inside);
      const all = inside >= 0 ? [{ grid: inside, distance: 0 }, ...near] : near;
      return all.map((n) => ({ grid: grids[n.grid], distance_m: n.distance }));
    },
    overlaps() {
      overlaps ??= findOverlaps(gridSet, flat, stripes, table, rank);
      return overlaps;
    },
  };
  indexes.set(router, index);
  return router;
}

/** Each grid's rank in id order (index order breaks ties): who wins an overlap or a tie. */
function rankById(grids: readonly Grid[]): Int32Array {
  const rank = new Int32Array(grids.length);
  grids
    .map((g, i) => i)
    .sort((a, b) => (grids[a].id < grids[b].id ? -1 : grids[a].id > grids[b].id ? 1 : a - b))
    .forEach((g, r) => {
      rank[g] = r;
    });
  return rank;
}

/**
 * What `locate` and `routeBatch` read: the flat parts, their edge stripes and the cell table
 * (typed arrays, most in shared memory: arena.ts), and how points come in. No grids, no ids.
 */
export interface RouterIndex {
  flat: FlatParts;
  stripes: EdgeStripes;
  table: CellTable;
  crs: PointCrs;
  batchSortBytes: number;
}

/** Each router's index, for routerIndex (router-index.ts); not a property, so Router stays as it was. */
export const indexes = new WeakMap<Router, RouterIndex>();

/**
 * `locate` and `routeBatch` over an index: the router's own, and what a worker thread builds
 * from an index it was sent (router-index.ts), so both answer bit for bit the same.
 */
export function locatorOver(index: RouterIndex): Pick<Router, 'locate' | 'routeBatch'> {
  const { flat, stripes, table, crs, batchSortBytes } = index;
  const locate = (x: number, y: number) => {
    const found = resolve(flat, stripes, table, x, y);
    return found < 0 ? -1 : found >> 1;
  };
  const routeBatch = (coordsIn: Float64Array) => {
    const coords = crs === 'wgs84' ? coordsIn : toWgs84Batch(coordsIn.slice(), crs);
    if (flat.coords.byteLength + table.cells.byteLength + stripes.edges.byteLength < batchSortBytes) {
      const out = new Int32Array(coords.length >> 1);
      for (let i = 0; i < out.length; i++) out[i] = locate(coords[2 * i], coords[2 * i + 1]);
      return out;
    }
    return routeInTableOrder(table, coords, locate);
  };
  return { locate, routeBatch };
}

/**
 * (grid index << 1) | border bit, or −1. First the table; in a mixed cell the parts in rank
 * order, first claim wins; if none claims under the half-open rule, a part whose boundary the
 * point lies on (the outer boundary's east and north sides).
 */
function resolve(flat: FlatParts, stripes: EdgeStripes, t: CellTable, x: number, y: number): number {
  const c = cellOf(t, x, y);
  if (c < 0) return -1;
  const v = t.cells[c];
  if (v >= 0) return v << 1;
  if (v === EMPTY) return -1;
  const lists = t.lists;
  const at = listAt(v);
  const to = at + lists[at];
  let onBoundary = -1;
  for (let i = at + 1; i <= to; i++) {
    const p = lists[i];
    const r = locateInPart(flat, stripes, p, x, y);
    if (r & INSIDE) return (flat.partGrid[p] << 1) | (r & ON_BOUNDARY ? 1 : 0);
    if (r & ON_BOUNDARY && onBoundary < 0) onBoundary = flat.partGrid[p];
  }
  return onBoundary < 0 ? -1 : (onBoundary << 1) | 1;
}

/** Parts' grids within `radius` metres of a point outside them, nearest first (rank breaks ties). */
function nearestParts(
  flat: FlatParts,
  t: CellTable,
  x: number,
  y: number,
  radius: number,
  rank: Int32Array,
): Array<{ grid: number; distance: number }> {
  const { kx, ky } = metresPerDegree(y);
  const dx = radius / kx;
  const dy = radius / ky;
  const x0 = Math.max(0, Math.floor((x - dx - t.minX) * t.scaleX));
  const x1 = Math.min(t.nx - 1, Math.floor((x + dx - t.minX) * t.scaleX));
  const y0 = Math.max(0, Math.floor((y - dy - t.minY) * t.scaleY));
  const y1 = Math.min(t.ny - 1, Math.floor((y + dy - t.minY) * t.scaleY));
  const parts = new Set<number>();
  for (let cy = y0; cy <= y1; cy++) {
    for (let cx = x0; cx <= x1; cx++) {
      const v = t.cells[cy * t.nx + cx];
      if (v > -2) continue; // boundaries only pass through mixed cells
      const at = listAt(v);
      for (let i = at + 1; i <= at + t.lists[at]; i++) parts.add(t.lists[i]);
    }
  }
  const best = new Map<number, number>();
  for (const p of parts) {
    const d = partDistance(flat, p, x, y, kx, ky);
    const g = flat.partGrid[p];
    if (d <= radius && d < (best.get(g) ?? Infinity)) best.set(g, d);
  }
  return [...best].map(([grid, distance]) => ({ grid, distance })).sort((a, b) => a.distance - b.distance || rank[a.grid] - rank[b.grid]);
}

function partDistance(flat: FlatParts, p: number, x: number, y: number, kx: number, ky: number): number {
  const c = flat.coords;
  let d = Infinity;
  for (let r = flat.partRing[p]; r < flat.partRing[p + 1]; r++) {
    for (let e = flat.ringStart[r]; e < flat.ringStart[r + 1] - 1; e++) {
      d = Math.min(d, segmentDistance(x, y, c[2 * e], c[2 * e + 1], c[2 * e + 2], c[2 * e + 3], kx, ky));
    }
  }
  return d;
}

/**
 * Answers the points whose cell alone answers (wholly in one grid, in none, or outside the
 * table) in one pass in input order, then looks the rest up grouped by table cell (a counting
 * sort), so consecutive lookups read the same cell, parts and edges from cache; answers go
 * back in input order. Only points in mixed cells are sorted.
 */
function routeInTableOrder(t: CellTable, coords: Float64Array, locate: (x: number, y: number) => number): Int32Array {
  const n = coords.length >> 1;
  const out = new Int32Array(n);
  if (n === 0) return out;
  // Buckets of 2^shift consecutive cells, no more buckets than points: the counting sort stays
  // O(n), and neighbouring cells of a row share a bucket anyway.
  let shift = 0;
  while (t.nx * t.ny > n * 2 ** shift) shift++;
  const buckets = ((t.nx * t.ny) >> shift) + 1;
  const cells = t.cells;
  const bucket = new Int32Array(n); // −1: answered from the table
  const start = new Int32Array(buckets + 1);
  let mixed = 0;
  for (let i = 0; i < n; i++) {
    const c = cellOf(t, coords[2 * i], coords[2 * i + 1]);
    const v = c < 0 ? EMPTY : cells[c];
    if (v > -2) {
      out[i] = v; // the grid covering the whole cell, or −1
      bucket[i] = -1;
    } else {
      const b = c >> shift;
      bucket[i] = b;
      start[b + 1]++;
      mixed++;
    }
  }
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const order = new Int32Array(mixed);
  for (let i = 0; i < n; i++) if (bucket[i] >= 0) order[start[bucket[i]]++] = i;
  for (let j = 0; j < mixed; j++) {
    const i = order[j];
    out[i] = locate(coords[2 * i], coords[2 * i + 1]);
  }
  return out;
}
