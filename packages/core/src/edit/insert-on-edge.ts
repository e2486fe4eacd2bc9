import type { Position } from 'geojson';
import type { GridGeometry } from '../types.ts';

/**
 * The geometry with `points` inserted into every ring edge that joins `a` and `b` exactly
 * (either way round), ordered from a to b as given: the same vertices added on both sides of a
 * shared border keep it vertex-identical. Returns the same object when no edge matched.
 */
export function insertOnEdge(geometry: GridGeometry, a: Position, b: Position, points: Position[]): GridGeometry {
  let changed = false;
  const fix = (ring: Position[]): Position[] => {
    const out: Position[] = [ring[0]];
    for (let i = 1; i < ring.length; i++) {
      const p = ring[i - 1],
        q = ring[i];
      if (same(p, a) && same(q, b)) {
        out.push(...points);
        changed = true;
      } else if (same(p, b) && same(q, a)) {
        out.push(...[...points].reverse());
        changed = true;
      }
      out.push(q);
    }
    return out;
  };
  const result: GridGeometry =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: geometry.coordinates.map(fix) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map(fix)) };
  return changed ? result : geometry;
}

/** Whether some ring of the geometry has an edge joining a and b exactly, either way round. */
export function hasEdge(geometry: GridGeometry, a: Position, b: Position): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) =>
    rings.some((ring) => ring.some((p, i) => i > 0 && ((same(ring[i - 1], a) && same(p, b)) || (same(ring[i - 1], b) && same(p, a))))),
  );
}

export function same(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}
