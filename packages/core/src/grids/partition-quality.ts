import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { geometryOf, type GridLike } from '../geom/geometry-of.ts';
import { perimeter } from '../geom/perimeter.ts';
import { CitygridError } from '../errors.ts';
import { parseGrids } from './parse-grids.ts';
import { createRouter } from '../routing/create-router.ts';

/** A point of workload (a report, a household, a shop): WGS84 degrees, weight default 1. */
export interface WeightedPoint {
  lon: number;
  lat: number;
  /** ≥ 0; default 1 (then loads are counts). */
  weight?: number;
}

/** Options of {@link partitionQuality}. */
export interface PartitionQualityOptions {
  /** [options.weights] Workload points: each grid's load is the sum of the weights inside it. */
  weights?: readonly WeightedPoint[];
}

/** Quality of one grid. */
export interface GridQuality {
  /** Index in the input. */
  index: number;
  /** `id` and `name` of a Feature's properties or a parsed Grid, when it has them. */
  id?: string;
  name?: string;
  /** m² on the WGS84 ellipsoid. */
  area_m2: number;
  /** Metres, all rings (holes too). */
  perimeter_m: number;
  /** Polsby–Popper 4πA/P²: 1 a disc, 0.907 a regular hexagon, 0.785 a square, → 0 a sliver. */
  compactness: number;
  /** Sum of the weights of the points inside (each point in at most one grid), with weights. */
  load?: number;
}

/** Spread of a quantity over the grids. */
export interface Spread {
  total: number;
  mean: number;
  min: number;
  max: number;
  /** max / mean (1 when every grid is equal, or all are 0). */
  maxOverMean: number;
  /** Coefficient of variation: population standard deviation / mean (0 when the mean is 0). */
  cv: number;
}

/** Result of {@link partitionQuality}. */
export interface PartitionQuality {
  grids: GridQuality[];
  count: number;
  /** Areas in m². */
  area: Spread;
  compactness: { mean: number; min: number };
  /** With weights: loads, plus what fell outside every grid. */
  load?: Spread & { outside: number; outsidePoints: number };
}

/**
 * How good a partition is, for any grids (from splitArea, regularGrid, a planner's file): per
 * grid its area (m², ellipsoidal), perimeter (m) and compactness (Polsby–Popper), and with
 * workload points its load; overall, the spread of areas and loads (max/mean, coefficient of
 * variation) and the mean and worst compactness. Points are routed like reports
 * ({@link createRouter}'s border rule), so a point on a shared border counts once.
 *
 * @param grids geometries, GeoJSON Features or parsed Grids (WGS84 `[lon, lat]` degrees)
 * @param options see {@link PartitionQualityOptions}
 * @returns see {@link PartitionQuality}
 * @throws CitygridError CG_ERR_OPTION for a point with a non-finite position or a negative or
 *   non-finite weight; CitygridError when a grid is not a valid polygon
 * @example
 * const q = partitionQuality(pieces, { weights: reports.map((r) => ({ lon: r.lon, lat: r.lat })) });
 * q.load!.maxOverMean; // 1.08: the busiest grid has 8 % more reports than the average
 */
export function partitionQuality(grids: readonly GridLike[], options: PartitionQualityOptions = {}): PartitionQuality {
  const geometries = grids.map(geometryOf);
  const out: GridQuality[] = geometries.map((g, index) => {
    const area = ellipsoidalArea(g);
    const p = perimeter(g);
    return { index, ...labels(grids[index]), area_m2: area, perimeter_m: p, compactness: p > 0 ? (4 * Math.PI * area) / (p * p) : 0 };
  });
  const result: PartitionQuality = {
    grids: out,
    count: out.length,
    area: spread(out.map((q) => q.area_m2)),
    compactness: {
      mean: out.reduce((s, q) => s + q.compactness, 0) / (out.length || 1),
      min: out.reduce((m, q) => Math.min(m, q.compactness), out.length ? Infinity : 0),
    },
  };
  if (options.weights) {
    const { loads, outside, outsidePoints } = loadsOf(geometries, options.weights);
    out.forEach((q, i) => {
      q.load = loads[i];
    });

    result.load = { ...spread(Array.from(loads)), outside, outsidePoints };
  }
  return result;
}

function loadsOf(
  geometries: ReturnType<typeof geometryOf>[],
  points: readonly WeightedPoint[],
): { loads: Float64Array; outside: number; outsidePoints: number } {
  const parsed = parseGrids({
    type: 'FeatureCollection',
    features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { id: String(i) }, geometry })),
  });
  if (!parsed.ok) throw new CitygridError(parsed.problems);
  const router = createRouter(parsed.gridSet);
  const loads = new Float64Array(geometries.length);
  let outside = 0,
    outsidePoints = 0;
  points.forEach((p, i) => {
    const w = p.weight ?? 1;
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat))
      throw CitygridError.of('CG_ERR_OPTION', {}, `partitionQuality: weights[${i}] has no finite lon/lat: ${JSON.stringify(p)}`);
    if (!(Number.isFinite(w) && w >= 0))
      throw CitygridError.of('CG_ERR_OPTION', {}, `partitionQuality: weights[${i}].weight must be a number ≥ 0, got ${w}`);
    const g = router.locate(p.lon, p.lat);
    if (g < 0) [outside, outsidePoints] = [outside + w, outsidePoints + 1];
    else loads[g] += w;
  });
  return { loads, outside, outsidePoints };
}

function spread(values: number[]): Spread {
  const n = values.length;
  if (n === 0) return { total: 0, mean: 0, min: 0, max: 0, maxOverMean: 1, cv: 0 };
  const total = values.reduce((s, v) => s + v, 0);
  const mean = total / n;
  // Loops, not Math.max(...values): a spread of 200,000 arguments overflows the stack.
  const max = values.reduce((m, v) => Math.max(m, v), -Infinity);
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return {
    total,
    mean,
    min: values.reduce((m, v) => Math.min(m, v), Infinity),
    max,
    maxOverMean: mean > 0 ? max / mean : 1,
    cv: mean > 0 ? Math.sqrt(variance) / mean : 0,
  };
}

/** `id` and `name` of a Feature (properties) or a parsed Grid, when present. */
function labels(grid: GridLike): { id?: string; name?: string } {
  if (!grid || !('geometry' in grid)) return {};
  const g = grid as { id?: unknown; name?: unknown; properties?: Record<string, unknown> | null };
  const id = g.properties?.id ?? g.id;
  const name = g.properties?.name ?? g.name;
  return {
    ...(id !== undefined && id !== null ? { id: String(id) } : {}),
    ...(name !== undefined && name !== null ? { name: String(name) } : {}),
  };
}
