import { createRouter, routerIndex, type FlatGrids, type Grid, type GridSet, type RouterIndex } from '@citygrid/core';

/** What {@link buildIndex} takes: the grids' polygons on flat arrays, and each grid's id and bbox. */
export interface IndexArgs {
  /** flattenGrids of the grid set: in shared memory, so posting it copies nothing. */
  flat: FlatGrids;
  /** Each grid's id (ranks overlaps and ties) and bbox (checks the flat arrays), in order. */
  grids: Array<Pick<Grid, 'id' | 'bbox'>>;
}

/**
 * A router's lookup index (routerIndex) built from flat arrays, without the GeoJSON: what a
 * worker of the geometry pool is sent to index a version (cloning 10k grids' GeoJSON to it
 * cost more than building the router). The main thread makes the whole router over it with
 * routerFromIndex (grids/build-router.ts: routerOfIndex).
 * @example const router = routerOfIndex(gridSet, buildIndex({ flat: flattenGrids(gridSet), grids: gridSet.grids }), units);
 */
export function buildIndex(args: IndexArgs): RouterIndex {
  // Paths are the main thread's: a grid here has no parent and climbs nothing.
  const grids = args.grids.map(({ id, bbox }) => ({ id, bbox, parent: null, level: 0 }) as unknown as Grid);
  const gridSet: GridSet = { grids, byId: new Map(), idField: 'id' };
  return routerIndex(createRouter(gridSet, { flat: args.flat }));
}
