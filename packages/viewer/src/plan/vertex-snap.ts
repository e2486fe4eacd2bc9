/**
 * Snapping to existing grid vertices, so a line drawn or a vertex dragged onto a neighbour's
 * corner lands on it bit for bit (not 0.3 px off, which validateCoverage would report as a
 * sliver or a mismatched border). Vertices are deduplicated and sorted by longitude once per
 * edit; a query binary-searches the longitude window, then scans it: O(log n + k).
 */
import type { GridSet } from '@citygrid/core';
import type { Position } from 'geojson';

/** A built index; see {@link createVertexIndex}. */
export interface VertexIndex {
  /** Distinct vertices. */
  readonly size: number;
  /**
   * The vertex nearest to (lon, lat) within `dx` degrees of longitude and `dy` of latitude
   * (distance measured in those units: pass the pixel radius converted at the pointer), or null.
   * @param skip a vertex to ignore (the one being dragged)
   */
  nearest(lon: number, lat: number, dx: number, dy: number, skip?: Position): Position | null;
}

// Flat [lon, lat, lon, lat, …], sorted by lon: stride 2, no objects on the hot path.
const STRIDE = 2;

/**
 * Indexes every vertex of every ring of a grid set.
 * @example createVertexIndex(gs).nearest(109.01, 32.71, 1e-4, 1e-4) // [109.01, 32.71]
 */
export function createVertexIndex(gridSet: GridSet): VertexIndex {
  const seen = new Set<string>();
  const points: Position[] = [];
  for (const g of gridSet.grids) {
    const rings = g.geometry.type === 'Polygon' ? g.geometry.coordinates : g.geometry.coordinates.flat();
    for (const ring of rings) {
      for (const p of ring) {
        const key = `${p[0]},${p[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        points.push(p);
      }
    }
  }
  points.sort((a, b) => a[0] - b[0]);
  const xy = new Float64Array(points.length * STRIDE);
  points.forEach((p, i) => {
    xy[i * STRIDE] = p[0];
    xy[i * STRIDE + 1] = p[1];
  });
  const n = points.length;
  return {
    size: n,
    nearest(lon, lat, dx, dy, skip) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (xy[mid * STRIDE] < lon - dx) lo = mid + 1;
        else hi = mid;
      }
      let best = -1;
      let bestD = 1; // normalised: inside the ellipse of radii dx, dy
      for (let i = lo; i < n && xy[i * STRIDE] <= lon + dx; i++) {
        const x = xy[i * STRIDE];
        const y = xy[i * STRIDE + 1];
        if (skip && x === skip[0] && y === skip[1]) continue;
        const d = ((x - lon) / dx) ** 2 + ((y - lat) / dy) ** 2;
        if (d <= bestD) [best, bestD] = [i, d];
      }
      return best < 0 ? null : [xy[best * STRIDE], xy[best * STRIDE + 1]];
    },
  };
}
