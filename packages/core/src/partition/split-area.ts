import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CitygridError } from '../errors.ts';
import { ellipsoidalArea, ringArea } from '../geom/ellipsoidal-area.ts';
import type { LonLat } from '../types.ts';
import { meshArea, type AreaMesh } from './area-mesh.ts';
import { mulberry32 } from '../random/mulberry32.ts';
import { allot, partitionGraph } from './partition-graph.ts';
import { relaxBorders } from './relax-borders.ts';
import { traceRegions } from './trace-regions.ts';
import { triGraph, type TriGraph } from './tri-graph.ts';

/** Options of {@link splitArea}. */
export interface SplitAreaOptions {
  /** Number of pieces, an integer ≥ 1. */
  count: number;
  /** [options.seed=0] Seed of the PRNG (mulberry32): the same seed gives the same pieces. */
  seed?: number;
  /**
   * [options.weights] Relative target area of each piece (`count` positive numbers; piece i
   * aims at weights[i] / Σweights of the area). Single-part areas only. Default: equal.
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
  // Lloyd rounds (re-seed at each piece's centroid and regrow); most runs settle in 3–5.
  relax: 6,
  // Sweeps of λ|μ smoothing along piece borders (4 pairs): turns lattice zigzags into gentle
  // curves; more starts to round off corners where three pieces meet.
  smoothing: 8,
} as const;

/**
 * Splits one area into `count` grids that tile it exactly: no gaps, no overlaps, no vertex added
 * on the area's boundary (so neighbouring areas split separately still share vertex-identical
 * borders), and vertex-identical edges between the pieces. Each piece is one simple polygon
 * (with holes only where the area has holes nearby); a multi-part area gets at least one piece
 * per part, further pieces going to parts by area. With fewer pieces than parts, parts are
 * grouped into MultiPolygons of balanced area instead.
 *
 * How: a constrained Delaunay triangulation of the ring vertices plus a jittered lattice of
 * interior vertices (kept half a spacing from the boundary), regions grown over the triangles
 * from spread seeds, smallest first, each kept a topological disk, then traced back to rings.
 * See docs/demo-data.md. Ring vertices keep their input lon/lat values bit for bit; interior
 * vertices are rounded to 1e-7°. Outer rings counter-clockwise, holes clockwise (RFC 7946).
 *
 * @param area Polygon or MultiPolygon in WGS84 `[lon, lat]` degrees, valid (rings closed, not
 *   self-intersecting)
 * @param options see {@link SplitAreaOptions}
 * @returns `count` geometries: Polygons, or MultiPolygons when `count` < number of parts
 * @throws CitygridError (CG_ERR_GEOMETRY_TYPE, CG_ERR_RING_*) for bad geometry; RangeError for
 *   bad options
 * @example
 * const pieces = splitArea(town.geometry, { count: 12, seed: 1 });
 * pieces.reduce((s, p) => s + ellipsoidalArea(p), 0); // equals ellipsoidalArea(town.geometry)
 */
export function splitArea(area: Polygon | MultiPolygon, options: SplitAreaOptions): Array<Polygon | MultiPolygon> {
  const polygons = checkArea(area);
  const { count, seed = DEFAULTS.seed } = options;
  checkOptions(options, polygons.length);
  const areas = polygons.map((rings) => ellipsoidalArea({ type: 'Polygon', coordinates: rings }));
  if (count < polygons.length) return groupParts(polygons, areas, count);
  const perPart = allot(areas, count);
  const rng = mulberry32(seed);
  return polygons.flatMap((rings, i) => splitPolygon(rings, perPart[i], areas[i], rng, options));
}

function splitPolygon(rings: Position[][], k: number, areaM2: number, rng: () => number, options: SplitAreaOptions): Polygon[] {
  if (k === 1) return [polygon(rings)];
  const ringVertices = rings.reduce((n, r) => n + r.length - 1, 0);
  const interior = Math.max(DEFAULTS.minInteriorPerPiece * k, (DEFAULTS.trianglesPerPiece * k - ringVertices) / 2);
  // Triangular lattice: one vertex per (√3/2)·spacing² of area.
  const spacing = options.spacing ?? Math.sqrt((2 * areaM2) / (Math.sqrt(3) * interior));
  const mesh = meshArea(rings, spacing, rng);
  const g = triGraph(mesh);
  if (g.n < 3 * k) throw new RangeError(`splitArea: spacing ${spacing.toFixed(1)} m leaves ${g.n} triangles for ${k} pieces; use a smaller spacing`);
  const weights = options.weights ?? new Array<number>(k).fill(1);
  const seeds = options.sites && siteTriangles(g, mesh, options.sites);
  const owner = partitionGraph(g, k, { rng, weights, seeds, relax: DEFAULTS.relax });
  const { lonLat, xy } = relaxBorders(g, owner, mesh, DEFAULTS.smoothing);
  return traceRegions(g, owner, k, xy).map((ringIds) => ({
    type: 'Polygon',
    coordinates: ringIds.map((ids) => {
      const ring = ids.map((p) => [lonLat[2 * p], lonLat[2 * p + 1]]);
      ring.push([...ring[0]]);
      return ring;
    }),
  }));
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

/** The area's polygons, after checking it is a Polygon/MultiPolygon of closed numeric rings. */
function checkArea(area: Polygon | MultiPolygon): Position[][][] {
  const type = (area as { type?: unknown } | null)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') throw CitygridError.of('CG_ERR_GEOMETRY_TYPE', {}, String(type));
  const polygons = type === 'Polygon' ? [(area as Polygon).coordinates] : (area as MultiPolygon).coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) throw CitygridError.of('CG_ERR_INVALID_GEOJSON', {}, `${type} has no coordinates`);
  polygons.forEach((rings, p) => rings.forEach((ring, r) => checkRing(ring, polygons.length > 1 ? `${p}.${r}` : String(r))));
  return polygons;
}

function checkRing(ring: Position[], name: string): void {
  if (!Array.isArray(ring) || ring.length < 4) throw CitygridError.of('CG_ERR_RING_TOO_SHORT', {}, name, Array.isArray(ring) ? ring.length : 0);
  ring.forEach((p, i) => {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw CitygridError.of('CG_ERR_COORD_NOT_NUMBER', {}, name, i, JSON.stringify(p));
  });
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) throw CitygridError.of('CG_ERR_RING_UNCLOSED', {}, name, JSON.stringify(a), JSON.stringify(b));
}

function checkOptions(options: SplitAreaOptions, parts: number): void {
  const { count, weights, sites, spacing, seed } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`splitArea: count must be an integer ≥ 1, got ${count}`);
  if (seed !== undefined && !Number.isFinite(seed)) throw new RangeError(`splitArea: seed must be a number, got ${seed}`);
  if (spacing !== undefined && !(spacing > 0)) throw new RangeError(`splitArea: spacing must be > 0 metres, got ${spacing}`);
  if ((weights || sites) && parts > 1) throw new RangeError(`splitArea: weights and sites need a single-part area, got ${parts} parts`);
  if (weights && (weights.length !== count || !weights.every((w) => Number.isFinite(w) && w > 0))) {
    throw new RangeError(`splitArea: weights must be ${count} positive numbers`);
  }
  if (sites && sites.length !== count) throw new RangeError(`splitArea: sites must be ${count} [lon, lat] points, got ${sites.length}`);
}
