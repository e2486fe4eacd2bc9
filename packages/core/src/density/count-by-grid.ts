import type { GridSet } from '../types.ts';
import { routePoint } from '../routing/route-point.ts';

/** Count of points in one grid, with the density a choropleth shows. */
export interface GridCount {
  id: string;
  name: string;
  count: number;
  area_m2: number;
  /** Points per km² of the grid's ellipsoidal area. */
  per_km2: number;
}

/**
 * Routes each point and counts points per grid; grids without points are listed with 0.
 * @returns one row per grid in grid-set order, and how many points fell outside every grid
 * @example countByGrid(gridSet, [{ lon: 109.03, lat: 32.69 }]).counts[0].per_km2
 */
export function countByGrid(gridSet: GridSet, points: Iterable<{ lon: number; lat: number }>): { counts: GridCount[]; outside: number } {
  const tally = new Map<string, number>();
  let outside = 0;
  for (const p of points) {
    const grid = routePoint(gridSet, p.lon, p.lat);
    if (grid) tally.set(grid.id, (tally.get(grid.id) ?? 0) + 1);
    else outside++;
  }
  const counts = gridSet.grids.map((g) => {
    const count = tally.get(g.id) ?? 0;
    return { id: g.id, name: g.name, count, area_m2: g.area_m2, per_km2: g.area_m2 > 0 ? count / (g.area_m2 / 1e6) : 0 };
  });
  return { counts, outside };
}
