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
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i], b = ring[j];
        if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
        if (segmentDistance(x, y, a[0], a[1], b[0], b[1], kx, ky) <= tolM) return NEAR;
      }
    }
  }
  return inside ? INSIDE : OUTSIDE;
}
