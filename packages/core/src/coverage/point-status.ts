import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';
import type { GridGeometry } from '../types.ts';

export const OUTSIDE = 0;
export const NEAR = 1;
export const INSIDE = 2;

/**
 * Where a point lies relative to a polygon: within `tolM` metres of its boundary (NEAR), else
 * inside or outside (even–odd over all rings of all parts).
 */
export function pointStatus(geometry: GridGeometry, x: number, y: number, tolM: number): number {
  const { kx, ky } = metresPerDegree(y);
  // An edge whose box is farther than the tolerance (plus 1 µm, far above rounding in either
  // test) cannot be within it: skip the distance, the costly part (most edges are far away).
  const tx = (tolM + 1e-6) / kx,
    ty = (tolM + 1e-6) / ky;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i],
          b = ring[j];
        if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
        if (
          x < Math.min(a[0], b[0]) - tx ||
          x > Math.max(a[0], b[0]) + tx ||
          y < Math.min(a[1], b[1]) - ty ||
          y > Math.max(a[1], b[1]) + ty
        )
          continue;
        if (segmentDistance(x, y, a[0], a[1], b[0], b[1], kx, ky) <= tolM) return NEAR;
      }
    }
  }
  return inside ? INSIDE : OUTSIDE;
}
