import type { GridGeometry } from '../types.ts';

/** A grid as the partition functions take it: a geometry, a GeoJSON Feature, or a parsed Grid. */
export type GridLike = GridGeometry | { geometry: GridGeometry };

/** The Polygon or MultiPolygon of a {@link GridLike}; throws naming what it got otherwise. */
export function geometryOf(grid: GridLike, index: number): GridGeometry {
  const g = grid && 'geometry' in grid ? grid.geometry : grid;
  const type = (g as { type?: unknown } | null)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    throw new TypeError(
      `grid ${index}: expected a Polygon or MultiPolygon (or a Feature of one), got ${g === null ? 'null' : String(type)}`,
    );
  return g as GridGeometry;
}
