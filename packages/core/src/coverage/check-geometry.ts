import type { Position } from 'geojson';
import { orient2d } from 'robust-predicates';
import type { Grid, LonLat } from '../types.ts';
import { insideRing } from '../geom/inside-ring.ts';
import { openRing } from './rings.ts';
import type { CoverageProblem } from './types.ts';

/**
 * OGC validity of one grid: unclosed or collapsed rings, self-intersections (a bowtie is one),
 * self-touching rings, rings of one polygon crossing or sharing a stretch, holes outside their
 * shell or inside another hole, parts of a MultiPolygon crossing, nested or sharing an edge.
 * Duplicate consecutive points are allowed. One problem per reason, at its first location.
 */
export function checkGeometry(grid: Grid): CoverageProblem[] {
  const found = new Map<string, LonLat>();
  const note = (reason: string, at: Position) => {
    if (!found.has(reason)) found.set(reason, [at[0], at[1]]);
  };
  const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
  const parts: Position[][][] = []; // open rings per part, when every ring of the part is usable
  const all: Array<{ part: number; ring: Position[] }> = [];
  polygons.forEach((rings, part) => {
    const open: Position[][] = [];
    rings.forEach((ring) => {
      if (ring.length === 0) {
        note('collapsed ring', anyPosition(grid));
        return;
      }
      const a = ring[0],
        b = ring[ring.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) note('unclosed ring', a);
      const pts = openRing(ring);
      if (collapsed(pts)) {
        note('collapsed ring', ring[0]);
        return;
      }
      open.push(pts);
      all.push({ part, ring: pts });
    });
    if (rings.length !== open.length) return;
    parts.push(open);
    for (let h = 1; h < open.length; h++) {
      const at = open[h].find((p) => !onRing(open[0], p));
      if (at && !insideRing(open[0], at[0], at[1])) note('hole outside shell', at);
      for (let k = 1; k < open.length; k++) {
        if (k !== h && at && !onRing(open[k], at) && insideRing(open[k], at[0], at[1])) note('hole inside hole', at);
      }
    }
  });
  if (all.length) crossings(all, note);
  nestedParts(parts, note);
  return [...found].map(([reason, at]) => ({
    kind: 'invalid-geometry',
    grids: [grid.id],
    geometry: { type: 'Point', coordinates: at },
    reason,
    location: at,
  }));
}

/**
 * Sweep over the segments of one polygon sorted by min x: a proper crossing is a
 * self-intersection; a ring touching itself away from its own consecutive vertices, or two rings
 * sharing a stretch, is invalid too. Rings may touch each other at single points (valid OGC).
 */
function crossings(rings: Array<{ part: number; ring: Position[] }>, note: (reason: string, at: Position) => void): void {
  const segs: Array<{ r: number; part: number; i: number; n: number; a: Position; b: Position; minX: number; maxX: number }> = [];
  rings.forEach(({ part, ring }, r) => {
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length];
      segs.push({ r, part, i, n: ring.length, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    });
  });
  segs.sort((s, t) => s.minX - t.minX);
  for (let p = 0; p < segs.length; p++) {
    const s = segs[p];
    for (let q = p + 1; q < segs.length && segs[q].minX <= s.maxX; q++) {
      const t = segs[q];
      if (Math.min(s.a[1], s.b[1]) > Math.max(t.a[1], t.b[1]) || Math.min(t.a[1], t.b[1]) > Math.max(s.a[1], s.b[1])) continue;
      const adjacent = s.r === t.r && ((s.i + 1) % s.n === t.i || (t.i + 1) % t.n === s.i);
      if (adjacent && s.n > 3) {
        // Consecutive edges a→b→c: only a spike (c back along a→b) is wrong. One orientation
        // test instead of four: 2 of every 3 box-overlapping pairs are neighbours.
        const [a, b, c] = (s.i + 1) % s.n === t.i ? [s.a, s.b, t.b] : [t.a, t.b, s.b];
        if (orient2d(a[0], a[1], b[0], b[1], c[0], c[1]) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0)
          note('self-intersection', b);
        continue;
      }
      classify(s, t, s.r === t.r, adjacent, s.part !== t.part, note);
    }
  }
}

function classify(
  s: { a: Position; b: Position },
  t: { a: Position; b: Position },
  sameRing: boolean,
  adjacent: boolean,
  otherPart: boolean,
  note: (reason: string, at: Position) => void,
): void {
  const o1 = orient2d(s.a[0], s.a[1], s.b[0], s.b[1], t.a[0], t.a[1]);
  const o2 = orient2d(s.a[0], s.a[1], s.b[0], s.b[1], t.b[0], t.b[1]);
  const o3 = orient2d(t.a[0], t.a[1], t.b[0], t.b[1], s.a[0], s.a[1]);
  const o4 = orient2d(t.a[0], t.a[1], t.b[0], t.b[1], s.b[0], s.b[1]);
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    note(otherPart ? 'parts overlap' : 'self-intersection', crossingPoint(s.a, s.b, t.a, t.b));
    return;
  }
  if (o1 === 0 && o2 === 0) {
    // Collinear: sharing more than a point is a spike or a doubled stretch; parts of a
    // MultiPolygon may touch at points only (OGC), else they are one part.
    const shared = collinearOverlap(s.a, s.b, t.a, t.b);
    if (shared) {
      note(otherPart ? 'parts share an edge' : sameRing ? 'self-intersection' : 'rings overlap', shared);
      return;
    }

    if (adjacent) return;
  }
  if (adjacent) return;
  const touch =
    [t.a, t.b].find((p, k) => (k === 0 ? o1 : o2) === 0 && within(s.a, s.b, p)) ??
    [s.a, s.b].find((p, k) => (k === 0 ? o3 : o4) === 0 && within(t.a, t.b, p));
  // Rings of one polygon may touch at a point; one ring touching itself is invalid (OGC).
  if (touch && sameRing) note('ring self-intersection', touch);
}

/**
 * Parts of a MultiPolygon that do not cross may still overlap: one inside another's shell (and
 * not in one of its holes). Tested with a vertex of each part not on the other's rings.
 */
function nestedParts(parts: Position[][][], note: (reason: string, at: Position) => void): void {
  for (let p = 0; p < parts.length; p++) {
    for (let q = 0; q < parts.length; q++) {
      if (p === q) continue;
      const at = parts[p][0].find((v) => !parts[q].some((ring) => onRing(ring, v)));
      if (!at || !insideRing(parts[q][0], at[0], at[1])) continue;
      if (parts[q].slice(1).some((hole) => insideRing(hole, at[0], at[1]))) continue; // in q's hole: an island, valid
      note('parts overlap', at);
    }
  }
}

/** A position of the grid to locate a problem of an empty ring at (its box's corner if none). */
function anyPosition(grid: Grid): Position {
  const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
  for (const rings of polygons) for (const ring of rings) if (ring.length) return ring[0];
  return [grid.bbox[0], grid.bbox[1]];
}

function within(a: Position, b: Position, p: Position): boolean {
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
}

/** A point of the shared stretch of two collinear segments, or undefined if they share ≤ 1 point. */
function collinearOverlap(a: Position, b: Position, c: Position, d: Position): Position | undefined {
  const axis = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
  const lo = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]));
  const hi = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]));
  if (!(hi > lo)) return undefined;
  const mid = (lo + hi) / 2;
  const t = (mid - a[axis]) / (b[axis] - a[axis]);
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

function crossingPoint(a: Position, b: Position, c: Position, d: Position): Position {
  const rx = b[0] - a[0],
    ry = b[1] - a[1],
    sx = d[0] - c[0],
    sy = d[1] - c[1];
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / (rx * sy - ry * sx);
  return [a[0] + rx * t, a[1] + ry * t];
}

/** Fewer than 3 distinct points, or all on one line (a bowtie has zero area but is not collapsed). */
function collapsed(pts: Position[]): boolean {
  if (pts.length < 3) return true;
  const [a, b] = pts;
  return pts.every((p) => orient2d(a[0], a[1], b[0], b[1], p[0], p[1]) === 0);
}

function onRing(ring: Position[], p: Position): boolean {
  return ring.some((q) => q[0] === p[0] && q[1] === p[1]);
}
