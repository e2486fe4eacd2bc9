import RBush from 'rbush';
import type { Polygon } from 'geojson';
import type { Grid, GridSet } from '../types.ts';

/** One polygon part of one grid, boxed for the R-tree. */
export interface PartEntry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  grid: Grid;
  polygon: Polygon;
}

const cache = new WeakMap<GridSet, RBush<PartEntry>>();

/**
 * R-tree over every polygon *part* of a grid set, built once per set and cached.
 * Parts, not grids: a multi-part grid's bbox spans all its distant parts and would make it a
 * candidate for every point in between.
 * @example gridIndex(gridSet).search({ minX: 109, minY: 32.7, maxX: 109, maxY: 32.7 })
 */
export function gridIndex(gridSet: GridSet): RBush<PartEntry> {
  let tree = cache.get(gridSet);
  if (tree) return tree;
  const entries: PartEntry[] = [];
  for (const grid of gridSet.grids) {
    const parts = grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates;
    for (const rings of parts) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [x, y] of rings[0]) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      entries.push({ minX, minY, maxX, maxY, grid, polygon: { type: 'Polygon', coordinates: rings } });
    }
  }
  tree = new RBush<PartEntry>().load(entries);
  cache.set(gridSet, tree);
  return tree;
}
