import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { geometryOf, type GridLike } from '../geom/geometry-of.ts';
import { metresPerDegree } from '../geom/local-metres.ts';
import type { Position } from 'geojson';
import type { GridGeometry, LonLat } from '../types.ts';

/** Options of {@link readingOrder}. */
export interface ReadingOrderOptions {
  /**
   * [options.rowHeight_m] Height of a row in metres. Default: √(total area / number of grids),
   * the side of the average grid were it square.
   */
  rowHeight_m?: number;
}

/**
 * The order in which grids are numbered 从西向东、由北至南 (west to east, north to south;
 * DB11/T 5.4, DB6101/T 3185-2024), for grids of any shape:
 *
 * 1. each grid is placed at its **centroid** (area-weighted over all parts, holes subtracted,
 *    planar in lon/lat, i.e. in the local metric frame; it may lie outside a C-shaped grid,
 *    which is where its area is);
 * 2. **rows** are bands `rowHeight_m` high counted southwards from the northernmost centroid:
 *    row = ⌊(φmax − φ) · ky / rowHeight_m⌋, ky the WGS84 metres per degree of latitude at the
 *    middle of the centroids' latitudes;
 * 3. rows go north to south; within a row grids go **west to east** by centroid longitude; a
 *    tie goes to the more northern centroid, then to the earlier input.
 *
 * Like reading a page: a grid slightly north of its west neighbour but in the same band is
 * still read after it. The same grids in any input order get the same order.
 *
 * @param grids geometries, GeoJSON Features or parsed Grids (WGS84 `[lon, lat]` degrees)
 * @param options see {@link ReadingOrderOptions}
 * @returns indexes into `grids`, first to last
 * @example
 * const order = readingOrder(pieces);          // e.g. [2, 0, 1]: pieces[2] is the north-west one
 * const sorted = order.map((i) => pieces[i]);
 */
export function readingOrder(grids: readonly GridLike[], options: ReadingOrderOptions = {}): number[] {
  const geometries = grids.map(geometryOf);
  if (geometries.length === 0) return [];
  const h = options.rowHeight_m ?? Math.sqrt(geometries.reduce((s, g) => s + ellipsoidalArea(g), 0) / geometries.length);
  if (!(h > 0)) throw new RangeError(`readingOrder: rowHeight_m must be > 0 metres, got ${h}`);
  const c = geometries.map(centroid);
  const lats = c.map((p) => p[1]);
  // Loops, not Math.max(...lats): a spread of 200,000 arguments overflows the stack.
  const north = lats.reduce((m, v) => Math.max(m, v), -Infinity);
  const { ky } = metresPerDegree((north + lats.reduce((m, v) => Math.min(m, v), Infinity)) / 2);
  const row = c.map((p) => Math.floor(((north - p[1]) * ky) / h));
  return c.map((_, i) => i).sort((a, b) => row[a] - row[b] || c[a][0] - c[b][0] || c[b][1] - c[a][1] || a - b);
}

/**
 * Area-weighted centroid `[lon, lat]` of all parts, holes subtracted whatever their winding
 * (planar in degrees: the same point as in a local metric frame, which differs by an affine
 * map). A grid of zero area falls back to the mean of its vertices.
 */
export function centroid(g: GridGeometry): LonLat {
  let a = 0, x = 0, y = 0, n = 0, sx = 0, sy = 0;
  for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
    rings.forEach((ring, r) => {
      const m = ringMoments(ring);
      // Outer rings add, holes subtract, each by the absolute value of its area.
      const sign = (r === 0 ? 1 : -1) * (m.a < 0 ? -1 : 1);
      a += sign * m.a;
      x += sign * m.x;
      y += sign * m.y;
      for (let i = 0; i + 1 < ring.length; i++, n++) [sx, sy] = [sx + ring[i][0], sy + ring[i][1]];
    });
  }
  return a !== 0 ? [x / (3 * a), y / (3 * a)] : [sx / n, sy / n];
}

/** Twice the signed area of a ring and its first moments times 6 (shoelace sums). */
function ringMoments(ring: Position[]): { a: number; x: number; y: number } {
  let a = 0, x = 0, y = 0;
  // Relative to the ring's first vertex: no cancellation in the cross products.
  const [x0, y0] = ring[0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i][0] - x0, ay = ring[i][1] - y0;
    const bx = ring[i + 1][0] - x0, by = ring[i + 1][1] - y0;
    const cross = ax * by - bx * ay;
    a += cross;
    x += (ax + bx + 3 * x0) * cross;
    y += (ay + by + 3 * y0) * cross;
  }
  return { a, x, y };
}
