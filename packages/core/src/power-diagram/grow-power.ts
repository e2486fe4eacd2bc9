import type { MinHeap } from './min-heap.ts';
import type { RegionState } from './region-state.ts';

/** Sites of a power diagram: a point and a weight per region, and the triangle it starts from. */
export interface PowerSites {
  /** Site coordinates in metres (local frame), k each. */
  x: Float64Array;
  y: Float64Array;
  /** Power weights in m²: a larger weight pushes the region's borders outwards. */
  w: Float64Array;
  /** Triangle each region starts from (distinct). */
  seed: Int32Array;
}

/** The power distance of triangle t's centroid to site r: |c − s|² − w. */
export function powerKey(s: RegionState, sites: PowerSites, t: number, r: number): number {
  const dx = s.g.cx[t] - sites.x[r],
    dy = s.g.cy[t] - sites.y[r];
  return dx * dx + dy * dy - sites.w[r];
}

/**
 * Grows the power diagram of `sites` over the triangles: all regions at once, each triangle
 * taken by the region that reaches it with the smallest power distance, a region reaching only
 * across triangles it already owns (so it stays connected even where the area is not convex)
 * and only under the disk rule ({@link RegionState.canAdd}). In a convex area this is the power
 * diagram itself, up to triangles; cells of a power diagram are convex, hence compact. With cut
 * lines, each one crossed on the way from the seed adds `cutPenalty` to the distance, so a
 * border near a road settles on it. Triangles
 * no region could take under the disk rule go to a neighbour at the end ({@link absorbLeftovers}).
 */
export function growPower(s: RegionState, sites: PowerSites): void {
  const { k, heap, crossed } = s;
  s.clear();
  heap.clear();
  // The last region that queued each triangle, and its key: a region growing round a triangle
  // would queue it again with the same key, and half the heap's work went to such duplicates.
  const queued = s.scratch;
  queued.fill(-1);
  for (let r = 0; r < k; r++) {
    s.add(sites.seed[r], r);
    crossed[sites.seed[r]] = 0;
  }
  for (let r = 0; r < k; r++) pushNeighbours(s, sites, heap, sites.seed[r], r);
  for (let item = heap.pop(); item >= 0; item = heap.pop()) {
    const t = Math.floor(item / k);
    const r = item - t * k;
    if (s.owner[t] >= 0) continue;
    if (!s.canAdd(t, r)) {
      // Refused now, the triangle may fit once r holds more of its neighbours: let r queue it again.
      if (queued[t] === r) queued[t] = -1;
      continue;
    }
    s.add(t, r);
    if (s.cutPenalty) crossed[t] = fewestCrossings(s, t, r);
    pushNeighbours(s, sites, heap, t, r);
  }
  absorbLeftovers(s);
}

function pushNeighbours(s: RegionState, sites: PowerSites, heap: MinHeap, t: number, r: number): void {
  const { g, k, scratch: queued, scratchKey: queuedKey, cutPenalty } = s;
  const sx = sites.x[r],
    sy = sites.y[r],
    w = sites.w[r];
  for (let j = 0; j < 3; j++) {
    const u = g.nbr[3 * t + j];
    if (u < 0 || s.owner[u] >= 0) continue;
    const dx = g.cx[u] - sx,
      dy = g.cy[u] - sy;
    const key = dx * dx + dy * dy - w + (cutPenalty ? cutPenalty * (s.crossed[t] + g.cut[3 * t + j]) : 0);
    if (queued[u] === r && key >= queuedKey[u]) continue;
    queued[u] = r;
    queuedKey[u] = key;
    heap.push(u * k + r, key);
  }
}

/** Cut lines crossed reaching t from r's seed: fewest over t's neighbours in r. */
function fewestCrossings(s: RegionState, t: number, r: number): number {
  const { g } = s;
  let best = Infinity;
  for (let j = 0; j < 3; j++) {
    const u = g.nbr[3 * t + j];
    if (u >= 0 && s.owner[u] === r) best = Math.min(best, s.crossed[u] + g.cut[3 * t + j]);
  }
  return best === Infinity ? 0 : best;
}

/**
 * Hands each unclaimed triangle to the neighbouring region lightest for its target where the disk
 * rule allows, repeated while that helps; when it no longer does, one triangle goes to a
 * neighbour without the rule (the region may then wrap round a hole or touch itself at a
 * vertex, and is marked relaxed) and the strict passes resume. Every triangle is reached: each
 * connected component of the graph holds a seed.
 */
export function absorbLeftovers(s: RegionState): void {
  for (;;) {
    while (absorbPass(s, true));
    if (!absorbPass(s, false)) return;
  }
}

function absorbPass(s: RegionState, strict: boolean): boolean {
  const { g } = s;
  let changed = false;
  for (let t = 0; t < g.n; t++) {
    if (s.owner[t] >= 0) continue;
    let best = -1;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      const r = u >= 0 ? s.owner[u] : -1;
      if (r < 0 || (strict && !s.canAdd(t, r))) continue;
      if (best < 0 || s.error(r) < s.error(best)) best = r;
    }
    if (best < 0) continue;
    s.add(t, best);
    changed = true;
    if (!strict) {
      s.relaxed[best] = 1;
      return true;
    }
  }
  return changed;
}
