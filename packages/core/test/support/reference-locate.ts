import { orient2d } from 'robust-predicates';
import type { GridSet } from '../../src/index.ts';

/**
 * Brute-force reference for the router: every ring of every grid, no index, straight from
 * the GeoJSON. The half-open crossing rule is written out independently of the router's
 * code so a bug in either shows up as a mismatch.
 * @returns the claiming grids' indexes under the half-open rule, and those whose boundary holds the point
 */
export function referenceClaims(gridSet: GridSet, x: number, y: number): { claims: number[]; onBoundary: number[] } {
  const claims: number[] = [];
  const onBoundary: number[] = [];
  gridSet.grids.forEach((grid, g) => {
    const [x0, y0, x1, y1] = grid.bbox;
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) return; // a plain bbox check (NaN fails it): no index
    const polygons = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
    let claimed = false;
    let boundary = false;
    for (const rings of polygons) {
      let odd = false;
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          let [ax, ay] = ring[i];
          let [bx, by] = ring[i + 1];
          if (ay > by || (ay === by && ax > bx)) [ax, ay, bx, by] = [bx, by, ax, ay];
          if (y < ay || y > by) continue;
          if (ay === by) {
            if (x >= ax && x <= bx) boundary = true;
            continue;
          }
          const o = orient2d(ax, ay, bx, by, x, y);
          if (o === 0) boundary = true;
          else if (o < 0 && y < by) odd = !odd;
        }
      }
      if (odd) claimed = true;
    }
    if (claimed) claims.push(g);
    if (boundary) onBoundary.push(g);
  });
  return { claims, onBoundary };
}

/** The grid the router must answer: lowest id among claims, else lowest id on whose boundary the point is. */
export function referenceLocate(gridSet: GridSet, x: number, y: number): number {
  const { claims, onBoundary } = referenceClaims(gridSet, x, y);
  const pick = claims.length ? claims : onBoundary;
  let best = -1;
  for (const g of pick) if (best < 0 || gridSet.grids[g].id < gridSet.grids[best].id) best = g;
  return best;
}
