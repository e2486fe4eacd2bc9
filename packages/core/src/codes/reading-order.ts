import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import { geometryOf, type GridLike } from '../geom/geometry-of.ts';
import { centroid } from '../geom/centroid.ts';
import { metresPerDegree } from '../geom/local-metres.ts';
import { CitygridError } from '../errors.ts';

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
  if (!(h > 0)) throw CitygridError.of('CG_ERR_OPTION', {}, `readingOrder: rowHeight_m must be > 0 metres, got ${h}`);
  const c = geometries.map(centroid);
  const lats = c.map((p) => p[1]);
  // Loops, not Math.max(...lats): a spread of 200,000 arguments overflows the stack.
  const north = lats.reduce((m, v) => Math.max(m, v), -Infinity);
  const { ky } = metresPerDegree((north + lats.reduce((m, v) => Math.min(m, v), Infinity)) / 2);
  const row = c.map((p) => Math.floor(((north - p[1]) * ky) / h));
  return c.map((_, i) => i).sort((a, b) => row[a] - row[b] || c[a][0] - c[b][0] || c[b][1] - c[a][1] || a - b);
}
