import type { Position } from 'geojson';
import { metresPerDegree } from '../../geom/local-metres.ts';

/**
 * Area in m² of a problem piece, with its edges straight in lon/lat (as they were clipped):
 * the shoelace sum in degrees, scaled by metres per degree at the piece's area-weighted
 * centroid latitude, where the first-order change of scale cancels (error ~ (Δφ·tan φ)², under
 * 1e-6 for a piece 0.1° tall). `ellipsoidalArea` draws edges straight in the authalic
 * projection instead: on a 4 km × 8 m sliver the two differ by 0.7 %, all from the definition.
 */
export function pieceArea(rings: Position[][]): number {
  let area = 0,
    moment = 0;
  rings.forEach((ring, r) => {
    const x0 = ring[0][0],
      y0 = ring[0][1];
    let a = 0,
      my = 0;
    for (let i = 1; i + 1 < ring.length; i++) {
      const bx = ring[i][0] - x0,
        by = ring[i][1] - y0,
        cx = ring[i + 1][0] - x0,
        cy = ring[i + 1][1] - y0;
      const t = (bx * cy - cx * by) / 2;
      a += t;
      my += (t * (ring[0][1] + ring[i][1] + ring[i + 1][1])) / 3;
    }
    const sign = r === 0 ? 1 : -1;
    area += sign * Math.abs(a);
    moment += sign * Math.sign(a) * my;
  });
  if (area === 0) return 0;
  const { kx, ky } = metresPerDegree(moment / area);
  return Math.abs(area) * kx * ky;
}
