import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { areaPolygons } from '../geom/check-area.ts';
import { ellipsoidalArea, ringArea } from '../geom/ellipsoidal-area.ts';
import type { LonLat } from '../types.ts';
import { meshArea, type AreaMesh } from '../mesh/area-mesh.ts';
import { mulberry32 } from '../random/mulberry32.ts';
import { joinPlan, type JoinPlan } from './join-parts.ts';
import { locatePoints } from '../mesh/locate-points.ts';
import { allot, scaledPartition } from '../power-diagram/partition-graph.ts';
import { partitionByLoad } from '../power-diagram/partition-load.ts';
import { SegmentIndex } from '../mesh/segment-index.ts';
import { relaxBorders, type LoadGuard } from './relax-borders.ts';
import { smoothTeeth } from '../power-diagram/smooth-teeth.ts';
import { traceRegions } from './trace-regions.ts';
import { triGraph, type TriGraph } from '../mesh/tri-graph.ts';
import { CitygridError } from '../errors.ts';

/** A point of load for {@link SplitAreaOptions.points}: WGS84 degrees and a weight (default 1). */
export interface LoadPoint {
  lon: number;
  lat: number;
  /** Households, population, reports… any non-negative number; default 1. */
  weight?: number;
}

/** Lines for {@link SplitAreaOptions.cutLines}. */
export type CutLines =
  | LineString
  | MultiLineString
  | Feature<LineString | MultiLineString>
  | FeatureCollection<LineString | MultiLineString>
  | ReadonlyArray<LineString | MultiLineString | Feature<LineString | MultiLineString>>;

/** Options of {@link splitArea}. */
export interface SplitAreaOptions {
  /** Number of pieces, an integer ≥ 1. Give this or `targetArea`. */
  count?: number;
  /**
   * [options.targetArea] Area in m² a piece should have about: `count` becomes
   * max(1, round(area / targetArea)). Give this or `count`.
   */
  targetArea?: number;
  /**
   * [options.points] The load to balance (workload: households, population, reports…): objects
   * `{ lon, lat, weight? }`, or a flat `Float64Array` `[lon, lat, weight, lon, lat, weight, …]`
   * (WGS84 degrees; weights ≥ 0). Each piece then gets an equal share of the load (or
   * `weights[i]` shares) instead of an equal share of the area; points outside the area are
   * ignored. Default: balance area.
   */
  points?: ReadonlyArray<LoadPoint> | Float64Array;
  /**
   * [options.areaShare=0.005] With `points`: the share of the balanced load that is area, so that
   * land without points is still shared out (a piece's load is (1 − s) × its share of the points'
   * weight + s × its share of the area, times the total). 0 balances the points alone; 1 is area.
   */
  areaShare?: number;
  /** [options.seed=0] Seed of the PRNG (mulberry32): the same seed gives the same pieces. */
  seed?: number;
  /**
   * [options.cutLines] Roads, rivers, railways: LineStrings or MultiLineStrings (geometries,
   * Features, a FeatureCollection, or an array of them) in WGS84 degrees. They become edges of
   * the mesh (clipped to the area, kept half a lattice spacing clear of its boundary, crossings
   * noded), and a region reaching across one pays for it, so piece borders near a line settle
   * on it: a border along a street rather than through a block. Balance comes first: a border
   * leaves a line where the load requires it.
   */
  cutLines?: CutLines;
  /**
   * [options.joinParts=false] For an area of several parts (a MultiPolygon): let a piece span
   * parts (一格多点) where that balances better, e.g. an enclave holding 0.7 of a piece's load
   * joined with a piece of the main part holding the other 0.3. Such pieces are MultiPolygons.
   * Default: every piece lies in one part, parts getting pieces in proportion to their load.
   */
  joinParts?: boolean;
  /**
   * [options.weights] Relative target of each piece (`count` positive numbers; piece i aims at
   * weights[i] / Σweights of the area, or of the load with `points`). Single-part areas only.
   * Default: equal.
   */
  weights?: number[];
  /**
   * [options.sites] `[lon, lat]` (WGS84 degrees) each piece grows from, `count` points inside
   * the area: piece i is the one around sites[i], a weighted Voronoi cell tuned to its weight.
   * Single-part areas only. Default: seeds spread by farthest-point sampling, then moved to
   * their pieces' centroids (Lloyd) for compact, equal pieces.
   */
  sites?: LonLat[];
  /**
   * [options.spacing] Distance in metres between the interior lattice vertices, i.e. how
   * finely piece borders can bend. Default: about 60 triangles per piece.
   */
  spacing?: number;
}

const DEFAULTS = {
  seed: 0,
  // Target triangles per piece: ~60 gives pieces that look compact at 15–20 pieces per town
  // and keeps a whole 91-grid district under half a second.
  trianglesPerPiece: 60,
  // Floor on interior vertices per piece when the boundary alone would supply the triangles
  // (a 999-vertex ring): without interior vertices pieces become fans of slivers.
  minInteriorPerPiece: 20,
  // Sweeps of λ|μ smoothing along piece borders (4 pairs): turns lattice zigzags into gentle
  // curves; more starts to round off corners where three pieces meet.
  smoothing: 8,
  // Power distance added per cut line crossed, as a share of the mean piece area (m²): a border
  // moves δ when the distances differ by 2·δ·|s_r − s_q| ≈ 2·δ·√(A/k), so 2·A/k reaches a line
  // up to about a piece's width away. 0.5 caught fewer roads in the tests; 5 and 20 no more.
  cutPenalty: 2,
  // Share of the balanced load that is area when points are given.
  // 0.5 %: a test with 10 pieces' reports in one 50 m hot spot came out ±13 % on the points at
  // 2 % (the empty pieces carry area load instead), ±3.6 % at 0.5 %; the real towns do not mind.
  areaShare: 0.005,
  // A lattice cell is refined while it holds more than 1/(pieces × this) of the load: pieces
  // are then made of ~100+ triangles of load, each at most ~2 % of a piece's.
  cellsPerPiece: 50,
  // Smallest refined cell, metres: below GPS accuracy there is nothing left to balance.
  minCell: 4,
  // Lloyd rounds; Newton steps and the error they stop at, in the final weight solve and in
  // each round's (3 and 5 % there: the sites move anyway; 6 cost 1.5× the time for the same
  // balance and compactness on the real towns); the error the final moves aim for. Floods
  // (growPower) may visit 10^6 triangles in all: every round for a town (≤ 10^4 triangles),
  // a single solve of 3 floods for 10,000 pieces (6·10^5), which then take 5–6 s.
  partition: { rounds: 4, newton: 6, roundNewton: 3, newtonTolerance: 0.02, roundTolerance: 0.05, tolerance: 0.015, floodBudget: 1e6 },
  // Border smoothing may shift load between pieces while each stays within this of its target.
  smoothTolerance: 0.025,
} as const;

/**
 * Splits one area into `count` grids (or grids of about `targetArea` m²) that tile it exactly:
 * no gaps, no overlaps, no vertex added on the area's boundary (so neighbouring areas split
 * separately still share vertex-identical borders), and vertex-identical edges between the
 * pieces. Pieces get equal shares of the load — the weight of `points` (households, reports…),
 * else the area — to within a few percent, are compact, and settle their borders on `cutLines`
 * (roads) where the balance allows. Each piece is one simple polygon (with holes only where the
 * area has holes nearby); a multi-part area gets at least one piece per part, further pieces
 * going to parts by load (`joinParts` lets a piece span parts instead). With fewer pieces than
 * parts, parts are grouped into MultiPolygons of balanced load. Same seed, same pieces.
 *
 * How: a constrained Delaunay triangulation of the ring vertices, cut lines and a jittered
 * lattice refined where the load is dense; a capacity-constrained power diagram grown over the
 * triangles (sites from recursive bisection, weights by damped Newton, Lloyd rounds), each
 * region kept a topological disk; border moves for the last percent; smoothing that keeps the
 * balance; rings traced back. See docs/partition.md (splitArea) and docs/demo-data.md. Ring
 * vertices keep their input lon/lat values bit for bit; interior vertices are rounded to 1e-7°.
 * Outer rings counter-clockwise, holes clockwise (RFC 7946).
 *
 * @param area Polygon or MultiPolygon in WGS84 `[lon, lat]` degrees, valid (rings closed, not
 *   self-intersecting)
 * @param options see {@link SplitAreaOptions}
 * @returns `count` geometries: Polygons, or MultiPolygons when `count` < number of parts or a
 *   piece spans parts (`joinParts`)
 * @throws CitygridError (CG_ERR_GEOMETRY_TYPE, CG_ERR_RING_*, CG_ERR_COORD_*) for bad geometry;
 *   CG_ERR_OPTION for bad options or more pieces than the area's mesh holds
 * @example
 * const pieces = splitArea(town.geometry, { count: 12, seed: 1 });
 * pieces.reduce((s, p) => s + ellipsoidalArea(p), 0); // equals ellipsoidalArea(town.geometry)
 * splitArea(town.geometry, { count: 12, points: [{ lon: 109.03, lat: 32.69, weight: 3 }], cutLines: roads });
 */
export function splitArea(area: Polygon | MultiPolygon, options: SplitAreaOptions): Array<Polygon | MultiPolygon> {
  const polygons = areaPolygons(area);
  checkOptions(options, polygons.length);
  const { seed = DEFAULTS.seed } = options;
  const areas = polygons.map((rings) => ellipsoidalArea({ type: 'Polygon', coordinates: rings }));
  const total = areas.reduce((a, b) => a + b, 0);
  const count = options.count ?? Math.max(1, Math.round(total / options.targetArea!));
  const load = options.points && loadPoints(options.points);
  const share = options.areaShare ?? DEFAULTS.areaShare;
  const sizes = load && polygons.length > 1 ? partLoads(polygons, areas, load, share) : areas;
  if (count < polygons.length) return groupParts(polygons, sizes, count);
  const rng = mulberry32(seed);
  const cuts = options.cutLines && cutLineList(options.cutLines);
  const plan = options.joinParts && polygons.length > 1 ? joinPlan(sizes, count) : null;
  if (plan) return splitJoined(polygons, areas, sizes, plan, rng, options, load, cuts);
  const perPart = allot(sizes, count);
  return polygons.flatMap(
    (rings, i) => splitPolygon(rings, new Array<number>(perPart[i]).fill(1), areas[i], rng, options, load, cuts).pieces,
  );
}

/**
 * Pieces of a multi-part area where parts may share a piece ({@link joinPlan}): each part is
 * split into its whole pieces plus, if it has a remainder, one piece of that load (the one
 * nearest the host part); the host into its whole pieces plus one piece per remainder, sized
 * to make up a mean load and placed nearest that remainder's part; each remainder and its host
 * piece become one MultiPolygon.
 */
function splitJoined(
  polygons: Position[][][],
  areas: number[],
  sizes: number[],
  plan: JoinPlan,
  rng: () => number,
  options: SplitAreaOptions,
  load?: Float64Array,
  cuts?: Position[][],
): Array<Polygon | MultiPolygon> {
  const mean = sizes.reduce((a, b) => a + b, 0) / (plan.hostFull + plan.parts.reduce((n, p) => n + p.full + (p.rest > 0 ? 1 : 0), 0));
  const out: Array<Polygon | MultiPolygon> = [];
  const rests: Array<{ piece: Polygon; at: LonLat; need: number }> = [];
  const hostAt = centroidOf(polygons[plan.host]);
  polygons.forEach((rings, p) => {
    const { full, rest } = plan.parts[p];
    if (p === plan.host) return;
    const targets = new Array<number>(full).fill(mean);
    const attach = rest > 0 ? [{ lonLat: hostAt, target: rest }] : [];
    const { pieces, attached } = splitPolygon(rings, targets, areas[p], rng, options, load, cuts, attach);
    pieces.forEach((piece, i) => {
      if (attached.includes(i)) rests.push({ piece, at: centroidOf(piece.coordinates), need: mean - rest });
      else out.push(piece);
    });
  });
  const hostTargets = new Array<number>(plan.hostFull).fill(mean);
  const attach = rests.map((r) => ({ lonLat: r.at, target: r.need }));
  const { pieces, attached } = splitPolygon(polygons[plan.host], hostTargets, areas[plan.host], rng, options, load, cuts, attach);
  pieces.forEach((piece, i) => {
    const j = attached.indexOf(i);
    if (j < 0) out.push(piece);
    else out.push({ type: 'MultiPolygon', coordinates: [piece.coordinates, rests[j].piece.coordinates] });
  });
  return out;
}

/** A rough centroid (mean of the outer ring's vertices) of a polygon's rings, for "nearest". */
function centroidOf(rings: Position[][]): LonLat {
  const ring = rings[0];
  let x = 0,
    y = 0;
  for (let i = 0; i + 1 < ring.length; i++) [x, y] = [x + ring[i][0], y + ring[i][1]];
  return [x / (ring.length - 1), y / (ring.length - 1)];
}

/**
 * Splits one polygon into pieces with the given relative `targets`, plus one piece per
 * `attach` entry with that target, placed nearest its point; returns the pieces and, for each
 * attach entry, the index of its piece.
 */
function splitPolygon(
  rings: Position[][],
  targets: number[],
  areaM2: number,
  rng: () => number,
  options: SplitAreaOptions,
  load?: Float64Array,
  cuts?: Position[][],
  attach: Array<{ lonLat: LonLat; target: number }> = [],
): { pieces: Polygon[]; attached: number[] } {
  const k = targets.length + attach.length;
  if (k === 1) return { pieces: [polygon(rings)], attached: attach.length ? [0] : [] };
  const ringVertices = rings.reduce((n, r) => n + r.length - 1, 0);
  const interior = Math.max(DEFAULTS.minInteriorPerPiece * k, (DEFAULTS.trianglesPerPiece * k - ringVertices) / 2);
  // Triangular lattice: one vertex per (√3/2)·spacing² of area.
  const spacing = options.spacing ?? Math.sqrt((2 * areaM2) / (Math.sqrt(3) * interior));
  const refine = load && { points: load, cellShare: 1 / (k * DEFAULTS.cellsPerPiece), minSize: Math.max(DEFAULTS.minCell, spacing / 64) };
  const mesh = meshArea(rings, spacing, rng, refine, cuts);
  const g = triGraph(mesh);
  if (g.n < 3 * k)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `splitArea: spacing ${spacing.toFixed(1)} m leaves ${g.n} triangles for ${k} pieces; use a smaller spacing`,
    );
  const weights = options.weights ?? targets;
  let owner: Int32Array;
  let guard: LoadGuard | undefined;
  let attached: number[] = [];
  if (options.sites) {
    owner = scaledPartition(g, siteTriangles(g, mesh, options.sites), weights);
  } else {
    const { load, pointTri } = triangleLoads(mesh, g, options.areaShare ?? DEFAULTS.areaShare);
    const near = attach.map(({ lonLat, target }) => ({ at: mesh.toXY(lonLat[0], lonLat[1]), target }));
    const result = partitionByLoad(
      g,
      mesh.xy,
      mesh.ringPoints,
      load,
      Float64Array.from(weights),
      { ...DEFAULTS.partition, cutPenalty: DEFAULTS.cutPenalty },
      near,
    );
    const { state } = result;
    attached = result.attached;
    smoothTeeth(state, DEFAULTS.smoothTolerance, 4);
    owner = state.owner;
    if (mesh.points) guard = { ...mesh.points, pointTri, load: state.load, target: state.target, tolerance: DEFAULTS.smoothTolerance };
  }
  const { lonLat, xy } = relaxBorders(g, owner, mesh, DEFAULTS.smoothing, guard);
  const pieces = traceRegions(g, owner, k, xy).map(
    (ringIds): Polygon => ({
      type: 'Polygon',
      coordinates: ringIds.map((ids) => {
        const ring = ids.map((p) => [lonLat[2 * p], lonLat[2 * p + 1]]);
        ring.push([...ring[0]]);
        return ring;
      }),
    }),
  );
  return { pieces, attached };
}

/** The lines of cut lines, as position lists; throws naming what is not a line. */
function cutLineList(lines: CutLines): Position[][] {
  const out: Position[][] = [];
  const add = (x: unknown, where: string): void => {
    const o = x as { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown[] } | null;
    if (Array.isArray(x)) {
      x.forEach((y, i) => {
        add(y, `${where}[${i}]`);
      });
    } else if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) {
      o.features.forEach((f, i) => {
        add(f, `${where}.features[${i}]`);
      });
    } else if (o?.type === 'Feature') add(o.geometry, `${where}.geometry`);
    else if (o?.type === 'LineString') out.push(checkLine(o.coordinates, where));
    else if (o?.type === 'MultiLineString' && Array.isArray(o.coordinates)) {
      o.coordinates.forEach((c, i) => {
        out.push(checkLine(c, `${where}[${i}]`));
      });
    } else
      throw CitygridError.of(
        'CG_ERR_OPTION',
        {},
        `splitArea: cutLines${where} is ${o?.type ?? typeof x}; expected LineString or MultiLineString (geometry, Feature or FeatureCollection)`,
      );
  };
  add(lines, '');
  return out;
}

function checkLine(coordinates: unknown, where: string): Position[] {
  if (!Array.isArray(coordinates) || !coordinates.every((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: cutLines${where} must be a list of [lon, lat] positions`);
  }
  return coordinates as Position[];
}

/**
 * Load points as one flat `[lon, lat, weight, …]` array: a Float64Array given so is used as it
 * is (a district's 200,000 reports are passed to each of its towns).
 */
function loadPoints(points: ReadonlyArray<LoadPoint> | Float64Array): Float64Array {
  if (points instanceof Float64Array) return points;
  const out = new Float64Array(3 * points.length);
  points.forEach((p, i) => {
    out.set([p.lon, p.lat, p.weight ?? 1], 3 * i);
  });

  return out;
}

/**
 * Each triangle's load: the weight of the points in it, plus an area term carrying `share` of
 * the total (all of it when no point falls inside). With no points given at all, area alone.
 */
function triangleLoads(mesh: AreaMesh, g: TriGraph, share: number): { load: Float64Array; pointTri: Int32Array } {
  let area = 0;
  for (let t = 0; t < g.n; t++) area += g.area[t];
  const load = new Float64Array(g.n);
  let weight = 0;
  const pointTri = mesh.points ? locatePoints(mesh, g, mesh.points.xy) : new Int32Array(0);
  for (let i = 0; i < pointTri.length; i++) {
    if (pointTri[i] < 0) continue;
    load[pointTri[i]] += mesh.points!.weight[i];
    weight += mesh.points!.weight[i];
  }
  // The area term never vanishes entirely: with zero-load triangles a region could not tell
  // how far to grow, and the Newton step would have no border density to work with.
  const s = weight > 0 ? Math.max(share, MIN_AREA_SHARE) : 1;
  const perM2 = weight > 0 ? (s / (1 - s)) * (weight / area) : 1;
  for (let t = 0; t < g.n; t++) load[t] += perM2 * g.area[t];
  return { load, pointTri };
}

// Floor on the area share: 1e-3 keeps empty land from being free without moving any piece's
// point load by more than a fraction of a percent.
const MIN_AREA_SHARE = 1e-3;

/** Balancing size of each part: its share of the points' weight and of the area, blended. */
function partLoads(polygons: Position[][][], areas: number[], load: Float64Array, share: number): number[] {
  const weights = polygons.map((rings) => {
    const segments: number[] = [];
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) segments.push(ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]);
    const index = new SegmentIndex(Float64Array.from(segments), 0);
    let w = 0;
    for (let i = 0; i < load.length; i += 3) if (load[i + 2] > 0 && index.inside(load[i], load[i + 1])) w += load[i + 2];
    return w;
  });
  const wSum = weights.reduce((a, b) => a + b, 0);
  const aSum = areas.reduce((a, b) => a + b, 0);
  if (!(wSum > 0)) return areas;
  const s = Math.max(share, MIN_AREA_SHARE);
  return weights.map((w, i) => (1 - s) * (w / wSum) + s * (areas[i] / aSum));
}

/** The triangle whose centroid is nearest each site, a different one per site. */
function siteTriangles(g: TriGraph, mesh: AreaMesh, sites: LonLat[]): number[] {
  const taken = new Set<number>();
  return sites.map(([lon, lat]) => {
    const [x, y] = mesh.toXY(lon, lat);
    let best = -1;
    let bestD = Infinity;
    for (let t = 0; t < g.n; t++) {
      const d = (g.cx[t] - x) ** 2 + (g.cy[t] - y) ** 2;
      if (d < bestD && !taken.has(t)) {
        bestD = d;
        best = t;
      }
    }
    taken.add(best);
    return best;
  });
}

/** Fewer pieces than parts: largest parts first, each to the group with least area so far. */
function groupParts(polygons: Position[][][], areas: number[], count: number): Array<Polygon | MultiPolygon> {
  const groups: number[][] = Array.from({ length: count }, () => []);
  const totals = new Float64Array(count);
  const order = areas.map((_, i) => i).sort((a, b) => areas[b] - areas[a] || a - b);
  for (const i of order) {
    let g = 0;
    for (let j = 1; j < count; j++) if (totals[j] < totals[g]) g = j;
    groups[g].push(i);
    totals[g] += areas[i];
  }
  return groups.map((members) => {
    const parts = members.sort((a, b) => a - b).map((i) => polygon(polygons[i]).coordinates);
    return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
  });
}

/** The part as an RFC 7946 Polygon: [lon, lat] only, outer ring CCW, holes CW. */
function polygon(rings: Position[][]): Polygon {
  return {
    type: 'Polygon',
    coordinates: rings.map((ring, i) => {
      const out = ring.map((p) => [p[0], p[1]]);
      const ccw = ringArea(out) > 0;
      return ccw === (i === 0) ? out : out.reverse();
    }),
  };
}

function checkOptions(options: SplitAreaOptions, parts: number): void {
  const { count, targetArea, weights, sites, spacing, seed, points, areaShare } = options;
  if ((count === undefined) === (targetArea === undefined))
    throw CitygridError.of('CG_ERR_OPTION', {}, 'splitArea: give count or targetArea (one of them)');
  if (count !== undefined && (!Number.isInteger(count) || count < 1))
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: count must be an integer ≥ 1, got ${count}`);
  if (targetArea !== undefined && !(targetArea > 0 && Number.isFinite(targetArea)))
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: targetArea must be > 0 m², got ${targetArea}`);
  if (seed !== undefined && !Number.isFinite(seed))
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: seed must be a number, got ${seed}`);
  if (spacing !== undefined && !(spacing > 0))
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: spacing must be > 0 metres, got ${spacing}`);
  if ((weights || sites) && parts > 1)
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: weights and sites need a single-part area, got ${parts} parts`);
  if ((weights || sites) && count === undefined)
    throw CitygridError.of('CG_ERR_OPTION', {}, 'splitArea: weights and sites need count, not targetArea');
  if (weights && (weights.length !== count || !weights.every((w) => Number.isFinite(w) && w > 0))) {
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: weights must be ${count} positive numbers`);
  }
  if (sites && sites.length !== count)
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: sites must be ${count} [lon, lat] points, got ${sites.length}`);
  if (sites && points)
    throw CitygridError.of('CG_ERR_OPTION', {}, 'splitArea: sites and points do not combine (sites fix the pieces, points balance them)');
  if (sites && options.cutLines)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      'splitArea: sites and cutLines do not combine (pieces grown around sites do not follow lines)',
    );
  if (areaShare !== undefined && !(areaShare >= 0 && areaShare <= 1))
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitArea: areaShare must be within 0…1, got ${areaShare}`);
  if (points) checkPoints(points);
}

function checkPoints(points: ReadonlyArray<LoadPoint> | Float64Array): void {
  if (points instanceof Float64Array) {
    if (points.length % 3)
      throw CitygridError.of(
        'CG_ERR_OPTION',
        {},
        `splitArea: points as a Float64Array must be [lon, lat, weight, …], got length ${points.length}`,
      );
    for (let i = 0; i < points.length; i += 3) {
      if (!Number.isFinite(points[i]) || !Number.isFinite(points[i + 1]) || !(points[i + 2] >= 0))
        throw CitygridError.of(
          'CG_ERR_OPTION',
          {},
          `splitArea: point ${i / 3} is [${points[i]}, ${points[i + 1]}, ${points[i + 2]}]; expected finite lon, lat and a weight ≥ 0`,
        );
    }
    return;
  }
  if (!Array.isArray(points))
    throw CitygridError.of('CG_ERR_OPTION', {}, 'splitArea: points must be an array of { lon, lat, weight? } or a Float64Array');
  points.forEach((p, i) => {
    if (
      !p ||
      !Number.isFinite(p.lon) ||
      !Number.isFinite(p.lat) ||
      (p.weight !== undefined && !(p.weight >= 0 && Number.isFinite(p.weight)))
    ) {
      throw CitygridError.of(
        'CG_ERR_OPTION',
        {},
        `splitArea: point ${i} is ${JSON.stringify(p)}; expected { lon, lat, weight? } with finite degrees and a weight ≥ 0`,
      );
    }
  });
}
