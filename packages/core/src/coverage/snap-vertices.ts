import type { Position } from 'geojson';
import RBush from 'rbush';
import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';
import type { GridGeometry } from '../types.ts';
import { openRing, signedArea } from './rings.ts';

interface VertexItem {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  x: number;
  y: number;
  owner: number;
}

/**
 * Makes nearly shared borders exactly shared, within `tolM` metres, in two passes:
 * 1. every vertex within the tolerance of an earlier vertex (fixed vertices first, then the
 *    geometries in order) takes that vertex's coordinates, bit for bit;
 * 2. every edge gets, in order along it, the vertices of *other* rings lying within the
 *    tolerance of it (the T-junctions), so both sides of a border list the same vertices.
 * Then consecutive duplicates and spikes (a, b, a) go, and rings left without area are dropped.
 * Geometries that collapse entirely come back as null.
 *
 * @param geometries the geometries to snap together (only these are changed)
 * @param tolM metres
 * @param fixed vertices that must not move (e.g. the parent's), snapped to first
 */
export function snapVertices(geometries: GridGeometry[], tolM: number, fixed: Position[] = []): Array<GridGeometry | null> {
  const parts = geometries.map((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) => rings.map(openRing)));
  const canonical = new RBush<VertexItem>();
  const snap = (p: Position, owner: number): Position => {
    const { kx, ky } = metresPerDegree(p[1]);
    const dx = tolM / kx,
      dy = tolM / ky;
    let best: VertexItem | null = null,
      bestD = Infinity;
    for (const v of canonical.search({ minX: p[0] - dx, minY: p[1] - dy, maxX: p[0] + dx, maxY: p[1] + dy })) {
      const d = Math.hypot((v.x - p[0]) * kx, (v.y - p[1]) * ky);
      if (d <= tolM && d < bestD) {
        best = v;
        bestD = d;
      }
    }
    if (best) return [best.x, best.y];
    canonical.insert({ minX: p[0], minY: p[1], maxX: p[0], maxY: p[1], x: p[0], y: p[1], owner });
    return p;
  };
  // Vertices are owned by rings, not grids: two parts of one grid that nearly share an edge
  // must get each other's vertices too, so that the caller can dissolve them.
  const ringIds = parts.map((polys) => polys.map((rings) => rings.map(() => 0)));
  let nextRing = 0;
  for (const p of fixed) snap(p, -1);
  parts.forEach((polys, g) => {
    polys.forEach((rings, pi) => {
      rings.forEach((ring, ri) => {
        const owner = nextRing++;
        ringIds[g][pi][ri] = owner;
        ring.forEach((p, k) => {
          ring[k] = snap(p, owner);
        });
      });
    });
  });

  const out = parts.map((polys, g) => {
    const kept: Position[][][] = [];
    for (const [pi, rings] of polys.entries()) {
      const clean = rings.map((ring, ri) => cleanRing(insertTouching(ring, ringIds[g][pi][ri], canonical, tolM), tolM));
      if (!clean[0]) continue; // the shell collapsed: the part is gone
      kept.push([clean[0], ...clean.slice(1).filter((r): r is Position[] => r !== null)]);
    }
    return kept;
  });
  return out.map((polys) =>
    polys.length === 0
      ? null
      : polys.length === 1
        ? { type: 'Polygon', coordinates: polys[0] }
        : { type: 'MultiPolygon', coordinates: polys },
  );
}

/** The ring with every other owner's vertex near one of its edges inserted into that edge. */
function insertTouching(ring: Position[], owner: number, vertices: RBush<VertexItem>, tolM: number): Position[] {
  const out: Position[] = [];
  for (let k = 0; k < ring.length; k++) {
    const a = ring[k],
      b = ring[(k + 1) % ring.length];
    out.push(a);
    const { kx, ky } = metresPerDegree(a[1]);
    const dx = tolM / kx,
      dy = tolM / ky;
    const ex = (b[0] - a[0]) * kx,
      ey = (b[1] - a[1]) * ky;
    const len2 = ex * ex + ey * ey;
    if (len2 === 0) continue;
    const between: Array<{ t: number; p: Position }> = [];
    const box = {
      minX: Math.min(a[0], b[0]) - dx,
      minY: Math.min(a[1], b[1]) - dy,
      maxX: Math.max(a[0], b[0]) + dx,
      maxY: Math.max(a[1], b[1]) + dy,
    };
    for (const v of vertices.search(box)) {
      if (v.owner === owner) continue;
      if ((v.x === a[0] && v.y === a[1]) || (v.x === b[0] && v.y === b[1])) continue;
      const t = ((v.x - a[0]) * kx * ex + (v.y - a[1]) * ky * ey) / len2;
      if (t <= 0 || t >= 1) continue;
      if (segmentDistance(v.x, v.y, a[0], a[1], b[0], b[1], kx, ky) > tolM) continue;
      between.push({ t, p: [v.x, v.y] });
    }
    between.sort((p, q) => p.t - q.t);
    for (const { p } of between) out.push(p);
  }
  return out;
}

/**
 * Polygon parts (as clipping returns them) without spikes and without rings that have no area
 * at the tolerance (the flat triangles clipping leaves where borders nearly coincide).
 */
export function cleanParts(parts: Position[][][], tolM: number): Position[][][] {
  const out: Position[][][] = [];
  for (const rings of parts) {
    const clean = rings.map((ring) => cleanRing(openRing(ring), tolM));
    if (clean[0]) out.push([clean[0], ...clean.slice(1).filter((r): r is Position[] => r !== null)]);
  }
  return out;
}

/**
 * Closed ring without consecutive duplicates and spikes, or null when nothing with area is
 * left. A spike is a vertex b where the ring turns back on itself (a → b → c, c within the
 * tolerance of the line a–b, going back): clipping leaves them where borders nearly coincide.
 */
function cleanRing(ring: Position[], tolM: number): Position[] | null {
  let pts = ring.filter((p, k) => k === 0 || !same(p, ring[k - 1]));
  if (pts.length > 1 && same(pts[0], pts[pts.length - 1])) pts.pop();
  for (let changed = true; changed && pts.length >= 3; ) {
    changed = false;
    const kept: Position[] = [];
    for (let k = 0; k < pts.length; k++) {
      const a = kept.length ? kept[kept.length - 1] : pts[(k + pts.length - 1) % pts.length];
      const b = pts[k],
        c = pts[(k + 1) % pts.length];
      if (same(a, b) || spike(a, b, c, tolM)) {
        changed = true;
        continue;
      }
      kept.push(b);
    }
    pts = kept;
  }
  if (pts.length < 3 || signedArea(pts) === 0) return null;
  return [...pts, pts[0]];
}

/** Whether the ring turns back at b: a → b then back towards a, c within tolM of the line a–b. */
function spike(a: Position, b: Position, c: Position, tolM: number): boolean {
  if (same(a, c)) return true;
  const { kx, ky } = metresPerDegree(b[1]);
  const ux = (b[0] - a[0]) * kx,
    uy = (b[1] - a[1]) * ky,
    vx = (c[0] - b[0]) * kx,
    vy = (c[1] - b[1]) * ky;
  if (ux * vx + uy * vy >= 0) return false; // goes on, or turns less than 90°
  const lu = Math.hypot(ux, uy),
    lv = Math.hypot(vx, vy);
  // Distance of the shorter leg's far end from the longer leg's line.
  return Math.abs(ux * vy - uy * vx) / Math.max(lu, lv) <= tolM;
}

function same(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}
