import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CitygridError } from '../errors.ts';

/**
 * The polygons of an area (Polygon or MultiPolygon, or a Feature of one), after checking what
 * cheap checks can: the type, rings of ≥ 4 closed positions, finite lon/lat in range. Ring
 * vertices are not copied: their values reach the output bit for bit.
 * @throws CitygridError CG_ERR_GEOMETRY_TYPE, CG_ERR_INVALID_GEOJSON, CG_ERR_RING_TOO_SHORT,
 *   CG_ERR_RING_UNCLOSED, CG_ERR_COORD_NOT_NUMBER, CG_ERR_COORD_OUT_OF_RANGE
 */
export function areaPolygons(area: Polygon | MultiPolygon | { type: 'Feature'; geometry: Polygon | MultiPolygon }): Position[][][] {
  const geometry = (area as { type?: unknown })?.type === 'Feature' ? (area as { geometry: Polygon | MultiPolygon }).geometry : area;
  const type = (geometry as { type?: unknown } | null)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    throw CitygridError.of('CG_ERR_GEOMETRY_TYPE', {}, geometry === null ? 'null geometry' : String(type));
  const polygons = type === 'Polygon' ? [(geometry as Polygon).coordinates] : (geometry as MultiPolygon).coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0 || polygons.some((p) => !Array.isArray(p) || p.length === 0)) {
    throw CitygridError.of('CG_ERR_INVALID_GEOJSON', {}, `${type} has no coordinates`);
  }
  polygons.forEach((rings, p) => {
    rings.forEach((ring, r) => {
      checkRing(ring, polygons.length > 1 ? `${p}.${r}` : String(r));
    });
  });

  return polygons;
}

function checkRing(ring: Position[], name: string): void {
  if (!Array.isArray(ring) || ring.length < 4)
    throw CitygridError.of('CG_ERR_RING_TOO_SHORT', {}, name, Array.isArray(ring) ? ring.length : 0);
  ring.forEach((p, i) => {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      throw CitygridError.of('CG_ERR_COORD_NOT_NUMBER', {}, name, i, JSON.stringify(p));
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) throw CitygridError.of('CG_ERR_COORD_OUT_OF_RANGE', {}, JSON.stringify(p));
  });
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) throw CitygridError.of('CG_ERR_RING_UNCLOSED', {}, name, JSON.stringify(a), JSON.stringify(b));
}
