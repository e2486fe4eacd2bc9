import type { Position } from 'geojson';

/**
 * The bounding box of a ring, `[minLon, minLat, maxLon, maxLat]` in its own degrees.
 * @example ringBox([[0, 0], [2, 1], [1, 3], [0, 0]]) // [0, 0, 2, 3]
 */
export function ringBox(ring: readonly Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
