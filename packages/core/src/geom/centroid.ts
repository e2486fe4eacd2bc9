import type { Position } from 'geojson';
import type { GridGeometry, LonLat } from '../types.ts';

/**
 * Area-weighted centroid `[lon, lat]` of all parts, holes subtracted whatever their winding
 * (planar in degrees: the same point as in a local metric frame, which differs by an affine
 * map). A grid of zero area falls back to the mean of its vertices.
 *
 * @example centroid(town.geometry); // [lon, lat]
 */
export function centroid(g: GridGeometry): LonLat {
  let a = 0,
    x = 0,
    y = 0,
    n = 0,
    sx = 0,
    sy = 0;
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
  let a = 0,
    x = 0,
    y = 0;
  // Relative to the ring's first vertex: no cancellation in the cross products.
  const [x0, y0] = ring[0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i][0] - x0,
      ay = ring[i][1] - y0;
    const bx = ring[i + 1][0] - x0,
      by = ring[i + 1][1] - y0;
    const cross = ax * by - bx * ay;
    a += cross;
    x += (ax + bx + 3 * x0) * cross;
    y += (ay + by + 3 * y0) * cross;
  }
  return { a, x, y };
}
