import type { AreaMesh } from './area-mesh.ts';
import type { TriGraph } from './tri-graph.ts';

/**
 * The local triangle (TriGraph id) holding each point, or -1 outside the area. Points are
 * visited in Z-order and each walk starts from the previous point's triangle, so walks are a
 * few steps long: 200,000 points in ~50 ms. The walk crosses any edge the point lies beyond,
 * trying the three edges from a rotating start (a deterministic "stochastic walk", which cannot
 * cycle in a constrained triangulation as the plain visibility walk can); points outside the
 * triangulated hull stop at its border.
 *
 * @param xy points in the mesh's planar frame, flat
 */
export function locatePoints(mesh: AreaMesh, g: TriGraph, xy: Float64Array): Int32Array {
  const n = xy.length / 2;
  const local = new Int32Array(mesh.triangles.length / 3).fill(-1);
  for (let i = 0; i < g.n; i++) local[g.tri[i]] = i;
  const out = new Int32Array(n).fill(-1);
  const sign = orientationSign(mesh);
  let t = 0;
  for (const i of zOrder(xy)) {
    const found = walk(mesh, xy[2 * i], xy[2 * i + 1], t, sign);
    if (found < 0) continue;
    t = found;
    out[i] = local[found];
  }
  return out;
}

/** Sum of the weights of the points in each local triangle. */
export function loadPerTriangle(g: TriGraph, pointTri: Int32Array, weight: ArrayLike<number>): Float64Array {
  const load = new Float64Array(g.n);
  for (let i = 0; i < pointTri.length; i++) if (pointTri[i] >= 0) load[pointTri[i]] += weight[i];
  return load;
}

function orient(xy: Float64Array, a: number, b: number, x: number, y: number): number {
  return (xy[2 * b] - xy[2 * a]) * (y - xy[2 * a + 1]) - (xy[2 * b + 1] - xy[2 * a + 1]) * (x - xy[2 * a]);
}

/** +1 if the mesh's triangles turn counter-clockwise in its frame, -1 if clockwise. */
function orientationSign(mesh: AreaMesh): number {
  const [a, b, c] = mesh.triangles;
  return orient(mesh.xy, a, b, mesh.xy[2 * c], mesh.xy[2 * c + 1]) > 0 ? 1 : -1;
}

/** Mesh triangle holding (x, y), walking from `start`; -1 outside the hull. */
function walk(mesh: AreaMesh, x: number, y: number, start: number, sign: number): number {
  const { triangles, halfedges, xy } = mesh;
  const limit = 4 * Math.sqrt(triangles.length) + 1000;
  let t = start;
  for (let step = 0; step < limit; step++) {
    let crossed = false;
    for (let j = 0; j < 3; j++) {
      const e = 3 * t + ((j + step) % 3);
      const next = e % 3 === 2 ? e - 2 : e + 1;
      if (sign * orient(xy, triangles[e], triangles[next], x, y) >= 0) continue;
      const twin = halfedges[e];
      if (twin < 0) return -1;
      t = Math.floor(twin / 3);
      crossed = true;
      break;
    }
    if (!crossed) return t;
  }
  return scan(mesh, x, y, sign);
}

/** Fallback for a walk that did not arrive: test every triangle. */
function scan(mesh: AreaMesh, x: number, y: number, sign: number): number {
  const { triangles, xy } = mesh;
  for (let t = 0; t < triangles.length / 3; t++) {
    const [a, b, c] = [triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]];
    if (sign * orient(xy, a, b, x, y) >= 0 && sign * orient(xy, b, c, x, y) >= 0 && sign * orient(xy, c, a, x, y) >= 0) return t;
  }
  return -1;
}

/** Point indices sorted by their Morton code on a 2^16 grid over the points' box. */
function zOrder(xy: Float64Array): Uint32Array {
  const n = xy.length / 2;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const sx = 65535 / Math.max(maxX - minX, 1e-9),
    sy = 65535 / Math.max(maxY - minY, 1e-9);
  const code = (i: number) => interleave(Math.floor((xy[2 * i] - minX) * sx)) * 2 + interleave(Math.floor((xy[2 * i + 1] - minY) * sy));
  if (n >= 2 ** 21) return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => code(a) - code(b) || a - b);
  // Code and index packed in one double (32 + 21 bits): a typed-array sort without a comparator
  // is several times faster than sorting indices by a key.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = code(i) * 2 ** 21 + i;
  packed.sort();
  return Uint32Array.from(packed, (v) => v % 2 ** 21);
}

/** The 16 bits of v spread to the even bits of a 32-bit number. */
function interleave(v: number): number {
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}
