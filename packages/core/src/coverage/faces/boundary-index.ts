import { orient2d } from 'robust-predicates';
import { metresPerDegree, segmentDistance } from '../../geom/local-metres.ts';
import type { Grid, GridGeometry } from '../../types.ts';
import { INSIDE, NEAR, OUTSIDE } from '../point-status.ts';
import { YBands } from './y-bands.ts';

/**
 * A polygon's boundary as flat edges in horizontal bands, for the questions asked of one grid
 * many times: where a point lies ({@link pointStatus}'s answer) and whether a segment meets the
 * boundary. A Los Angeles council has 100–1,000 vertices and each of its neighbours' unmatched
 * edges asked both, over every edge (outer border: 20 ms a run); the bands read ~√n of them.
 */
export class BoundaryIndex {
  private readonly seg: Float64Array; // ax, ay, bx, by per edge
  private readonly bands: YBands;

  constructor(geometry: GridGeometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const flat: number[] = [];
    for (const rings of polygons) {
      for (const ring of rings) for (let k = 0; k + 1 < ring.length; k++) flat.push(ring[k][0], ring[k][1], ring[k + 1][0], ring[k + 1][1]);
    }
    this.seg = Float64Array.from(flat);
    const n = flat.length / 4;
    const lo = new Float64Array(n),
      hi = new Float64Array(n);
    for (let e = 0; e < n; e++) {
      lo[e] = Math.min(flat[4 * e + 1], flat[4 * e + 3]);
      hi[e] = Math.max(flat[4 * e + 1], flat[4 * e + 3]);
    }
    this.bands = new YBands(lo, hi);
  }

  /** NEAR within `tolM` metres of the boundary, else INSIDE or OUTSIDE (even–odd), as pointStatus. */
  status(x: number, y: number, tolM: number): number {
    const { kx, ky } = metresPerDegree(y);
    const tx = (tolM + 1e-6) / kx,
      ty = (tolM + 1e-6) / ky; // as pointStatus: 1 µm above rounding
    const s = this.seg;
    let inside = false,
      near = false;
    this.bands.forEach(y - ty, y + ty, (e) => {
      const ax = s[4 * e],
        ay = s[4 * e + 1],
        bx = s[4 * e + 2],
        by = s[4 * e + 3];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      if (near || x < Math.min(ax, bx) - tx || x > Math.max(ax, bx) + tx || y < Math.min(ay, by) - ty || y > Math.max(ay, by) + ty) return;
      if (segmentDistance(x, y, ax, ay, bx, by, kx, ky) <= tolM) near = true;
    });
    return near ? NEAR : inside ? INSIDE : OUTSIDE;
  }

  /**
   * Whether the segment a–b crosses or touches the boundary anywhere but at its own end points
   * shared exactly (where neighbours' borders meet on the outer border).
   */
  meets(ax: number, ay: number, bx: number, by: number): boolean {
    const x0 = Math.min(ax, bx),
      x1 = Math.max(ax, bx),
      y0 = Math.min(ay, by),
      y1 = Math.max(ay, by);
    const s = this.seg;
    let met = false;
    this.bands.forEach(y0, y1, (e) => {
      if (met) return;
      const cx = s[4 * e],
        cy = s[4 * e + 1],
        dx = s[4 * e + 2],
        dy = s[4 * e + 3];
      if (Math.max(cx, dx) < x0 || Math.min(cx, dx) > x1) return;
      met = touches(ax, ay, bx, by, cx, cy, dx, dy);
    });
    return met;
  }
}

/** A grid's BoundaryIndex by its index, built on first use and kept for the run. */
export function boundaryCache(grids: Grid[]): (i: number) => BoundaryIndex {
  const built = new Map<number, BoundaryIndex>();
  return (i) => built.get(i) ?? built.set(i, new BoundaryIndex(grids[i].geometry)).get(i)!;
}

/** a–b and c–d cross, or a vertex of one lies on the other (ends shared exactly excepted). */
function touches(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient2d(ax, ay, bx, by, cx, cy),
    o2 = orient2d(ax, ay, bx, by, dx, dy);
  const o3 = orient2d(cx, cy, dx, dy, ax, ay),
    o4 = orient2d(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true; // a proper crossing
  // No closures here: under tsx (the CLI) each named one costs a defineProperty per call (LA: 0.3 s in 25 runs).
  if (o1 === 0 && !isEnd(cx, cy, ax, ay, bx, by) && between(ax, ay, bx, by, cx, cy)) return true; // their vertex on our edge
  if (o2 === 0 && !isEnd(dx, dy, ax, ay, bx, by) && between(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && !isEnd(ax, ay, cx, cy, dx, dy) && between(cx, cy, dx, dy, ax, ay)) return true; // our end on their edge
  if (o4 === 0 && !isEnd(bx, by, cx, cy, dx, dy) && between(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/** p is an end of the segment a–b, exactly. */
function isEnd(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return (px === ax && py === ay) || (px === bx && py === by);
}

/** Whether p, known to be on the line a–b, lies within the segment. */
function between(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}
