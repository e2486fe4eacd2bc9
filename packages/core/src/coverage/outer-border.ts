import type RBush from 'rbush';
import type { BoundaryIndex } from './faces/boundary-index.ts';
import type { EdgeTable } from './edge-table.ts';
import { OUTSIDE } from './point-status.ts';
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
export function outerBorder(table: EdgeTable, boundary: (i: number) => BoundaryIndex, index: RBush<BoxItem>, tolM: number): Uint8Array {
  const { from, to, owner, matched, single, xs, ys, count } = table;
  const free = new Uint8Array(count);
  const outOf = new Map<number, number>();
  const inDegree = new Map<number, number>();
  const bad = new Set<number>();
  for (let e = 0; e < count; e++) {
    if (matched[e] || !single[e] || owner[e] === PARENT) continue;
    const ax = xs[from[e]],
      ay = ys[from[e]],
      bx = xs[to[e]],
      by = ys[to[e]];
    const mx = (ax + bx) / 2,
      my = (ay + by) / 2;
    const others = index.search({ minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by) });
    // Its midpoint outside every other grid is not enough: an edge can run out of a
    // neighbour half-way (an overlap whose every edge has its midpoint outside).
    if (others.some((o) => o.i !== owner[e] && (boundary(o.i).status(mx, my, tolM) !== OUTSIDE || boundary(o.i).meets(ax, ay, bx, by))))
      continue;
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
      if (next === start) {
        closed = true;
        break;
      }
      e = next;
    }
    if (closed && cycleArea(table, cycle) > 0) for (const c of cycle) outer[c] = 1;
  }
  return outer;
}

function cycleArea(table: EdgeTable, cycle: number[]): number {
  const { from, to, xs, ys } = table;
  const x0 = xs[from[cycle[0]]],
    y0 = ys[from[cycle[0]]];
  let sum = 0;
  for (const e of cycle) {
    const ax = xs[from[e]] - x0,
      ay = ys[from[e]] - y0,
      bx = xs[to[e]] - x0,
      by = ys[to[e]] - y0;
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}
