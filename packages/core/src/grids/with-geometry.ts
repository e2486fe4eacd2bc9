import bboxOf from '@turf/bbox';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { BBox, Grid, GridGeometry } from '../types.ts';

/** The grid with a new geometry, its bbox and ellipsoidal area recomputed; the rest kept. */
export function withGeometry(grid: Grid, geometry: GridGeometry): Grid {
  return { ...grid, geometry, bbox: bboxOf(geometry) as BBox, area_m2: ellipsoidalArea(geometry) };
}
