import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Grid, GridSet } from '../types.ts';
import { gridIndex } from './grid-index.ts';

/**
 * The grid a WGS84 point falls in, or null when it is outside every grid.
 *
 * Boundary rule: a point on a grid's boundary counts as inside it; when several grids claim
 * the point (a shared edge or vertex, or overlapping input) the grid with the smallest id in
 * code-point order wins, so the answer never depends on the order the grids were given in.
 *
 * @param lon longitude in degrees, WGS84
 * @param lat latitude in degrees, WGS84
 * @example routePoint(gridSet, 109.03, 32.69)?.id // '610902001001001'
 */
export function routePoint(gridSet: GridSet, lon: number, lat: number): Grid | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  let best: Grid | null = null;
  for (const part of gridIndex(gridSet).search({ minX: lon, minY: lat, maxX: lon, maxY: lat })) {
    if (best !== null && part.grid.id >= best.id) continue;
    if (booleanPointInPolygon([lon, lat], part.polygon)) best = part.grid;
  }
  return best;
}
