import type { TriGraph } from './tri-graph.ts';

/**
 * The triangles around each mesh point, compressed: ids at tri[start[p] … start[p+1]),
 * ascending. A region test then walks the ~6 triangles at a vertex instead of the region.
 */
export function vertexStars(g: TriGraph): [Int32Array, Int32Array] {
  const start = new Int32Array(g.points + 1);
  for (let i = 0; i < 3 * g.n; i++) start[g.corner[i] + 1]++;
  for (let p = 0; p < g.points; p++) start[p + 1] += start[p];
  const tri = new Int32Array(3 * g.n);
  const fill = start.slice(0, g.points);
  for (let i = 0; i < 3 * g.n; i++) tri[fill[g.corner[i]]++] = Math.floor(i / 3);
  return [start, tri];
}
