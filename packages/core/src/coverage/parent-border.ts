import RBush from 'rbush';
import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';
import type { EdgeTable } from './edge-table.ts';
import { PARENT } from './rings.ts';

interface Item {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  e: number;
}

/**
 * A parent outline is often coarser than its grids: one parent edge where the grids have
 * twenty vertices along the same line. Such an edge matches no grid edge exactly, and left
 * unmatched it would send the whole outline to clipping (one district-sized cluster). Here a
 * parent edge counts as matched when grid edges lying on it (both ends within the tolerance)
 * and running the grids' way cover it end to end; those grid edges count as matched too.
 * A corner cut, a bulge or a gap along the edge leaves it unmatched, for the exact resolution.
 *
 * @returns how many parent edges were matched this way
 */
export function matchAlongParent(table: EdgeTable, tolM: number, tolDeg: number): number {
  const { from, to, owner, matched, xs, ys, count } = table;
  const items: Item[] = [];
  for (let e = 0; e < count; e++) {
    if (matched[e] || owner[e] === PARENT) continue;
    const ax = xs[from[e]],
      ay = ys[from[e]],
      bx = xs[to[e]],
      by = ys[to[e]];
    items.push({ minX: Math.min(ax, bx), minY: Math.min(ay, by), maxX: Math.max(ax, bx), maxY: Math.max(ay, by), e });
  }
  if (items.length === 0) return 0;
  const tree = new RBush<Item>();
  tree.load(items);
  let done = 0;
  for (let p = 0; p < count; p++) {
    if (matched[p] || owner[p] !== PARENT) continue;
    const ax = xs[from[p]],
      ay = ys[from[p]],
      bx = xs[to[p]],
      by = ys[to[p]];
    const { kx, ky } = metresPerDegree((ay + by) / 2);
    const dx = (bx - ax) * kx,
      dy = (by - ay) * ky;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const along: Array<[number, number, number]> = [];
    for (const { e } of tree.search({
      minX: Math.min(ax, bx) - tolDeg,
      minY: Math.min(ay, by) - tolDeg,
      maxX: Math.max(ax, bx) + tolDeg,
      maxY: Math.max(ay, by) + tolDeg,
    })) {
      const cx = xs[from[e]],
        cy = ys[from[e]],
        ex = xs[to[e]],
        ey = ys[to[e]];
      if (segmentDistance(cx, cy, ax, ay, bx, by, kx, ky) > tolM || segmentDistance(ex, ey, ax, ay, bx, by, kx, ky) > tolM) continue;
      const t0 = ((cx - ax) * kx * dx + (cy - ay) * ky * dy) / len2;
      const t1 = ((ex - ax) * kx * dx + (ey - ay) * ky * dy) / len2;
      if (t1 >= t0) continue; // a grid edge runs against the reversed parent edge
      along.push([t1, t0, e]);
    }
    if (!covers(along, tolM / Math.sqrt(len2))) continue;
    matched[p] = 1;
    for (const [, , e] of along) matched[e] = 1;
    done++;
  }
  return done;
}

/**
 * True when the intervals cover [0, 1] once: no hole and no stretch covered twice (two grids on
 * one stretch of the border overlap there) wider than `slack`. Taking both away would leave
 * the resolution a border with one side missing: it found no 884 m² overlap so (repair test).
 */
function covers(intervals: Array<[number, number, number]>, slack: number): boolean {
  if (intervals.length === 0) return false;
  intervals.sort((a, b) => a[0] - b[0]);
  let reach = 0;
  for (const [lo, hi] of intervals) {
    if (lo > reach + slack || lo < reach - slack) return false;
    if (hi > reach) reach = hi;
  }
  return reach >= 1 - slack && intervals[0][0] <= slack;
}
