import type { Position } from 'geojson';
import type { GridGeometry, LonLat } from '../types.ts';
import { centroid } from './centroid.ts';
import { insideRing } from './inside-ring.ts';

/**
 * A point `[lon, lat]` inside the geometry (not on its border): the centroid when it lies
 * inside, else the middle of the widest stretch of a horizontal line through the largest part.
 * What "the unit containing this area" is decided by: a C- or L-shaped street's centroid can
 * lie in its neighbour, its interior point never does.
 *
 * @param geometry Polygon or MultiPolygon, WGS84 `[lon, lat]` degrees
 * @returns a point inside, or the centroid for a geometry with no area
 * @example interiorPoint(street.geometry); // [lon, lat], inside the street
 */
export function interiorPoint(geometry: GridGeometry): LonLat {
  const c = centroid(geometry);
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (parts.some((rings) => insidePolygon(rings, c[0], c[1]))) return c;
  let best: { width: number; point: LonLat } | null = null;
  for (const rings of parts) {
    if (!rings[0] || rings[0].length < 4) continue;
    // Through the part's own centroid, and through the middle of its box: one of them crosses it.
    const own = centroid({ type: 'Polygon', coordinates: rings });
    const [minY, maxY] = latRange(rings[0]);
    for (const y of [own[1], (minY + maxY) / 2]) {
      const found = widestStretch(rings, y);
      if (found && (!best || found.width > best.width)) best = found;
    }
  }
  return best?.point ?? c;
}

function insidePolygon(rings: Position[][], x: number, y: number): boolean {
  return rings.length > 0 && insideRing(rings[0], x, y) && !rings.slice(1).some((hole) => insideRing(hole, x, y));
}

function latRange(ring: Position[]): [number, number] {
  let min = Infinity,
    max = -Infinity;
  for (const p of ring) [min, max] = [Math.min(min, p[1]), Math.max(max, p[1])];
  return [min, max];
}

/** Crossings of the line lat = y with every ring, sorted: inside between each odd and even one. */
function widestStretch(rings: Position[][], y: number): { width: number; point: LonLat } | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i],
        [xj, yj] = ring[j];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: { width: number; point: LonLat } | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1] - xs[k];
    if (width > 0 && (!best || width > best.width)) best = { width, point: [(xs[k] + xs[k + 1]) / 2, y] };
  }
  return best;
}
