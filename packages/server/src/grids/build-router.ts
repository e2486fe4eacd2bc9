import { createRouter, routerFromIndex, type GridSet, type PathEntry, type Router, type RouterIndex } from '@citygrid/core';
import { MAX_ROUTE_DISTANCE_M } from './route-schemas.ts';

/** A unit above the grids (district, town), as the boundaries table holds it. */
export type HierarchyUnit = PathEntry & { parent: string | null };

/**
 * The one router the store routes every report and query with, built when grids load or are
 * replaced and rebuilt when the boundaries (the hierarchy `path` follows) change; never per
 * request. Its maxDistance is the API's ceiling, so one router serves every per-request
 * distance: a `nearest` answer farther than asked is turned back into `outside` by
 * `routeWithin`, which gives exactly what a router built with the smaller distance would.
 * Route through `routeWithin` only, never `router.route` directly.
 *
 * @param units the boundaries' `{ id, name, level, parent }`
 */
export function buildRouter(gridSet: GridSet, units: readonly HierarchyUnit[]): Router {
  return createRouter(gridSet, { hierarchy: units, maxDistance: MAX_ROUTE_DISTANCE_M });
}

/**
 * {@link buildRouter}'s router over an index built elsewhere (a worker of the geometry pool:
 * checkGrids or buildIndex): only the ranks and hierarchy paths are made here.
 * @example const router = routerOfIndex(gridSet, checked.index, grids.hierarchy());
 */
export function routerOfIndex(gridSet: GridSet, index: RouterIndex, units: readonly HierarchyUnit[]): Router {
  return routerFromIndex(gridSet, index, { hierarchy: units, maxDistance: MAX_ROUTE_DISTANCE_M });
}
