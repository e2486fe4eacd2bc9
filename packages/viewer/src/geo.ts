/** Small planar helpers on lon/lat polygons for display only (labels, view fitting). */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/** `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type BBox = [number, number, number, number];

/**
 * The bounding box of polygon features, or null when there are none.
 * @example bboxOfFeatures(grids.features) // [108.98, 32.68, 109.03, 32.72]
 */
export function bboxOfFeatures(features: readonly Feature<Polygon | MultiPolygon | null>[]): BBox | null {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    if (!f.geometry) continue;
    for (const ring of outerRings(f.geometry)) {
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
  }
  return b[0] <= b[2] ? b : null;
}

/**
 * Where a grid's label goes: the area centroid of its largest part when that lies inside the
 * part, else the middle of the widest horizontal chord through it (concave grids: an L-shaped
 * community's centroid can fall in its neighbour).
 *
 * @returns `[lon, lat]` in degrees
 */
export function labelAnchor(geometry: Polygon | MultiPolygon): [number, number] {
  let best: Position[] = [];
  let bestArea = -1;
  for (const ring of outerRings(geometry)) {
    const a = Math.abs(signedArea(ring));
    if (a > bestArea) [best, bestArea] = [ring, a];
  }
  const c = centroid(best);
  if (insideRing(c, best)) return c;
  return widestChordMiddle(best, c[1]) ?? c;
}

function outerRings(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

function centroid(ring: Position[]): [number, number] {
  // Relative to the first vertex: products of raw lon × lat (~3600) cancel to ~1e-8° noise.
  const [ox, oy] = ring[0];
  const local = ring.map(([x, y]) => [x - ox, y - oy]);
  const a = signedArea(local);
  if (a === 0) return [ox, oy];
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = local.length - 1; i < local.length; j = i++) {
    const f = local[j][0] * local[i][1] - local[i][0] * local[j][1];
    cx += (local[j][0] + local[i][0]) * f;
    cy += (local[j][1] + local[i][1]) * f;
  }
  return [ox + cx / (6 * a), oy + cy / (6 * a)];
}

function insideRing([x, y]: [number, number], ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function widestChordMiddle(ring: Position[], y: number): [number, number] | null {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1] - xs[k] > width) [width, best] = [xs[k + 1] - xs[k], [(xs[k] + xs[k + 1]) / 2, y]];
  }
  return best;
}
