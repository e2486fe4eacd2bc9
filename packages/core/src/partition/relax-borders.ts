import type { AreaMesh } from './area-mesh.ts';
import type { TriGraph } from './tri-graph.ts';

/**
 * Straightens the borders between pieces. A lattice leaves zigzag borders wherever they do not
 * run along one of its three directions; here every interior vertex on exactly one border
 * chain (two border edges, two pieces) moves towards the midpoint of its two chain neighbours,
 * then a little away, a few sweeps over (Taubin's λ|μ smoothing along the chain, which does not
 * shrink curves as plain Laplacian smoothing does). A move is kept only if
 * every triangle around the vertex keeps its orientation and at least a fifth of its area, so
 * the triangulation stays a valid tiling: pieces still cover the area exactly, without
 * overlap, with the same shared vertices. Ring vertices (the area's boundary) never move, nor
 * do junctions of three pieces.
 *
 * @returns new point coordinates (lon/lat rounded to 1e-7°, and the matching xy)
 */
export function relaxBorders(g: TriGraph, owner: Int32Array, mesh: AreaMesh, sweeps: number): { lonLat: Float64Array; xy: Float64Array } {
  const xy = Float64Array.from(mesh.xy);
  const chains = borderChains(g, owner, mesh.ringPoints);
  if (chains.size === 0) return { lonLat: mesh.lonLat, xy };
  const star = vertexStars(g, chains);
  const original = new Map<number, number>();
  for (const tris of star.values()) for (const t of tris) original.set(t, signedArea(g, xy, t));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const factor = sweep % 2 ? TAUBIN_MU : TAUBIN_LAMBDA;
    for (const [v, [a, b]] of chains) {
      const x = xy[2 * v], y = xy[2 * v + 1];
      xy[2 * v] = x + factor * ((xy[2 * a] + xy[2 * b]) / 2 - x);
      xy[2 * v + 1] = y + factor * ((xy[2 * a + 1] + xy[2 * b + 1]) / 2 - y);
      if (!star.get(v)!.every((t) => signedArea(g, xy, t) / original.get(t)! >= MIN_AREA_KEPT)) {
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
      }
    }
  }
  const lonLat = Float64Array.from(mesh.lonLat);
  for (const v of chains.keys()) {
    const [lon, lat] = mesh.toLonLat(xy[2 * v], xy[2 * v + 1]);
    lonLat[2 * v] = Math.round(lon * 1e7) / 1e7;
    lonLat[2 * v + 1] = Math.round(lat * 1e7) / 1e7;
    [xy[2 * v], xy[2 * v + 1]] = mesh.toXY(lonLat[2 * v], lonLat[2 * v + 1]);
  }
  revertFlipped(g, star, mesh, lonLat, xy);
  return { lonLat, xy };
}

/**
 * Rounding to 1e-7° moves a vertex by up to a centimetre after its move was checked; should
 * any triangle around a moved vertex have lost its orientation, its corners go back to where
 * they started (repeated until none is left: the starting triangulation was valid).
 */
function revertFlipped(g: TriGraph, star: Map<number, number[]>, mesh: AreaMesh, lonLat: Float64Array, xy: Float64Array): void {
  for (let bad = true; bad;) {
    bad = false;
    for (const tris of star.values()) {
      for (const t of tris) {
        if (signedArea(g, xy, t) < 0) continue;
        bad = true;
        for (let j = 0; j < 3; j++) {
          const p = g.corner[3 * t + j];
          for (const a of [2 * p, 2 * p + 1]) [lonLat[a], xy[a]] = [mesh.lonLat[a], mesh.xy[a]];
        }
      }
    }
  }
}

// Taubin's λ|μ smoothing: a step towards the neighbours' midpoint, then a slightly larger
// step away. Zigzags (high frequency) still vanish, but a border's overall curve no longer
// shrinks as with plain Laplacian steps, which cost small round towns 12–14 % of their area.
const TAUBIN_LAMBDA = 0.5;
const TAUBIN_MU = -0.53;

// A moved triangle keeps at least this share of its area (and its orientation): far from
// degenerate, so rounding the vertex to 1e-7° (1 cm) afterwards cannot flip it.
const MIN_AREA_KEPT = 0.2;

/** Interior vertices lying on exactly two border edges, with their two chain neighbours. */
function borderChains(g: TriGraph, owner: Int32Array, ringPoints: number): Map<number, [number, number]> {
  const links = new Map<number, number[]>();
  const link = (v: number, w: number) => {
    const list = links.get(v);
    if (list) list.push(w);
    else links.set(v, [w]);
  };
  for (let t = 0; t < g.n; t++) {
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < t || owner[u] === owner[t]) continue;
      const a = g.corner[3 * t + j];
      const b = g.corner[3 * t + ((j + 1) % 3)];
      link(a, b);
      link(b, a);
    }
  }
  const chains = new Map<number, [number, number]>();
  for (const [v, list] of links) if (v >= ringPoints && list.length === 2) chains.set(v, [list[0], list[1]]);
  return chains;
}

/** The triangles around each chain vertex. */
function vertexStars(g: TriGraph, chains: Map<number, unknown>): Map<number, number[]> {
  const star = new Map<number, number[]>();
  for (const v of chains.keys()) star.set(v, []);
  for (let t = 0; t < g.n; t++) for (let j = 0; j < 3; j++) star.get(g.corner[3 * t + j])?.push(t);
  return star;
}

function signedArea(g: TriGraph, xy: Float64Array, t: number): number {
  const a = g.corner[3 * t], b = g.corner[3 * t + 1], c = g.corner[3 * t + 2];
  return ((xy[2 * b] - xy[2 * a]) * (xy[2 * c + 1] - xy[2 * a + 1]) - (xy[2 * b + 1] - xy[2 * a + 1]) * (xy[2 * c] - xy[2 * a])) / 2;
}
