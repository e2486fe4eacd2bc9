import type RBush from 'rbush';
import { orient2d } from 'robust-predicates';
import type { Grid, GridGeometry } from '../types.ts';
import type { EdgeTable } from './edge-table.ts';
import { OUTSIDE, pointStatus } from './point-status.ts';
import { PARENT } from './rings.ts';
import type { BoxItem } from './validate-coverage.ts';

/**
 * Without a parent, the grids' outer border is made of unmatched edges that are nobody's fault.
 * An unmatched edge is set aside as outer border when it occurs once, no other grid is on or
 * within `tolM` of its midpoint, and it lies on a closed counter-clockwise cycle of such edges
 * whose vertices each have one way in and one way out. A clockwise cycle would be a gap's
 * border: it is kept for the exact resolution, as is everything ambiguous (pinch points).
 *
 * @returns per edge occurrence, 1 when set aside as outer border
 */
export function outerBorder(table: EdgeTable, grids: Grid[], index: RBush<BoxItem>, tolM: number): Uint8Array {
  const { from, to, owner, matched, single, xs, ys, count } = table;
  const free = new Uint8Array(count);
  const outOf = new Map<number, number>();
  const inDegree = new Map<number, number>();
  const bad = new Set<number>();
  for (let e = 0; e < count; e++) {
    if (matched[e] || !single[e] || owner[e] === PARENT) continue;
    const ax = xs[from[e]], ay = ys[from[e]], bx = xs[to[e]], by = ys[to[e]];
    const mx = (ax + bx) / 2, my = (ay + by) / 2;
    const others = index.search({ minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by) });
    // Its midpoint outside every other grid is not enough: an edge can run out of a
    // neighbour half-way (an overlap whose every edge has its midpoint outside).
    if (others.some((o) => o.i !== owner[e] && (pointStatus(grids[o.i].geometry, mx, my, tolM) !== OUTSIDE || meetsBoundary(grids[o.i].geometry, ax, ay, bx, by)))) continue;
    free[e] = 1;
    if (outOf.has(from[e])) bad.add(from[e]);
    outOf.set(from[e], e);
    inDegree.set(to[e], (inDegree.get(to[e]) ?? 0) + 1);
  }
  for (const [v, d] of inDegree) if (d > 1) bad.add(v);
  const outer = new Uint8Array(count);
  const seen = new Uint8Array(count);
  for (let start = 0; start < count; start++) {
    if (!free[start] || seen[start]) continue;
    const cycle: number[] = [];
    let e = start;
    let closed = false;
    while (e !== undefined && !seen[e]) {
      seen[e] = 1;
      cycle.push(e);
      if (bad.has(to[e])) break;
      const next = outOf.get(to[e]);
      if (next === undefined) break;
      if (next === start) { closed = true; break; }
      e = next;
    }
    if (closed && cycleArea(table, cycle) > 0) for (const c of cycle) outer[c] = 1;
  }
  return outer;
}

function cycleArea(table: EdgeTable, cycle: number[]): number {
  const { from, to, xs, ys } = table;
  const x0 = xs[from[cycle[0]]], y0 = ys[from[cycle[0]]];
  let sum = 0;
  for (const e of cycle) {
    const ax = xs[from[e]] - x0, ay = ys[from[e]] - y0, bx = xs[to[e]] - x0, by = ys[to[e]] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

/**
 * Whether the segment a–b crosses or touches the boundary of a geometry anywhere but at its own
 * end points shared exactly (where neighbours' borders meet on the outer border).
 */
function meetsBoundary(g: GridGeometry, ax: number, ay: number, bx: number, by: number): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const x0 = Math.min(ax, bx), x1 = Math.max(ax, bx), y0 = Math.min(ay, by), y1 = Math.max(ay, by);
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [cx, cy] = ring[k], [dx, dy] = ring[k + 1];
        if (Math.max(cx, dx) < x0 || Math.min(cx, dx) > x1 || Math.max(cy, dy) < y0 || Math.min(cy, dy) > y1) continue;
        const o1 = orient2d(ax, ay, bx, by, cx, cy), o2 = orient2d(ax, ay, bx, by, dx, dy);
        const o3 = orient2d(cx, cy, dx, dy, ax, ay), o4 = orient2d(cx, cy, dx, dy, bx, by);
        if (o1 * o2 < 0 && o3 * o4 < 0) return true; // a proper crossing
        const isEnd = (x: number, y: number) => (x === ax && y === ay) || (x === bx && y === by);
        const isTheirs = (x: number, y: number) => (x === cx && y === cy) || (x === dx && y === dy);
        if (o1 === 0 && !isEnd(cx, cy) && between(ax, ay, bx, by, cx, cy)) return true; // their vertex on our edge
        if (o2 === 0 && !isEnd(dx, dy) && between(ax, ay, bx, by, dx, dy)) return true;
        if (o3 === 0 && !isTheirs(ax, ay) && between(cx, cy, dx, dy, ax, ay)) return true; // our end on their edge
        if (o4 === 0 && !isTheirs(bx, by) && between(cx, cy, dx, dy, bx, by)) return true;
      }
    }
  }
  return false;
}

/** Whether p, known to be on the line a–b, lies within the segment. */
function between(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}
