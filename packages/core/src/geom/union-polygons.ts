import * as polyclip from 'polyclip-ts';
import { CitygridError } from '../errors.ts';
import type { GridGeometry } from '../types.ts';

/**
 * The union of polygons: shared borders dissolve, overlaps count once, parts that do not
 * touch stay separate parts. For joining the features of one unit (a service region given as
 * its 12 councils, a town drawn in pieces); exact polygon clipping (polyclip-ts), unlike
 * {@link mergeGrids}, which needs vertex-identical borders but keeps every vertex bit for bit.
 *
 * @param geometries Polygons or MultiPolygons, WGS84 `[lon, lat]` degrees
 * @returns a Polygon when the union is one part, else a MultiPolygon
 * @throws CitygridError CG_ERR_OPTION for an empty list or a union that leaves no area
 * @example unionPolygons(councils.map((c) => c.geometry)); // the service region
 */
export function unionPolygons(geometries: readonly GridGeometry[]): GridGeometry {
  if (geometries.length === 0)
    throw CitygridError.of('CG_ERR_OPTION', {}, 'unionPolygons: expected one or more Polygons or MultiPolygons, got none');
  const geoms = geometries.map((g) => g.coordinates as polyclip.Geom);
  const parts = polyclip.union(geoms[0], ...geoms.slice(1)) as GridGeometry['coordinates'][];
  if (parts.length === 0) throw CitygridError.of('CG_ERR_OPTION', {}, 'unionPolygons: the polygons leave no area (degenerate rings?)');
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] as never } : { type: 'MultiPolygon', coordinates: parts as never };
}
