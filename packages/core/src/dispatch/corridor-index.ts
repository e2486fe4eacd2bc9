import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import RBush from 'rbush';
import { problem, type Problem } from '../errors.ts';
import { toWgs84 } from '../crs/to-wgs84.ts';
import type { PointCrs } from '../crs/point-crs.ts';
import { describeValue } from './describe-value.ts';
import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';
import { RAD, WGS84_A as A, WGS84_E2 as E2 } from '../geom/wgs84.ts';

/** Properties of a corridor feature: a linear jurisdiction such as a main road or a river. */
export interface CorridorProperties {
  /** Unique id; the feature's own `id` is used when this is absent. */
  id?: string | number;
  /** Display name, e.g. `'皖西大道'`; defaults to the id. */
  name?: string;
  /** Full width in metres; the corridor covers `width_m / 2` either side of the line. */
  width_m: number;
  /** The department or team that owns reports on it, e.g. `'市联勤执法支队'`. */
  owner: string;
  /** Event codes or code prefixes (大类, e.g. `'06'`) it owns; absent = every category. */
  categories?: string[];
}

/** A corridor: a GeoJSON LineString or MultiLineString feature with {@link CorridorProperties}. */
export type CorridorFeature = Feature<LineString | MultiLineString, CorridorProperties>;

/** Corridors as a FeatureCollection or a plain array of features. */
export type CorridorInput = readonly CorridorFeature[] | FeatureCollection<LineString | MultiLineString, CorridorProperties>;

/** A validated corridor. */
export interface Corridor {
  id: string;
  name: string;
  width_m: number;
  owner: string;
  /** null = owns every category. */
  categories: readonly string[] | null;
}

/** The corridor a point belongs to, with its distance to the centre line in metres. */
export interface CorridorHit {
  corridor: Corridor;
  distance_m: number;
}

interface SegmentBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  seg: number;
}

// Segment boxes are padded by the half-width with this much to spare, so that the degree
// bounds never miss a point the exact metric test would accept.
const PAD = 1.01;
// Distances are compared in whole millimetres so that ties between coincident lines go to
// the smaller id whatever order the corridors came in.
const TIE_MM = 1000;

/**
 * Corridor segments in an R-tree, each box padded by its corridor's half-width, so that a
 * query is one point search plus an exact distance for the few boxes that contain the point.
 * Segments live in a flat `Float64Array` (stride 4: lon1, lat1, lon2, lat2, WGS84 degrees).
 */
export class CorridorIndex {
  readonly corridors: readonly Corridor[];
  private readonly segs: Float64Array;
  private readonly segCorridor: Uint32Array;
  private readonly tree: RBush<SegmentBox>;

  private constructor(corridors: Corridor[], lines: Position[][][]) {
    this.corridors = corridors;
    const count = lines.reduce((n, ls) => n + ls.reduce((m, l) => m + l.length - 1, 0), 0);
    this.segs = new Float64Array(count * 4);
    this.segCorridor = new Uint32Array(count);
    const boxes: SegmentBox[] = new Array(count);
    let s = 0;
    lines.forEach((parts, c) => {
      const half = corridors[c].width_m / 2;
      for (const line of parts) {
        for (let i = 1; i < line.length; i++, s++) {
          const [x1, y1] = line[i - 1];
          const [x2, y2] = line[i];
          this.segs.set([x1, y1, x2, y2], s * 4);
          this.segCorridor[s] = c;
          boxes[s] = paddedBox(x1, y1, x2, y2, half, s);
        }
      }
    });
    this.tree = new RBush<SegmentBox>();
    this.tree.load(boxes);
  }

  /**
   * Validates corridors and indexes them; throws nothing, returns every problem instead.
   * @param input features in `crs` (converted to WGS84 here; the input is not modified)
   */
  static build(input: unknown, crs: PointCrs = 'wgs84'): { index: CorridorIndex; problems: Problem[] } {
    const problems: Problem[] = [];
    const features = featuresOf(input, problems);
    const corridors: Corridor[] = [];
    const lines: Position[][][] = [];
    const seen = new Map<string, number>();
    features.forEach((f, index) => {
      const checked = checkCorridor(f, index, problems);
      if (checked === null) return;
      const first = seen.get(checked.corridor.id);
      if (first !== undefined) {
        problems.push(
          problem(
            'CG_ERR_DISPATCH_CONFIG',
            { index, id: checked.corridor.id },
            'corridor',
            `id is also used by feature ${first}: corridor ids must be unique`,
          ),
        );
        return;
      }
      seen.set(checked.corridor.id, index);
      corridors.push(checked.corridor);
      lines.push(crs === 'wgs84' || crs === 'cgcs2000' ? checked.lines : checked.lines.map((l) => l.map((p) => toWgs84(p[0], p[1], crs))));
    });
    return { index: new CorridorIndex(corridors, lines), problems };
  }

  /**
   * The corridor owning `category` whose line is nearest the point, if the point lies within
   * its half-width; ties (to the millimetre) go to the smallest id in code-point order.
   * @param lon longitude in degrees, WGS84
   * @param lat latitude in degrees, WGS84
   */
  nearest(lon: number, lat: number, category: string): CorridorHit | null {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const candidates = this.tree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat });
    if (candidates.length === 0) return null;
    const { kx, ky } = metresPerDegree(lat);
    let best: CorridorHit | null = null;
    let bestMm = Infinity;
    for (const { seg } of candidates) {
      const corridor = this.corridors[this.segCorridor[seg]];
      if (!owns(corridor, category)) continue;
      const o = seg * 4;
      const d = segmentDistance(lon, lat, this.segs[o], this.segs[o + 1], this.segs[o + 2], this.segs[o + 3], kx, ky);
      if (d > corridor.width_m / 2) continue;
      const mm = Math.round(d * TIE_MM);
      if (best === null || mm < bestMm || (mm === bestMm && corridor.id < best.corridor.id)) {
        best = { corridor, distance_m: d };
        bestMm = mm;
      } else if (corridor === best.corridor && d < best.distance_m) {
        best.distance_m = d;
      }
    }
    return best;
  }
}

/** Whether the corridor owns this category: an exact code or a prefix of it is listed. */
function owns(corridor: Corridor, category: string): boolean {
  return corridor.categories === null || corridor.categories.some((c) => category.startsWith(c));
}

/** The segment's bbox grown by `half` metres, converted to degrees conservatively. */
function paddedBox(x1: number, y1: number, x2: number, y2: number, half: number, seg: number): SegmentBox {
  // Smallest radii of curvature: M at the equator, N·cos φ at the segment's most poleward point.
  const dLat = (half * PAD) / (A * (1 - E2) * RAD);
  const poleward = Math.min(89.9, Math.max(Math.abs(y1), Math.abs(y2)) + dLat);
  const dLon = (half * PAD) / (A * Math.cos(poleward * RAD) * RAD);
  return {
    minX: Math.min(x1, x2) - dLon,
    minY: Math.min(y1, y2) - dLat,
    maxX: Math.max(x1, x2) + dLon,
    maxY: Math.max(y1, y2) + dLat,
    seg,
  };
}

/** The features of an array or a FeatureCollection. */
function featuresOf(input: unknown, problems: Problem[]): unknown[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input;
  if (
    input !== null &&
    typeof input === 'object' &&
    (input as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((input as { features?: unknown }).features)
  ) {
    return (input as { features: unknown[] }).features;
  }
  problems.push(
    problem(
      'CG_ERR_DISPATCH_CONFIG',
      {},
      'corridors:',
      `expected a FeatureCollection or an array of LineString features, got ${describeValue(input)}`,
    ),
  );
  return [];
}

/** One corridor feature checked, or null after pushing its problems. */
function checkCorridor(f: unknown, index: number, problems: Problem[]): { corridor: Corridor; lines: Position[][] } | null {
  const before = problems.length;
  const bad = (id: string | undefined, text: string) => problems.push(problem('CG_ERR_DISPATCH_CONFIG', { index, id }, 'corridor', text));
  if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
    bad(undefined, `expected a GeoJSON Feature, got ${describeValue(f)}`);
    return null;
  }
  const feature = f as Feature;
  const props = (feature.properties ?? {}) as Record<string, unknown>;
  const rawId = props.id ?? feature.id;
  const id =
    typeof rawId === 'string' && rawId !== '' ? rawId : typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : undefined;
  if (id === undefined) bad(undefined, `has no id: set properties.id (got ${describeValue(rawId)})`);
  const w = props.width_m;
  if (w === undefined) bad(id, 'has no width_m: give its full width in metres (e.g. 40 for a 40 m road)');
  else if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0)
    bad(id, `width_m must be a positive number of metres, got ${describeValue(w)}`);
  if (typeof props.owner !== 'string' || props.owner.trim() === '')
    bad(id, `owner must be a non-empty string (the team or department), got ${describeValue(props.owner)}`);
  if (props.name !== undefined && typeof props.name !== 'string') bad(id, `name must be a string, got ${describeValue(props.name)}`);
  const cats = props.categories;
  if (cats !== undefined && (!Array.isArray(cats) || cats.length === 0 || cats.some((c) => typeof c !== 'string' || c === ''))) {
    bad(id, `categories must be a non-empty array of codes or 大类 prefixes (omit it to own every category), got ${JSON.stringify(cats)}`);
  }
  const lines = linesOf(feature.geometry, (text) => bad(id, text));
  if (problems.length > before || id === undefined || lines === null) return null;
  const corridor: Corridor = {
    id,
    name: (props.name as string | undefined) ?? id,
    width_m: w as number,
    owner: props.owner as string,
    categories: cats === undefined ? null : Object.freeze([...(cats as string[])]),
  };
  return { corridor, lines };
}

/** The lines of a LineString or MultiLineString with valid lon/lat positions, or null. */
function linesOf(geometry: unknown, bad: (text: string) => void): Position[][] | null {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  const type = g === null || typeof g !== 'object' ? describeValue(g) : String(g.type);
  if (type !== 'LineString' && type !== 'MultiLineString') {
    bad(`expected LineString or MultiLineString, got ${type}`);
    return null;
  }
  const coords = (g as { coordinates: unknown }).coordinates;
  const lines = (type === 'LineString' ? [coords] : coords) as unknown[];
  if (!Array.isArray(lines) || !lines.every(Array.isArray)) {
    bad(`${type} coordinates are not nested arrays`);
    return null;
  }
  for (const [i, line] of (lines as unknown[][]).entries()) {
    if (line.length < 2) return (bad(`line ${i} has ${line.length} positions, fewer than 2`), null);
    for (const [j, p] of line.entries()) {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return (bad(`line ${i} position ${j} is not a pair of finite numbers: ${JSON.stringify(p)}`), null);
      }
      if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        return (
          bad(`line ${i} position ${j} ${JSON.stringify(p)} is outside lon −180…180 / lat −90…90: reproject to lon/lat degrees`), null
        );
      }
    }
  }
  return lines as Position[][];
}
