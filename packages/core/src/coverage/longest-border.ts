import type { Position } from 'geojson';
import { metresPerDegree } from '../geom/local-metres.ts';
import type { GridGeometry } from '../types.ts';
import { insideRing } from '../geom/inside-ring.ts';
import { signedArea } from './rings.ts';

// How far across each edge of a piece to look for the neighbour, in degrees: 1e-9° is 0.1 mm,
// far above the 1e-14° rounding of coordinates near 110°E and far below any piece we measure
// (pieces narrower than 2 cm are mismatched edges, not areas).
const PROBE_DEG = 1e-9;

/**
 * Metres of a piece's boundary shared with each candidate: for every edge of the piece, the
 * point just outside its midpoint is tested against the candidates; the edge's length goes to
 * the (first) candidate containing it. For an overlap piece the candidates are the grids that
 * hold it, and "shared" means bordering the rest of that grid; for a gap, its neighbours.
 *
 * @returns metres per candidate index, in the order given
 */
export function sharedBorders(piece: Position[][], candidates: GridGeometry[]): number[] {
  const lengths = candidates.map(() => 0);
  piece.forEach((ring, r) => {
    // Outer rings keep the piece on the left when counter-clockwise, holes on the right.
    const ccw = signedArea(ring) > 0;
    const insideLeft = (r === 0) === ccw;
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k],
        [bx, by] = ring[k + 1];
      const { kx, ky } = metresPerDegree((ay + by) / 2);
      const dx = (bx - ax) * kx,
        dy = (by - ay) * ky;
      const len = Math.hypot(dx, dy);
      if (len === 0) continue;
      // Unit normal to the right of a→b in metres, back to degrees.
      const side = insideLeft ? 1 : -1;
      const px = (ax + bx) / 2 + ((side * dy) / len) * PROBE_DEG * (ky / kx);
      const py = (ay + by) / 2 - ((side * dx) / len) * PROBE_DEG;
      const hit = candidates.findIndex((g) => contains(g, px, py));
      if (hit >= 0) lengths[hit] += len;
    }
  });
  return lengths;
}

/** Even–odd point in polygon over every ring of every part. */
export function contains(geometry: GridGeometry, x: number, y: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) for (const ring of rings) if (insideRing(ring, x, y)) inside = !inside;
  return inside;
}
