import { orient2d } from 'robust-predicates';
import { INFO, type EdgeStripes } from './edge-stripes.ts';
import type { FlatParts } from './flat-parts.ts';

/** Bit set in the result of {@link locateInPart} when the point is in the part. */
export const INSIDE = 1;
/** Bit set when the point lies exactly on one of the part's edges or vertices. */
export const ON_BOUNDARY = 2;

/**
 * Where a point is relative to one part: `INSIDE` and/or `ON_BOUNDARY` bits, 0 when outside.
 *
 * Crossing number along the ray to the east of the point, with the **half-open rule**: an
 * edge counts when its lower end is at or below the point and its upper end strictly above
 * (horizontal edges never count), and the point is strictly to its left. Both grids sharing
 * an edge order its ends the same way (by y, then x) before the exact orientation test
 * (Shewchuk's adaptive predicate), so they reach the same decision bit for bit. In a tiling
 * this gives every point to exactly one grid: a point on a north–south border to the grid
 * on its east, on an east–west border to the grid on its north, a shared vertex to the grid
 * north-east of it. The outer boundary's east and north sides are claimed by nobody; the
 * caller resolves those with the ON_BOUNDARY bit.
 */
export function locateInPart(flat: FlatParts, stripes: EdgeStripes, p: number, x: number, y: number): number {
  const info = stripes.partInfo;
  const b = INFO * p;
  const minY = info[b + 1];
  if (x < info[b] || x > info[b + 2] || y < minY || y > info[b + 3]) return 0;
  const c = flat.coords;
  const s = Math.min(info[b + 6], Math.floor((y - minY) * info[b + 4]));
  const slot = (info[b + 5] + s) | 0;
  const edges = stripes.edges;
  const stripeStart = stripes.stripeStart;
  let inside = 0;
  let boundary = 0;
  for (let i = stripeStart[slot], end = stripeStart[slot + 1]; i < end; i++) {
    const e = edges[i];
    let ax = c[2 * e],
      ay = c[2 * e + 1],
      bx = c[2 * e + 2],
      by = c[2 * e + 3];
    if (ay > by || (ay === by && ax > bx)) {
      const tx = ax,
        ty = ay;
      ax = bx;
      ay = by;
      bx = tx;
      by = ty;
    }
    if (y < ay || y > by) continue;
    if (ay === by) {
      if (x >= ax && x <= bx) boundary = ON_BOUNDARY;
      continue;
    }
    // Most edges are decided without the orientation test: wholly east of the point, the
    // eastward ray crosses them; wholly west, it cannot.
    if (x < ax && x < bx) {
      if (y !== by) inside ^= INSIDE;
      continue;
    }
    if (x > ax && x > bx) continue;
    const o = orient2d(ax, ay, bx, by, x, y);
    if (o === 0) {
      boundary = ON_BOUNDARY;
      continue;
    }
    if (y !== by && o < 0) inside ^= INSIDE;
  }
  return inside | boundary;
}
