import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import * as polyclip from 'polyclip-ts';
import RBush from 'rbush';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { Grid, GridSet } from '../types.ts';
import { BoundaryIndex, boundaryCache } from './faces/boundary-index.ts';
import { checkGeometry } from './check-geometry.ts';
import { gridSetInput } from './grid-set-input.ts';
import { checkHierarchy } from './check-hierarchy.ts';
import { findDuplicateGeometries, findDuplicateIds } from './duplicates.ts';
import { buildEdgeTable, type EdgeTable } from './edge-table.ts';
import { findEdgeMismatches } from './edge-mismatch.ts';
import { outerBorder } from './outer-border.ts';
import { matchAlongParent } from './parent-border.ts';
import { resolveFaces } from './faces/resolve-faces.ts';
import { PARENT, ringsOf, spatialOrder, type Ring } from './rings.ts';
import {
  COVERAGE_KINDS,
  type CoverageProblem,
  type CoverageProblemKind,
  type CoverageResult,
  type ValidateCoverageOptions,
} from './types.ts';
import { CitygridError } from '../errors.ts';

const DEFAULTS = {
  sliverWidth: 1, // m: narrower than a footpath, nobody can patrol it
  snapTolerance: 0, // m: exact; raised to MIN_TOLERANCE_M below
};

// 1e-7° is 1.1 cm north–south: below this two borders are the same line drawn twice, and what
// lies between them is an edge-mismatch, not an area (a 1e-9° shift makes 0.1 m² per km).
const MIN_TOLERANCE_M = 0.02;

/** @internal An rbush entry for a grid's box. */
export interface BoxItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  i: number;
}
/** @internal An rbush entry for an unmatched edge occurrence. */
export interface EdgeItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  e: number;
}

/** @internal What the phases share. */
export interface Context {
  grids: Grid[];
  index: RBush<BoxItem>;
  parent?: Polygon | MultiPolygon;
  tolM: number;
  /** Tolerance as degrees, generous (for boxes only): tolM / 50 km. */
  tolDeg: number;
  sliverWidth: number;
  duplicatePairs: Set<string>;
  /** Grids with an invalid-geometry problem: their winding number is not their indicator. */
  invalid: Set<number>;
  /** A grid's boundary in bands, built when first asked (outer border, gaps' neighbours, covering grids). */
  boundary: (i: number) => BoundaryIndex;
}

/**
 * Checks that grids tile their area: no gaps, no overlaps, valid polygons, matching borders.
 * Every problem is located (GeoJSON, WGS84), names the grids involved and, where it has an
 * area, gives it in m² (WGS84 ellipsoid) with its width (twice the largest inscribed circle's
 * radius, metres). A clean tiling is proved valid by exact edge hashing alone; only unmatched
 * edges are resolved, locally, by polygon clipping (docs/coverage.md).
 *
 * @param input the grids: a GridSet from parseGrids, or a GeoJSON FeatureCollection or array of
 *   Polygon/MultiPolygon Features (parsed here; ids need not be unique: duplicates are reported)
 * @param [options.parent] the area to cover exactly (e.g. the town): enables `uncovered-parent` and `outside-parent`
 * @param [options.parents] parent units, for the `hierarchy` check of each grid's `parent` id
 * @param [options.sliverWidth=1] metres: pieces narrower are flagged `sliver: true`
 * @param [options.snapTolerance=0] metres (never below 0.02): borders closer are the same line
 * @param [options.onProgress] called as phases advance, for a progress meter
 * @returns `{ valid, problems, stats }`
 * @throws CitygridError CG_ERR_GRIDS_INPUT for anything else; parseGrids' problems for features that are not valid polygons
 * @example
 * const { valid, problems } = validateCoverage(gridSet, { parent: town.geometry });
 * for (const p of problems) console.log(p.kind, p.grids.join('/'), p.area_m2 ?? '', 'm²');
 */
export function validateCoverage(
  input: GridSet | FeatureCollection | readonly Feature[],
  options: ValidateCoverageOptions = {},
): CoverageResult {
  const t0 = performance.now();
  const gridSet = gridSetInput(input);
  const opts = { ...DEFAULTS, ...options };
  if (!(opts.sliverWidth >= 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `sliverWidth: expected metres ≥ 0, got ${opts.sliverWidth}`);
  if (!(opts.snapTolerance >= 0))
    throw CitygridError.of('CG_ERR_OPTION', {}, `snapTolerance: expected metres ≥ 0, got ${opts.snapTolerance}`);
  const parent = parentGeometry(opts.parent);
  // An empty geometry (GEOS's POLYGON EMPTY) covers nothing and breaks nothing: left out, said.
  const grids = gridSet.grids.filter((g) => !isEmpty(g.geometry));
  const warnings = gridSet.grids
    .filter((g) => isEmpty(g.geometry))
    .map((g) => `grid ${JSON.stringify(g.id)} has an empty geometry: ignored`);
  const tolM = Math.max(MIN_TOLERANCE_M, opts.snapTolerance);
  const index = new RBush<BoxItem>();
  index.load(grids.map((g, i) => ({ minX: g.bbox[0], minY: g.bbox[1], maxX: g.bbox[2], maxY: g.bbox[3], i })));
  const ctx: Context = {
    grids,
    index,
    parent: parent && clippable(parent),
    tolM,
    tolDeg: tolM / 50_000,
    sliverWidth: opts.sliverWidth,
    duplicatePairs: new Set(),
    invalid: new Set(),
    boundary: boundaryCache(grids),
  };

  const report = options.onProgress ?? (() => {});
  const problems: CoverageProblem[] = [];
  for (let i = 0; i < grids.length; i++) {
    const found = checkGeometry(grids[i]);
    if (found.length) {
      ctx.invalid.add(i);
      problems.push(...found);
    }
    if ((i + 1) % 1000 === 0 && i + 1 < grids.length) report({ phase: 'geometry', done: i + 1, total: grids.length, unit: 'grids' });
  }
  report({ phase: 'geometry', done: grids.length, total: grids.length, unit: 'grids' });
  problems.push(...findDuplicateIds(grids));
  const dups = findDuplicateGeometries(grids);
  problems.push(...dups.problems);
  ctx.duplicatePairs = dups.pairs;
  const t1 = performance.now();

  const rings: Ring[] = grids.flatMap((g, i) => ringsOf(g.geometry, i));
  if (parent) rings.push(...ringsOf(parent, PARENT, true));
  // Each phase also says when it starts: hashing 1.5 M edges takes seconds at 50k grids.
  report({ phase: 'hashing', done: 0, total: rings.length, unit: 'rings' });
  const table = buildEdgeTable(spatialOrder(rings));
  if (parent) matchAlongParent(table, tolM, ctx.tolDeg);
  report({ phase: 'hashing', done: table.count, total: table.count, unit: 'edges' });
  const t2 = performance.now();
  if (!parent) report({ phase: 'outer border', done: 0, total: table.count, unit: 'edges' });
  const outer = parent ? new Uint8Array(table.count) : outerBorder(table, ctx.boundary, index, tolM);
  report({ phase: 'outer border', done: table.count, total: table.count, unit: 'edges' });
  const t3 = performance.now();

  const { edges, members } = unmatchedEdges(ctx, table, outer);
  let clusters = 0;
  if (members.length) {
    report({ phase: 'resolve', done: 0, total: members.length, unit: 'unmatched edges' });
    const resolved = resolveFaces(ctx, table, segmentsToResolve(table), (done, total) =>
      report({ phase: 'resolve', done, total, unit: 'faces' }),
    );
    problems.push(...resolved.problems, ...findEdgeMismatches(ctx, table, edges, members));
    clusters = resolved.components;
  }
  report({ phase: 'resolve', done: clusters, total: clusters, unit: 'components' });
  const t4 = performance.now();
  if (options.parents) {
    problems.push(...checkHierarchy(ctx, grids, options.parents));
    report({ phase: 'hierarchy', done: grids.length, total: grids.length, unit: 'grids' });
  }
  const t5 = performance.now();

  sortProblems(problems);
  report({ phase: 'done', done: grids.length, total: grids.length, unit: 'grids' });
  let gridEdges = 0,
    matchedEdges = 0,
    unmatched = 0;
  for (let e = 0; e < table.count; e++) {
    if (table.owner[e] === PARENT) continue;
    gridEdges++;
    if (table.matched[e]) matchedEdges++;
    else if (!outer[e]) unmatched++;
  }
  const totalArea = grids.reduce((s, g) => s + g.area_m2, 0);
  const overlapArea = problems.reduce((s, p) => s + (p.kind === 'overlap' || p.kind === 'duplicate-geometry' ? (p.area_m2 ?? 0) : 0), 0);
  return {
    valid: problems.length === 0,
    problems,
    ...(warnings.length ? { warnings } : {}),
    stats: {
      grids: grids.length,
      edges: gridEdges,
      matchedEdges,
      unmatchedEdges: unmatched,
      clusters,
      totalArea_m2: Math.round(totalArea),
      coveredArea_m2: Math.round(totalArea - overlapArea),
      ...(parent ? { parentArea_m2: Math.round(ellipsoidalArea(parent)) } : {}),
      ms: {
        geometry: ms(t1 - t0),
        hashing: ms(t2 - t1),
        outer: ms(t3 - t2),
        resolve: ms(t4 - t3),
        hierarchy: ms(t5 - t4),
        total: ms(performance.now() - t0),
      },
    },
  };
}

/**
 * The parent as clipping wants it: a MultiPolygon of several units (the towns of a district)
 * shares borders between its parts, which clipping must see as one area; union them once.
 * The edge table keeps the original rings: shared borders cancel there.
 */
function clippable(parent: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (parent.type === 'Polygon' || parent.coordinates.length < 2) return parent;
  try {
    const [first, ...rest] = parent.coordinates as polyclip.Geom[];
    return { type: 'MultiPolygon', coordinates: polyclip.union(first, ...rest) as MultiPolygon['coordinates'] };
  } catch {
    return parent;
  }
}

/** No ring has a position: `{"type":"Polygon","coordinates":[]}` and the like. */
function isEmpty(g: Polygon | MultiPolygon): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.every((rings) => rings.every((ring) => ring.length === 0));
}

function ms(v: number): number {
  return Math.round(v * 10) / 10;
}

function parentGeometry(parent: ValidateCoverageOptions['parent']): Polygon | MultiPolygon | undefined {
  if (parent === undefined) return undefined;
  const g = parent.type === 'Feature' ? parent.geometry : parent;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    throw new TypeError(
      `parent: expected Polygon, MultiPolygon or a Feature of one, got ${g ? (g as { type: string }).type : 'null geometry'}`,
    );
  }
  return g;
}

/** The unmatched edges (not matched, not outer border), in an rbush for the mismatch search. */
function unmatchedEdges(ctx: Context, table: EdgeTable, outer: Uint8Array): { edges: RBush<EdgeItem>; members: number[] } {
  const { from, to, xs, ys, matched, count } = table;
  const items: EdgeItem[] = [];
  for (let e = 0; e < count; e++) {
    if (matched[e] || outer[e]) continue;
    const ax = xs[from[e]],
      ay = ys[from[e]],
      bx = xs[to[e]],
      by = ys[to[e]];
    items.push({
      minX: Math.min(ax, bx) - ctx.tolDeg,
      minY: Math.min(ay, by) - ctx.tolDeg,
      maxX: Math.max(ax, bx) + ctx.tolDeg,
      maxY: Math.max(ay, by) + ctx.tolDeg,
      e,
    });
  }
  const edges = new RBush<EdgeItem>();
  edges.load(items);
  return { edges, members: items.map((it) => it.e) };
}

/**
 * Every unmatched occurrence, the outer border included (without it the winding of the faces
 * would not be Σ grids), as flat `[ax, ay, bx, by]` for the noding.
 */
function segmentsToResolve(table: EdgeTable): Float64Array {
  const { from, to, xs, ys, matched, count } = table;
  let n = 0;
  for (let e = 0; e < count; e++) if (!matched[e]) n++;
  const seg = new Float64Array(4 * n);
  let k = 0;
  for (let e = 0; e < count; e++) {
    if (matched[e]) continue;
    seg[k++] = xs[from[e]];
    seg[k++] = ys[from[e]];
    seg[k++] = xs[to[e]];
    seg[k++] = ys[to[e]];
  }
  return seg;
}

function sortProblems(problems: CoverageProblem[]): void {
  problems.sort(
    (p, q) =>
      COVERAGE_KINDS.indexOf(p.kind) - COVERAGE_KINDS.indexOf(q.kind) ||
      (q.area_m2 ?? 0) - (p.area_m2 ?? 0) ||
      p.grids.join(',').localeCompare(q.grids.join(',')),
  );
}
