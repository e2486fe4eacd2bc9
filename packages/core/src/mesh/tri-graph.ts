import { floodFill } from './flood-fill.ts';
import { centroid, triangleArea, type AreaMesh } from './area-mesh.ts';

/**
 * The inside triangles of an {@link AreaMesh} as a graph: local ids 0…n-1, three neighbours
 * each (across edges that are not ring edges), corners, centroid and planar area.
 * Flat typed arrays with stride 3 for the per-edge fields.
 */
export interface TriGraph {
  n: number;
  /** Number of mesh points (corner ids are below it). */
  points: number;
  /** Mesh triangle id of each local triangle. */
  tri: Int32Array;
  /** Local neighbour across edge j (corner j → corner j+1), or -1; stride 3. */
  nbr: Int32Array;
  /** Mesh point id of each corner; stride 3. */
  corner: Int32Array;
  /** 1 where edge j lies on a cut line (a road, river…); stride 3. */
  cut: Uint8Array;
  cx: Float64Array;
  cy: Float64Array;
  /** Planar area in m². */
  area: Float64Array;
}

export function triGraph(mesh: AreaMesh): TriGraph {
  const { triangles, halfedges, inside, onRing, xy } = mesh;
  const local = new Int32Array(inside.length).fill(-1);
  let n = 0;
  for (let t = 0; t < inside.length; t++) if (inside[t]) local[t] = n++;
  const g: TriGraph = {
    n,
    points: xy.length / 2,
    tri: new Int32Array(n),
    nbr: new Int32Array(3 * n),
    corner: new Int32Array(3 * n),
    cut: new Uint8Array(3 * n),
    cx: new Float64Array(n),
    cy: new Float64Array(n),
    area: new Float64Array(n),
  };
  for (let t = 0; t < inside.length; t++) {
    const i = local[t];
    if (i < 0) continue;
    g.tri[i] = t;
    [g.cx[i], g.cy[i]] = centroid(triangles, xy, t);
    g.area[i] = triangleArea(triangles, xy, t);
    for (let j = 0; j < 3; j++) {
      const e = 3 * t + j;
      const twin = halfedges[e];
      g.corner[3 * i + j] = triangles[e];
      g.cut[3 * i + j] = mesh.onCut[e];
      g.nbr[3 * i + j] = twin < 0 || onRing[e] ? -1 : local[Math.floor(twin / 3)];
    }
  }
  return g;
}

/** Connected components over neighbour links: component id per triangle, and the count. */
export function components(g: TriGraph): { id: Int32Array; count: number } {
  const id = new Int32Array(g.n).fill(-1);
  let count = 0;
  const next = (t: number, j: number): number => g.nbr[3 * t + j];
  for (let s = 0; s < g.n; s++) if (id[s] < 0) floodFill(s, count++, id, next);
  return { id, count };
}
