import type { Position } from 'geojson';
import { SegmentIndex } from './segment-index.ts';

/** Cut lines ready to be constrained into a mesh: vertices (lon/lat rounded to 1e-7°) and edges. */
export interface CutGraph {
  /** Flat `[lon, lat, …]`. */
  lonLat: number[];
  /** Flat pairs of indices into the vertices; -1 − i for ring vertex i of the mesh. */
  edges: number[];
}

/**
 * Turns roads, rivers and railways (lines of `[lon, lat]` positions) into constraint edges for
 * one polygon's mesh: each line is cut into steps of at most `step` metres; only steps lying
 * inside the polygon with both ends at least `margin` metres from its rings are kept (so no
 * vertex is ever added on the boundary and no edge can cross it: a ring edge crossing a step
 * would pass within step/2 of one of its ends); where two lines cross, both get a shared
 * vertex at the crossing (constraint edges may only meet at vertices).
 *
 * @param toXY the mesh's planar frame; `toLonLat` its inverse
 */
export function cutGraph(
  lines: Position[][],
  rings: SegmentIndex,
  ringXY: Float64Array,
  margin: number,
  step: number,
  toXY: (lon: number, lat: number) => [number, number],
  toLonLat: (x: number, y: number) => [number, number],
): CutGraph {
  const segments: number[] = [];
  // Where a line crosses the boundary close to a ring vertex, its last step inside is joined
  // to that vertex: the border along a road then meets the boundary where the road does.
  const ends: number[] = [];
  for (const line of lines) {
    let prev: [number, number] | null = null;
    let outside: [number, number] | null = null;
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = toXY(line[i][0], line[i][1]);
      const [bx, by] = toXY(line[i + 1][0], line[i + 1][1]);
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
      for (let j = i === 0 ? 0 : 1; j <= n; j++) {
        const p: [number, number] = [ax + ((bx - ax) * j) / n, ay + ((by - ay) * j) / n];
        const keep = rings.inside(p[0], p[1]) && !rings.near(p[0], p[1], margin);
        if (keep && prev) segments.push(prev[0], prev[1], p[0], p[1]);
        if (keep && !prev && outside) joinRing(p, outside, rings, ringXY, margin, ends);
        if (!keep && prev) joinRing(prev, p, rings, ringXY, margin, ends);
        outside = keep ? null : p;
        prev = keep ? p : null;
      }
    }
  }
  const graph = node(Float64Array.from(segments), step, toLonLat);
  attachEnds(graph, ends, toLonLat);
  return graph;
}

/**
 * From `inside` (a kept cut vertex) towards `beyond` (the line's next point, dropped): where
 * the line first meets a ring, the ring vertex within margin/2 of that crossing, if the
 * straight edge to it crosses no ring edge; recorded as [x, y, ring vertex] in `ends`.
 */
function joinRing(
  inside: [number, number],
  beyond: [number, number],
  rings: SegmentIndex,
  ringXY: Float64Array,
  margin: number,
  ends: number[],
): void {
  const [px, py] = inside;
  const dx = beyond[0] - px,
    dy = beyond[1] - py;
  const len = Math.hypot(dx, dy);
  if (len === 0) return;
  // Look along the line's direction a little past the dropped point: the ring is within reach.
  const reach = len + 2 * margin;
  const hit = rings.firstHit(px, py, px + (dx / len) * reach, py + (dy / len) * reach);
  if (!hit) return;
  let best = -1,
    bestD = margin / 2;
  for (let v = 0; v < ringXY.length / 2; v++) {
    const d = Math.hypot(ringXY[2 * v] - hit[0], ringXY[2 * v + 1] - hit[1]);
    if (d <= bestD) [best, bestD] = [v, d];
  }
  if (best < 0 || rings.crossesExceptAt(px, py, ringXY[2 * best], ringXY[2 * best + 1])) return;
  ends.push(px, py, best);
}

/** Adds the edges from cut vertices to ring vertices found by {@link joinRing}. */
function attachEnds(graph: CutGraph, ends: number[], toLonLat: (x: number, y: number) => [number, number]): void {
  if (!ends.length) return;
  const ids = new Map<string, number>();
  for (let v = 0; v < graph.lonLat.length / 2; v++) ids.set(`${graph.lonLat[2 * v]},${graph.lonLat[2 * v + 1]}`, v);
  const seen = new Set<string>();
  for (let i = 0; i < ends.length; i += 3) {
    const [lon, lat] = toLonLat(ends[i], ends[i + 1]);
    const v = ids.get(`${Math.round(lon * 1e7) / 1e7},${Math.round(lat * 1e7) / 1e7}`);
    const key = `${v},${ends[i + 2]}`;
    if (v === undefined || seen.has(key)) continue;
    seen.add(key);
    graph.edges.push(v, -1 - ends[i + 2]);
  }
}

/**
 * Splits segments where they cross or touch one another, then merges vertices closer than a
 * hundredth of a step and rounds them to 1e-7°; returns the vertex and edge lists.
 */
function node(segments: Float64Array, step: number, toLonLat: (x: number, y: number) => [number, number]): CutGraph {
  const m = segments.length / 4;
  const cuts: number[][] = Array.from({ length: m }, () => [0, 1]);
  if (m > 1) {
    const index = new SegmentIndex(segments, step);
    for (let a = 0; a < m; a++) {
      for (const b of index.candidates(a)) {
        if (b <= a) continue;
        const t = crossing(segments, a, b);
        if (!t) continue;
        cuts[a].push(t[0]);
        cuts[b].push(t[1]);
      }
    }
  }
  const ids = new Map<string, number>();
  const lonLat: number[] = [];
  const snap = step / 100;
  const vertex = (x: number, y: number) => {
    const key = `${Math.round(x / snap)},${Math.round(y / snap)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = lonLat.length / 2;
      ids.set(key, id);
      const [lon, lat] = toLonLat(x, y);
      lonLat.push(Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7);
    }
    return id;
  };
  const edges: number[] = [];
  const seen = new Set<string>();
  for (let s = 0; s < m; s++) {
    const [ax, ay, bx, by] = segments.subarray(4 * s, 4 * s + 4);
    const ts = [...new Set(cuts[s])].sort((p, q) => p - q);
    for (let i = 0; i + 1 < ts.length; i++) {
      const u = vertex(ax + (bx - ax) * ts[i], ay + (by - ay) * ts[i]);
      const v = vertex(ax + (bx - ax) * ts[i + 1], ay + (by - ay) * ts[i + 1]);
      const key = u < v ? `${u},${v}` : `${v},${u}`;
      if (u === v || seen.has(key)) continue;
      seen.add(key);
      edges.push(u, v);
    }
  }
  return { lonLat, edges };
}

/** Where segments a and b cross or touch (parameters along each), or null; parallel: null. */
function crossing(s: Float64Array, a: number, b: number): [number, number] | null {
  const [ax, ay, bx, by] = s.subarray(4 * a, 4 * a + 4);
  const [cx, cy, dx, dy] = s.subarray(4 * b, 4 * b + 4);
  const ex = bx - ax,
    ey = by - ay,
    fx = dx - cx,
    fy = dy - cy;
  const den = ex * fy - ey * fx;
  if (Math.abs(den) < 1e-12 * (ex * ex + ey * ey + fx * fx + fy * fy)) return null;
  const t = ((cx - ax) * fy - (cy - ay) * fx) / den;
  const u = ((cx - ax) * ey - (cy - ay) * ex) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [t, u] : null;
}
