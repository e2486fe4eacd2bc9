import { orient2d } from 'robust-predicates';
import type { GridGeometry } from '../types.ts';
import { openRing } from './rings.ts';

/**
 * Proves, with exact predicates, that two valid polygons' interiors do not meet, so that their
 * intersection need not be clipped. In a cluster most owner–neighbour pairs are neighbours
 * sharing a border, and clipping them (polyclip-ts) to get nothing took 3/4 of the overlap time.
 *
 * Proved when: no edge of one crosses an edge of the other or has a vertex of the other inside
 * it (boundaries meet only at shared vertices); every edge of each is either an edge of the other
 * or has an end that is no vertex of the other and lies outside it (then the whole edge lies
 * outside: it meets no boundary); and each part of each has such an outside edge (else a part
 * could be the same area drawn in both). Then neither boundary enters the other's interior and
 * no component of one interior equals one of the other, so the interiors are disjoint. Anything
 * else (a chord between two shared vertices, a T-junction, a crossing) answers false: clip.
 * Both polygons must be OGC-valid (checkGeometry found nothing): even–odd is their inside.
 */
export function interiorsDisjoint(p: GridGeometry, q: GridGeometry): boolean {
  const a = segments(p),
    b = segments(q);
  return clearOf(a, b) && clearOf(b, a);
}

/** Flat edges of a polygon: ends (x0, y0) → (x1, y1) and the part each belongs to. */
interface Segments {
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  part: Int32Array;
  parts: number;
  n: number;
}

function segments(g: GridGeometry): Segments {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let n = 0;
  const rings = polygons.map((rs) =>
    rs.map((r) => {
      const o = openRing(r);
      n += o.length;
      return o;
    }),
  );
  const s: Segments = {
    x0: new Float64Array(n),
    y0: new Float64Array(n),
    x1: new Float64Array(n),
    y1: new Float64Array(n),
    part: new Int32Array(n),
    parts: polygons.length,
    n,
  };
  let k = 0;
  rings.forEach((rs, part) => {
    for (const r of rs) {
      for (let i = 0; i < r.length; i++) {
        const u = r[i],
          v = r[(i + 1) % r.length];
        s.x0[k] = u[0];
        s.y0[k] = u[1];
        s.x1[k] = v[0];
        s.y1[k] = v[1];
        s.part[k] = part;
        k++;
      }
    }
  });
  return s;
}

/** Every edge of `a` is an edge of `b` or lies outside `b`, boundaries meet at vertices only, and each part of `a` has an outside edge. */
function clearOf(a: Segments, b: Segments): boolean {
  const outsideParts = new Uint8Array(a.parts);
  const [bx0, by0, bx1, by1] = box(b);
  for (let e = 0; e < a.n; e++) {
    const ax = a.x0[e],
      ay = a.y0[e],
      bx = a.x1[e],
      by = a.y1[e];
    const minX = Math.min(ax, bx),
      maxX = Math.max(ax, bx),
      minY = Math.min(ay, by),
      maxY = Math.max(ay, by);
    // Beyond b's box: meets no edge of b and is outside it (half of a neighbour's edges).
    if (maxX < bx0 || minX > bx1 || maxY < by0 || minY > by1) {
      outsideParts[a.part[e]] = 1;
      continue;
    }
    let startShared = false,
      endShared = false,
      sameEdge = false;
    for (let f = 0; f < b.n; f++) {
      const cx = b.x0[f],
        cy = b.y0[f],
        dx = b.x1[f],
        dy = b.y1[f];
      if (Math.max(cx, dx) < minX || Math.min(cx, dx) > maxX || Math.max(cy, dy) < minY || Math.min(cy, dy) > maxY) continue;
      const c0 = cx === ax && cy === ay,
        c1 = cx === bx && cy === by,
        d0 = dx === ax && dy === ay,
        d1 = dx === bx && dy === by;
      if (c0 || d0) startShared = true;
      if (c1 || d1) endShared = true;
      if ((c0 && d1) || (c1 && d0)) {
        sameEdge = true;
        continue;
      }
      const o1 = orient2d(ax, ay, bx, by, cx, cy),
        o2 = orient2d(ax, ay, bx, by, dx, dy);
      const o3 = orient2d(cx, cy, dx, dy, ax, ay),
        o4 = orient2d(cx, cy, dx, dy, bx, by);
      if (o1 * o2 < 0 && o3 * o4 < 0) return false; // a crossing
      // A vertex of one inside the other's edge (T-junction, collinear overlap): not proved.
      if (
        (o1 === 0 && !c0 && !c1 && inBox(cx, cy, minX, minY, maxX, maxY)) ||
        (o2 === 0 && !d0 && !d1 && inBox(dx, dy, minX, minY, maxX, maxY)) ||
        (o3 === 0 && !c0 && !d0 && inBox(ax, ay, Math.min(cx, dx), Math.min(cy, dy), Math.max(cx, dx), Math.max(cy, dy))) ||
        (o4 === 0 && !c1 && !d1 && inBox(bx, by, Math.min(cx, dx), Math.min(cy, dy), Math.max(cx, dx), Math.max(cy, dy)))
      )
        return false;
    }
    if (sameEdge) continue;
    if (startShared && endShared) return false; // a chord between shared vertices: inside or out, not proved here
    const [x, y] = startShared ? [bx, by] : [ax, ay];
    if (inside(b, x, y)) return false;
    outsideParts[a.part[e]] = 1;
  }
  return outsideParts.every((v) => v === 1);
}

function box(s: Segments): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let f = 0; f < s.n; f++) {
    x0 = Math.min(x0, s.x0[f]);
    y0 = Math.min(y0, s.y0[f]);
    x1 = Math.max(x1, s.x0[f]);
    y1 = Math.max(y1, s.y0[f]);
  }
  return [x0, y0, x1, y1];
}

function inBox(x: number, y: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
  return x >= minX && x <= maxX && y >= minY && y <= maxY;
}

/** Even–odd, exact (orient2d), for a point on no edge of `s`. */
function inside(s: Segments, x: number, y: number): boolean {
  let odd = false;
  for (let f = 0; f < s.n; f++) {
    const cy = s.y0[f],
      dy = s.y1[f];
    if (cy > y === dy > y) continue;
    // The edge crosses the horizontal through the point; it is to the right when the point is
    // left of an upward edge or right of a downward one (orient2d < 0: left).
    const o = orient2d(s.x0[f], cy, s.x1[f], dy, x, y);
    if (dy > cy ? o < 0 : o > 0) odd = !odd;
  }
  return odd;
}
