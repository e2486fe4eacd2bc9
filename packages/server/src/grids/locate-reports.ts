import type { Router } from '@citygrid/core';

/**
 * The grid id of each WGS84 point (null outside every grid, or without grids), in order, by
 * the router's batch lookup: no nearest-grid slack, the same answers as `route` with
 * maxDistance 0.
 *
 * @param lons longitudes, WGS84 degrees
 * @param lats latitudes, same length
 */
export function locateReports(router: Router | null, lons: ArrayLike<number>, lats: ArrayLike<number>): (string | null)[] {
  const n = lons.length;
  if (!router) return new Array<null>(n).fill(null);
  const coords = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    coords[2 * i] = lons[i];
    coords[2 * i + 1] = lats[i];
  }
  const found = router.routeBatch(coords);
  const grids = router.gridSet.grids;
  return Array.from(found, (g) => (g < 0 ? null : grids[g].id));
}
