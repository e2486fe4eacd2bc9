import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalArea, ringArea } from '../../src/index.ts';

/** Rings of a Polygon or MultiPolygon, every part flattened. */
export function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Directed edges `a>b` of every ring (positions compared bit for bit). */
export function directedEdges(g: Polygon | MultiPolygon): string[] {
  const out: string[] = [];
  for (const ring of ringsOf(g)) for (let i = 0; i + 1 < ring.length; i++) out.push(`${key(ring[i])}>${key(ring[i + 1])}`);
  return out;
}

const reverse = (edge: string) => edge.split('>').reverse().join('>');
const undirected = (edge: string) => edge.split('>').sort().join('>');

/**
 * Everything that must hold when `pieces` split `area`; returns the problems found (empty when
 * it is a clean tiling):
 * - areas sum to the area's to 1e-9 relative;
 * - every piece edge is an edge of the area's rings (used once) or appears reversed in exactly
 *   one other piece (vertex-identical, so no T-junctions), and every ring edge is used once;
 * - no piece vertex lies on the area's boundary unless it is a ring vertex of the area;
 * - each piece is a valid polygon (see {@link polygonProblems}).
 */
export function tilingProblems(area: Polygon | MultiPolygon, pieces: Array<Polygon | MultiPolygon>): string[] {
  const problems: string[] = [];
  const whole = ellipsoidalArea(area);
  const sum = pieces.reduce((s, p) => s + ellipsoidalArea(p), 0);
  if (Math.abs(sum - whole) > 1e-9 * whole) problems.push(`areas sum to ${sum}, area is ${whole}`);
  const boundary = new Map<string, number>();
  for (const e of directedEdges(area)) boundary.set(undirected(e), 0);
  const owners = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    for (const e of directedEdges(p)) owners.set(e, [...(owners.get(e) ?? []), i]);
  });
  for (const [e, who] of owners) {
    if (who.length > 1) problems.push(`edge ${e} used ${who.length} times in the same direction`);
    const twins = owners.get(reverse(e))?.length ?? 0;
    if (twins === 1) continue;
    const u = undirected(e);
    if (twins === 0 && boundary.has(u)) boundary.set(u, boundary.get(u)! + 1);
    else problems.push(`edge ${e} has ${twins} reversed twins and is ${boundary.has(u) ? '' : 'not '}on the area's boundary`);
  }
  for (const [e, n] of boundary) if (n !== 1) problems.push(`boundary edge ${e} used by ${n} pieces`);
  problems.push(...addedBoundaryVertices(area, pieces));
  pieces.forEach((p, i) => {
    problems.push(...polygonProblems(p).map((m) => `piece ${i}: ${m}`));
  });

  return problems;
}

/** Piece vertices that lie on the area's boundary without being one of its vertices. */
export function addedBoundaryVertices(area: Polygon | MultiPolygon, pieces: Array<Polygon | MultiPolygon>): string[] {
  const vertices = new Set(ringsOf(area).flat().map(key));
  const segments = ringsOf(area).flatMap((ring) => ring.slice(1).map((b, i) => [ring[i], b] as const));
  const out: string[] = [];
  for (const piece of pieces) {
    for (const p of ringsOf(piece).flat()) {
      if (vertices.has(key(p))) continue;
      // 1e-9° is 0.1 mm: far below any lattice spacing, far above rounding noise.
      if (segments.some(([a, b]) => distanceToSegment(p, a, b) < 1e-9)) out.push(`vertex ${key(p)} added on the boundary`);
    }
  }
  return out;
}

/**
 * A polygon's own validity: rings closed with ≥ 4 positions and no repeated vertex; outer ring
 * counter-clockwise and holes clockwise; no two edges cross or overlap, and no vertex lies
 * inside another edge (rings may touch each other at a shared vertex, as OGC allows).
 */
export function polygonProblems(g: Polygon | MultiPolygon): string[] {
  const out: string[] = [];
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const segments: Array<[Position, Position]> = [];
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      if (ring.length < 4) out.push(`ring ${r} has ${ring.length} positions`);
      if (key(ring[0]) !== key(ring[ring.length - 1])) out.push(`ring ${r} is not closed`);
      if (new Set(ring.slice(0, -1).map(key)).size !== ring.length - 1) out.push(`ring ${r} repeats a vertex`);
      if (ringArea(ring) > 0 !== (r === 0)) out.push(`ring ${r} winds the wrong way`);
      for (let i = 0; i + 1 < ring.length; i++) segments.push([ring[i], ring[i + 1]]);
    });
  }
  // Keys and boxes once per segment: the pair loop is O(E²) and a 999-vertex ring is common.
  const prepared = segments.map(([a, b]) => ({
    a,
    b,
    ka: key(a),
    kb: key(b),
    box: [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])],
  }));
  for (let i = 0; i < prepared.length; i++) {
    const s = prepared[i];
    for (let j = i + 1; j < prepared.length; j++) {
      const t = prepared[j];
      if (s.box[0] > t.box[2] || t.box[0] > s.box[2] || s.box[1] > t.box[3] || t.box[1] > s.box[3]) continue;
      const why = segmentConflict(s, t);
      if (why) out.push(`${why}: ${s.ka}→${s.kb} and ${t.ka}→${t.kb}`);
    }
  }
  return out;
}

function orient(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    orient(a, b, p) === 0 &&
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

interface Segment {
  a: Position;
  b: Position;
  ka: string;
  kb: string;
}

/** Why two segments conflict (cross, overlap, or one's endpoint inside the other), or null. */
function segmentConflict(s: Segment, t: Segment): string | null {
  const shared = (s.ka === t.ka || s.ka === t.kb ? 1 : 0) + (s.kb === t.ka || s.kb === t.kb ? 1 : 0);
  if (shared === 2) return 'duplicate edge';
  const ends: Array<[Position, string, Segment]> = [
    [s.a, s.ka, t],
    [s.b, s.kb, t],
    [t.a, t.ka, s],
    [t.b, t.kb, s],
  ];
  for (const [p, k, other] of ends) {
    if (k !== other.ka && k !== other.kb && onSegment(p, other.a, other.b)) return 'vertex inside an edge';
  }
  if (shared === 1) return null;
  const crosses = orient(s.a, s.b, t.a) * orient(s.a, s.b, t.b) < 0 && orient(t.a, t.b, s.a) * orient(t.a, t.b, s.b) < 0;
  return crosses ? 'edges cross' : null;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const ex = b[0] - a[0],
    ey = b[1] - a[1];
  const len2 = ex * ex + ey * ey;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / len2)) : 0;
  return Math.hypot(a[0] + t * ex - p[0], a[1] + t * ey - p[1]);
}
