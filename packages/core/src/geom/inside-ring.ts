import type { Position } from 'geojson';

/**
 * Whether (x, y) is inside a ring, by the even–odd rule (a ray to +x crosses the ring an odd
 * number of times); the ring may be open or closed, and points on an edge fall either way.
 */
export function insideRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
