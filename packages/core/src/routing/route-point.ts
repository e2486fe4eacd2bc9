import type { Grid, GridSet } from '../types.ts';
import { createRouter, type Router } from './create-router.ts';

const routers = new WeakMap<GridSet, Router>();

/**
 * The grid a WGS84 point falls in, or null when it is outside every grid: a one-call
 * shorthand for {@link createRouter}, whose router is built on first use and cached per grid
 * set. Same border rule: on a shared border the grid to the east (north on an east–west
 * border); overlapping grids, the smallest id.
 *
 * @param lon longitude in degrees, WGS84
 * @param lat latitude in degrees, WGS84
 * @example routePoint(gridSet, 109.03, 32.69)?.id // '610902002003001'
 */
export function routePoint(gridSet: GridSet, lon: number, lat: number): Grid | null {
  let router = routers.get(gridSet);
  if (!router) {
    router = createRouter(gridSet);
    routers.set(gridSet, router);
  }

  const g = router.locate(lon, lat);
  return g < 0 ? null : gridSet.grids[g];
}
