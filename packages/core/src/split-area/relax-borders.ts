import type { AreaMesh } from '../mesh/area-mesh.ts';
import type { TriGraph } from '../mesh/tri-graph.ts';
import { vertexStars } from '../mesh/vertex-stars.ts';

/**
 * Keeps smoothing from undoing a balance: the load points (in the mesh frame), the local
 * triangle each lies in (updated as vertices move), each region's load and target. A vertex
 * move that carries points across a border is kept only if both regions then stay within
 * `tolerance` of their targets, or get closer to them.
 */
export interface LoadGuard {
  xy: Float64Array;
  weight: Float64Array;
  pointTri: Int32Array;
  load: Float64Array;
  target: Float64Array;
  tolerance: number;
}

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
export function relaxBorders(
  g: TriGraph,
  owner: Int32Array,
  mesh: AreaMesh,
  sweeps: number,
  guard?: LoadGuard,
): { lonLat: Float64Array; xy: Float64Array } {
  const xy = Float64Array.from(mesh.xy);
  // Ring vertices stay (the area's boundary), and so do cut-line vertices (a border on a road).
  const chains = borderChains(g, owner, mesh.ringPoints + mesh.cutPoints);
  if (chains.order.length === 0) return { lonLat: mesh.lonLat, xy };
  const [starStart, starTri] = vertexStars(g);
  const star = (v: number) => starTri.subarray(starStart[v], starStart[v + 1]);
  const original = new Float64Array(g.n);
  for (let t = 0; t < g.n; t++) original[t] = signedArea(g, xy, t);
  const inStar = guard && pointsByTriangle(guard, chains.order, star);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const factor = sweep % 2 ? TAUBIN_MU : TAUBIN_LAMBDA;
    for (const v of chains.order) {
      const a = chains.a[v],
        b = chains.b[v];
      const x = xy[2 * v],
        y = xy[2 * v + 1];
      xy[2 * v] = x + factor * ((xy[2 * a] + xy[2 * b]) / 2 - x);
      xy[2 * v + 1] = y + factor * ((xy[2 * a + 1] + xy[2 * b + 1]) / 2 - y);
      const tris = star(v);
      if (!keepsShape(g, xy, tris, original) || (inStar && !keepsBalance(g, owner, xy, tris, guard!, inStar))) {
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
      }
    }
  }
  const lonLat = Float64Array.from(mesh.lonLat);
  for (const v of chains.order) {
    const [lon, lat] = mesh.toLonLat(xy[2 * v], xy[2 * v + 1]);
    lonLat[2 * v] = Math.round(lon * 1e7) / 1e7;
    lonLat[2 * v + 1] = Math.round(lat * 1e7) / 1e7;
    [xy[2 * v], xy[2 * v + 1]] = mesh.toXY(lonLat[2 * v], lonLat[2 * v + 1]);
  }
  revertFlipped(g, chains.order, star, mesh, lonLat, xy);
  return { lonLat, xy };
}

/** Every triangle keeps its orientation and at least MIN_AREA_KEPT of its area. */
function keepsShape(g: TriGraph, xy: Float64Array, tris: Int32Array, original: Float64Array): boolean {
  for (const t of tris) if (!(signedArea(g, xy, t) / original[t] >= MIN_AREA_KEPT)) return false;
  return true;
}

/**
 * Rounding to 1e-7° moves a vertex by up to a centimetre after its move was checked; should
 * any triangle around a moved vertex have lost its orientation, its corners go back to where
 * they started (repeated until none is left: the starting triangulation was valid).
 */
function revertFlipped(
  g: TriGraph,
  order: Int32Array,
  star: (v: number) => Int32Array,
  mesh: AreaMesh,
  lonLat: Float64Array,
  xy: Float64Array,
): void {
  for (let bad = true; bad; ) {
    bad = false;
    for (const v of order) {
      for (const t of star(v)) {
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

/** The load points lying in each triangle of a star (the only ones smoothing can move). */
function pointsByTriangle(guard: LoadGuard, order: Int32Array, star: (v: number) => Int32Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const v of order) for (const t of star(v)) if (!out.has(t)) out.set(t, []);
  guard.pointTri.forEach((t, i) => {
    out.get(t)?.push(i);
  });

  return out;
}

/**
 * With the star's vertex already moved: finds the triangle of the star each of its points now
 * lies in (the star's outline does not move, so each point stays in the star), and accepts the
 * move if the loads it shifts between regions keep both within tolerance or bring them closer;
 * then records the new triangles and loads.
 */
function keepsBalance(
  g: TriGraph,
  owner: Int32Array,
  xy: Float64Array,
  tris: Int32Array,
  guard: LoadGuard,
  inStar: Map<number, number[]>,
): boolean {
  const moves: number[] = [];
  // Load shifted between regions: [region, amount] pairs, few (a star touches two regions).
  const delta: number[] = [];
  for (const t of tris) {
    for (const i of inStar.get(t)!) {
      const u = triangleAt(g, xy, tris, guard.xy[2 * i], guard.xy[2 * i + 1], t);
      if (u === t) continue;
      moves.push(i, u);
      if (owner[u] === owner[t]) continue;
      addTo(delta, owner[t], -guard.weight[i]);
      addTo(delta, owner[u], guard.weight[i]);
    }
  }
  for (let j = 0; j < delta.length; j += 2) {
    const r = delta[j];
    const before = Math.abs(guard.load[r] / guard.target[r] - 1);
    const after = Math.abs((guard.load[r] + delta[j + 1]) / guard.target[r] - 1);
    if (after > guard.tolerance && after > before) return false;
  }
  for (let j = 0; j < delta.length; j += 2) guard.load[delta[j]] += delta[j + 1];
  for (let j = 0; j < moves.length; j += 2) {
    const [i, u] = [moves[j], moves[j + 1]];
    const list = inStar.get(guard.pointTri[i])!;
    list.splice(list.indexOf(i), 1);
    inStar.get(u)!.push(i);
    guard.pointTri[i] = u;
  }
  return true;
}

function addTo(pairs: number[], key: number, value: number): void {
  for (let j = 0; j < pairs.length; j += 2) {
    if (pairs[j] !== key) continue;
    pairs[j + 1] += value;
    return;
  }
  pairs.push(key, value);
}

/** The triangle of `tris` holding (x, y), `fallback` if none does (rounding at an edge). */
function triangleAt(g: TriGraph, xy: Float64Array, tris: Int32Array, x: number, y: number, fallback: number): number {
  if (contains(g, xy, fallback, x, y)) return fallback;
  for (const t of tris) if (t !== fallback && contains(g, xy, t, x, y)) return t;
  return fallback;
}

/** Whether triangle t holds (x, y), edges included. Triangles are clockwise in the y-north frame. */
function contains(g: TriGraph, xy: Float64Array, t: number, x: number, y: number): boolean {
  const a = g.corner[3 * t],
    b = g.corner[3 * t + 1],
    c = g.corner[3 * t + 2];
  return side(xy, a, b, x, y) <= 0 && side(xy, b, c, x, y) <= 0 && side(xy, c, a, x, y) <= 0;
}

function side(xy: Float64Array, p: number, q: number, x: number, y: number): number {
  return (xy[2 * q] - xy[2 * p]) * (y - xy[2 * p + 1]) - (xy[2 * q + 1] - xy[2 * p + 1]) * (x - xy[2 * p]);
}

/**
 * Interior vertices lying on exactly two border edges, in the order the scan over triangles
 * first meets them, with their two chain neighbours (a, b) in the order met.
 */
function borderChains(g: TriGraph, owner: Int32Array, fixedPoints: number): { order: Int32Array; a: Int32Array; b: Int32Array } {
  const degree = new Int32Array(g.points);
  const a = new Int32Array(g.points).fill(-1);
  const b = new Int32Array(g.points).fill(-1);
  const seen: number[] = [];
  const link = (v: number, w: number) => {
    if (degree[v] === 0) seen.push(v);
    if (degree[v] === 0) a[v] = w;
    else if (degree[v] === 1) b[v] = w;
    degree[v]++;
  };
  for (let t = 0; t < g.n; t++) {
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < t || owner[u] === owner[t]) continue;
      const p = g.corner[3 * t + j];
      const q = g.corner[3 * t + ((j + 1) % 3)];
      link(p, q);
      link(q, p);
    }
  }
  return { order: Int32Array.from(seen.filter((v) => v >= fixedPoints && degree[v] === 2)), a, b };
}

function signedArea(g: TriGraph, xy: Float64Array, t: number): number {
  const a = g.corner[3 * t],
    b = g.corner[3 * t + 1],
    c = g.corner[3 * t + 2];
  return ((xy[2 * b] - xy[2 * a]) * (xy[2 * c + 1] - xy[2 * a + 1]) - (xy[2 * b + 1] - xy[2 * a + 1]) * (xy[2 * c] - xy[2 * a])) / 2;
}
