import type { TriGraph } from '../mesh/tri-graph.ts';

/**
 * The boundary of every region as rings of mesh point ids: for each region, its outer ring
 * (counter-clockwise in the y-north frame) first, then its holes (clockwise), RFC 7946 order.
 *
 * A boundary half-edge is one whose triangle is in the region and whose twin is not (another
 * region, outside the area, or none). Each ring follows such half-edges head to tail, so every
 * vertex of every triangle edge on the boundary is kept and two regions sharing an edge share
 * its vertices. Where a region touches itself at a vertex (possible only after the leftover
 * pass), the ring turns so as to keep the same outside on its left: an outer ring and a hole
 * then meet at that vertex (valid OGC polygon) rather than one ring crossing itself.
 */
export function traceRegions(g: TriGraph, owner: Int32Array, k: number, xy: Float64Array): number[][][] {
  const from: number[][] = Array.from({ length: k }, () => []);
  const to: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u >= 0 && owner[u] === r) continue;
      from[r].push(g.corner[3 * t + j]);
      to[r].push(g.corner[3 * t + ((j + 1) % 3)]);
    }
  }
  return from.map((f, r) => orderRings(traceRings(f, to[r], xy), xy));
}

/** Follows half-edges (from[i] → to[i]) into closed rings of point ids. */
export function traceRings(from: number[], to: number[], xy: Float64Array): number[][] {
  const out = new Map<number, number[]>();
  from.forEach((p, i) => {
    const list = out.get(p);
    if (list) list.push(i);
    else out.set(p, [i]);
  });
  const used = new Uint8Array(from.length);
  const rings: number[][] = [];
  for (let start = 0; start < from.length; start++) {
    if (used[start]) continue;
    const ring: number[] = [];
    for (let e = start; ; ) {
      used[e] = 1;
      ring.push(from[e]);
      const next = chooseNext(e, out.get(to[e])!, from, to, xy);
      if (next === start) break;
      if (used[next]) throw new Error('splitArea: region boundary does not close (inconsistent mesh)');
      e = next;
    }
    rings.push(ring);
  }
  return rings;
}

/**
 * Of the half-edges leaving the head v of half-edge e (p → v), the first met turning clockwise
 * from the direction v → p: with the region on the right of a clockwise ring, that sweeps the
 * outside wedge at v, so the ring keeps the same outside on its left.
 */
function chooseNext(e: number, candidates: number[], from: number[], to: number[], xy: Float64Array): number {
  if (candidates.length === 1) return candidates[0];
  const v = to[e];
  const p = from[e];
  const back = Math.atan2(xy[2 * p + 1] - xy[2 * v + 1], xy[2 * p] - xy[2 * v]);
  let best = -1;
  let bestTurn = Infinity;
  for (const c of candidates) {
    const q = to[c];
    const angle = Math.atan2(xy[2 * q + 1] - xy[2 * v + 1], xy[2 * q] - xy[2 * v]);
    let turn = back - angle;
    while (turn <= 0) turn += 2 * Math.PI;
    while (turn > 2 * Math.PI) turn -= 2 * Math.PI;
    if (turn < bestTurn) {
      bestTurn = turn;
      best = c;
    }
  }
  return best;
}

/**
 * Reverses rings traced clockwise-outside (Delaunator's triangles are clockwise in a y-north
 * frame) into RFC 7946 winding and puts the one outer ring first.
 */
function orderRings(rings: number[][], xy: Float64Array): number[][] {
  const outer: number[][] = [];
  const holes: number[][] = [];
  for (const ring of rings) {
    ring.reverse();
    (signedArea(ring, xy) > 0 ? outer : holes).push(ring);
  }
  if (outer.length !== 1) throw new Error(`splitArea: a piece traced to ${outer.length} outer rings (expected 1)`);
  return [outer[0], ...holes];
}

/** The planar signed area in m², positive counter-clockwise (y north). */
export function signedArea(ring: number[], xy: Float64Array): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    twice += xy[2 * a] * xy[2 * b + 1] - xy[2 * b] * xy[2 * a + 1];
  }
  return twice / 2;
}
