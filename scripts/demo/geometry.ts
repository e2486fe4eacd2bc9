import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Metres per degree of latitude (sphere of the WGS84 mean radius); enough for demo layout. */
export const M_PER_DEG = 111_195;

/** Polygons of a Polygon or MultiPolygon. */
export function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** `[minLon, minLat, maxLon, maxLat]`. */
export function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const rings of polygonsOf(g)) {
    for (const [x, y] of rings[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * A polygon's rings as flat `Float64Array`s `[x0, y0, x1, y1, …]` (closing position kept), for
 * the hot point-in-polygon loop of the report generator.
 */
export function flatRings(g: Polygon | MultiPolygon): Float64Array[] {
  return polygonsOf(g)
    .flat()
    .map((ring) => Float64Array.from(ring.flatMap((p) => [p[0], p[1]])));
}

/** Even-odd test over all rings (holes and separate parts handled alike). */
export function inFlatRings(x: number, y: number, rings: readonly Float64Array[]): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0; i + 2 < r.length; i += 2) {
      const ay = r[i + 1],
        by = r[i + 3];
      if (ay > y !== by > y && x < r[i] + ((y - ay) * (r[i + 2] - r[i])) / (by - ay)) inside = !inside;
    }
  }
  return inside;
}
