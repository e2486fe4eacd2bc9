// Known defects for the coverage bench: overlaps and gaps injected into an exact tiling at
// recorded places, and the tally of what a method reported against them.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { mulberry32, type BBox } from '../src/index.ts';

type Tiling = FeatureCollection<Polygon | MultiPolygon, { id: string }>;

/** One injected defect: a vertex of `grids[0]`'s ring moved off the straight border it shares with `grids[1]`. */
export interface Defect {
  kind: 'overlap' | 'gap';
  /** The grid whose vertex moved, then the neighbour that kept the old vertex. */
  grids: [string, string];
  /** The defect's area: the triangle (previous vertex, moved vertex, next vertex), lon/lat. */
  triangle: [Position, Position, Position];
  box: BBox;
  /** How far the vertex moved, metres (perpendicular to the border). */
  shift_m: number;
  /** Triangle area, m² (local metric frame). */
  area_m2: number;
}

/** What a method reported, reduced to what the tally needs: a kind and a box (lon/lat). */
export interface Report {
  kind: 'overlap' | 'gap' | 'other';
  box: BBox;
  /** What it was, in the method's words (problem kind, grid ids, …), for the printed notes. */
  what: string;
}

export interface Tally {
  overlaps: number;
  gaps: number;
  missed: Defect[];
  /** Reports at no injected defect. */
  falsePositives: Report[];
  /** Reports at a defect but of another kind (an edge-mismatch at an overlap, say): neither found nor false. */
  sideReports: Report[];
}

const DEFAULTS = {
  overlaps: 20, // from the issue: 20 overlaps and 20 gaps
  gaps: 20,
  separationM: 2_000, // defects at least this far apart, so no method can merge two of them
  attempts: 1_000_000, // random vertex picks before giving up
};

// Metres per degree at 33°N, for placing and sizing the defects only (±0.3 % across the box).
const KY = 110_900;
const KX = 111_320 * Math.cos((33 * Math.PI) / 180);

// A vertex is on its border's straight line when its offset from the chord is below this share
// of the chord: densified points are off by ~1e-12 of it (rounding), Voronoi corners by far more.
const COLLINEAR = 1e-7;

// Boxes of reports are compared to the defects' boxes grown by this many degrees (~1 cm):
// mapshaper snaps coordinates by a tiny interval.
const MATCH_DEG = 1e-7;

/**
 * Moves `overlaps + gaps` interior border vertices of a Voronoi tiling, each in one grid's ring
 * only (its neighbour keeps the old vertex), so each makes one triangle: outward (into the
 * neighbour) an overlap, inward a gap. A vertex qualifies when it lies mid-way along a straight
 * border between exactly two grids and no other border of either grid comes within the
 * triangle's reach; defects are `separationM` apart and involve distinct grids. Mutates `fc`
 * (ring arrays are per feature, vertices are replaced, never written to).
 *
 * @param fc a tiling from voronoiTiling (closed rings, interior on the left of every ring)
 * @param seed mulberry32 seed: the same tiling and seed give the same defects
 * @returns the defects, overlaps first
 * @example const defects = injectDefects(voronoiTiling({ grids: 1000, seed: 1 }), 1);
 */
export function injectDefects(fc: Tiling, seed: number, options: Partial<typeof DEFAULTS> = {}): Defect[] {
  const opts = { ...DEFAULTS, ...options };
  const rng = mulberry32(seed ^ 0xdefec7);
  const boxes = fc.features.map((f) => boxOf(ringsOf(f).flat()));
  const used = new Set<number>();
  const defects: Defect[] = [];
  const want = opts.overlaps + opts.gaps;
  for (let attempt = 0; attempt < opts.attempts && defects.length < want; attempt++) {
    const kind = defects.length < opts.overlaps ? 'overlap' : 'gap';
    const a = Math.floor(rng() * fc.features.length);
    if (used.has(a)) continue;
    const rings = ringsOf(fc.features[a]);
    const ring = rings[Math.floor(rng() * rings.length)];
    const k = 1 + Math.floor(rng() * (ring.length - 2)); // not the first (= closing) vertex
    const defect = tryDefect(fc, boxes, a, ring, k, kind, rng);
    if (!defect || used.has(defect.b) || defects.some((d) => farApartM(d, defect.defect) < opts.separationM)) continue;
    ring[k] = defect.defect.triangle[1];
    used.add(a).add(defect.b);
    defects.push(defect.defect);
  }
  if (defects.length < want)
    throw new RangeError(
      `placed ${defects.length} of ${want} defects in ${opts.attempts} attempts: ask for more grids or a smaller separationM`,
    );
  return defects;
}

/** The defect moving ring[k] of feature a would make, or null if that vertex does not qualify. */
function tryDefect(
  fc: Tiling,
  boxes: BBox[],
  a: number,
  ring: Position[],
  k: number,
  kind: Defect['kind'],
  rng: () => number,
): { defect: Defect; b: number } | null {
  const prev = ring[k - 1],
    v = ring[k],
    next = ring[k + 1];
  const cx = (next[0] - prev[0]) * KX,
    cy = (next[1] - prev[1]) * KY; // chord, metres
  const base = Math.hypot(cx, cy);
  const offset = ((v[0] - prev[0]) * KX * cy - (v[1] - prev[1]) * KY * cx) / base;
  if (!(base > 0) || Math.abs(offset) > COLLINEAR * base) return null;
  const owners: number[] = [];
  for (let f = 0; f < fc.features.length; f++) {
    const [x0, y0, x1, y1] = boxes[f];
    if (f !== a && v[0] >= x0 && v[0] <= x1 && v[1] >= y0 && v[1] <= y1 && ringsOf(fc.features[f]).some((r) => r.includes(v)))
      owners.push(f);
  }
  if (owners.length !== 1) return null; // a corner of three grids, or the tiling's outer border
  const b = owners[0];
  const shift = base * (0.3 + 0.4 * rng());
  // The left of the ring is the grid's interior: inward (+) makes a gap, outward (−) an overlap.
  const sign = kind === 'gap' ? 1 : -1;
  const moved: Position = [v[0] + (sign * shift * -cy) / base / KX, v[1] + (sign * shift * cx) / base / KY];
  const reach = base + shift;
  for (const f of [a, b]) {
    for (const r of ringsOf(fc.features[f])) {
      for (let i = 0; i + 1 < r.length; i++) {
        if (onChordLine(prev, cx, cy, base, r[i]) && onChordLine(prev, cx, cy, base, r[i + 1])) continue;
        if (segmentDistanceM(v, r[i], r[i + 1]) <= reach) return null; // the triangle could cut another border
      }
    }
  }
  const triangle: Defect['triangle'] = [prev, moved, next];
  const id = (f: number) => fc.features[f].properties.id;
  return { b, defect: { kind, grids: [id(a), id(b)], triangle, box: boxOf(triangle), shift_m: shift, area_m2: (base * shift) / 2 } };
}

/**
 * Counts the defects found (a report of the defect's kind whose box meets the defect's box),
 * the defects missed, and the reports at no defect (false positives).
 */
export function tally(defects: Defect[], reports: Report[]): Tally {
  const found = new Set<Defect>();
  const falsePositives: Report[] = [];
  const sideReports: Report[] = [];
  for (const report of reports) {
    const at = defects.filter((d) => boxesMeet(d.box, report.box, MATCH_DEG));
    if (at.length === 0) falsePositives.push(report);
    const right = at.filter((d) => d.kind === report.kind);
    if (at.length > 0 && right.length === 0) sideReports.push(report);
    for (const d of right) found.add(d);
  }
  const count = (kind: Defect['kind']) => defects.filter((d) => d.kind === kind && found.has(d)).length;
  return { overlaps: count('overlap'), gaps: count('gap'), missed: defects.filter((d) => !found.has(d)), falsePositives, sideReports };
}

// --- helpers -----------------------------------------------------------------------------------

/** Every ring of a feature (shells and holes of every part). */
export function ringsOf(f: Feature<Polygon | MultiPolygon>): Position[][] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

export function boxOf(points: Position[]): BBox {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function boxesMeet(a: BBox, b: BBox, grow = 0): boolean {
  return a[0] - grow <= b[2] && b[0] <= a[2] + grow && a[1] - grow <= b[3] && b[1] <= a[3] + grow;
}

function onChordLine(p: Position, cx: number, cy: number, base: number, q: Position): boolean {
  return Math.abs(((q[0] - p[0]) * KX * cy - (q[1] - p[1]) * KY * cx) / base) <= COLLINEAR * base;
}

/** Distance from p to segment ab, metres (local frame). */
function segmentDistanceM(p: Position, a: Position, b: Position): number {
  const ax = (a[0] - p[0]) * KX,
    ay = (a[1] - p[1]) * KY,
    ex = (b[0] - a[0]) * KX,
    ey = (b[1] - a[1]) * KY;
  const len2 = ex * ex + ey * ey;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len2)) : 0;
  return Math.hypot(ax + t * ex, ay + t * ey);
}

function farApartM(d: Defect, e: Defect): number {
  const [p, q] = [d.triangle[1], e.triangle[1]];
  return Math.hypot((p[0] - q[0]) * KX, (p[1] - q[1]) * KY);
}
