import type { GridGeometry } from '../types.ts';
import { metresPerDegree } from './local-metres.ts';

/**
 * Length in metres of every ring of a Polygon or MultiPolygon (holes included), each edge
 * measured in the WGS84 local frame at its middle latitude: within 1e-8 of the geodesic for
 * edges of a few kilometres.
 * @example perimeter({ type: 'Polygon', coordinates: [[[109, 32.7], [109.001, 32.7], [109.001, 32.701], [109, 32.7]]] })
 */
export function perimeter(geometry: GridGeometry): number {
  let total = 0;
  for (const rings of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i], ring[i + 1]];
        const { kx, ky } = metresPerDegree((a[1] + b[1]) / 2);
        total += Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
      }
    }
  }
  return total;
}
