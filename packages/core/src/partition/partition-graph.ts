import { growRegions, growScaledRegions } from './grow-regions.ts';
import { MinHeap } from './min-heap.ts';
import { components, type TriGraph } from './tri-graph.ts';

export interface PartitionGraphOptions {
  rng: () => number;
  /** Relative target area per region, length k. */
  weights: ArrayLike<number>;
  /** Fixed seed triangle per region (local ids), or undefined to place seeds here. */
  seeds?: number[];
  /** Rounds of moving each seed to its region's centroid and regrowing (placed seeds only). */
  relax: number;
}

/**
 * Splits a triangle graph into k regions: seeds by farthest-point sampling (path distance
 * through the triangles, so seeds do not crowd across a bay), grown by {@link growRegions},
 * then a few Lloyd rounds that re-seed at each region's centroid and regrow. With given seeds,
 * regions grow as weighted Voronoi cells around them instead ({@link scaledPartition}).
 * @returns region of each triangle
 */
export function partitionGraph(g: TriGraph, k: number, options: PartitionGraphOptions): Int32Array {
  const { rng, weights, relax } = options;
  if (options.seeds) return scaledPartition(g, options.seeds, weights);
  let seeds = farthestPointSeeds(g, k, rng);
  let owner = growRegions(g, seeds, weights);
  for (let round = 0; round < relax; round++) {
    const next = centroidSeeds(g, owner, k);
    if (next.every((t, r) => t === seeds[r])) break;
    seeds = next;
    owner = growRegions(g, seeds, weights);
  }
  return owner;
}

/**
 * k seeds spread over the graph, at least one per connected component and the rest allotted
 * to components by area; within a component, a random first seed, then each next one the
 * triangle farthest (by path) from all seeds so far.
 */
export function farthestPointSeeds(g: TriGraph, k: number, rng: () => number): number[] {
  const comp = components(g);
  if (k < comp.count) throw new RangeError(`splitArea: the area has ${comp.count} parts joined only at vertices; count ${k} is too small`);
  const areas = new Float64Array(comp.count);
  for (let t = 0; t < g.n; t++) areas[comp.id[t]] += g.area[t];
  const perComponent = allot(areas, k);
  const dist = new Float64Array(g.n).fill(Infinity);
  const seeds: number[] = [];
  for (let c = 0; c < comp.count; c++) {
    const members: number[] = [];
    for (let t = 0; t < g.n; t++) if (comp.id[t] === c) members.push(t);
    if (perComponent[c] > members.length) throw new RangeError(`splitArea: a part of ${members.length} triangles cannot hold ${perComponent[c]} pieces; use a smaller spacing`);
    let next = members[Math.floor(rng() * members.length)];
    for (let i = 0; i < perComponent[c]; i++) {
      seeds.push(next);
      relaxFrom(g, next, dist);
      next = members.reduce((best, t) => (dist[t] > dist[best] ? t : best), members[0]);
    }
  }
  return seeds;
}

/**
 * Splits k items among groups in proportion to their sizes, at least one each: each further
 * item goes to the group whose size per item is largest (ties to the first).
 */
export function allot(sizes: ArrayLike<number>, k: number): number[] {
  const n = Array.from({ length: sizes.length }, () => 1);
  for (let left = k - sizes.length; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n.length; i++) if (sizes[i] / n[i] > sizes[best] / n[best]) best = i;
    n[best]++;
  }
  return n;
}

/** Dijkstra from `source` over centroid-to-centroid steps, lowering `dist` where shorter. */
function relaxFrom(g: TriGraph, source: number, dist: Float64Array): void {
  const heap = new MinHeap();
  dist[source] = 0;
  heap.push(source, 0);
  const done = new Uint8Array(g.n);
  for (let t = heap.pop(); t >= 0; t = heap.pop()) {
    if (done[t]) continue;
    done[t] = 1;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < 0) continue;
      const d = dist[t] + Math.hypot(g.cx[u] - g.cx[t], g.cy[u] - g.cy[t]);
      if (d < dist[u]) {
        dist[u] = d;
        heap.push(u, d);
      }
    }
  }
}

/** For each region, its triangle nearest to the region's area-weighted centroid. */
function centroidSeeds(g: TriGraph, owner: Int32Array, k: number): number[] {
  const sx = new Float64Array(k), sy = new Float64Array(k), sa = new Float64Array(k);
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    sx[r] += g.cx[t] * g.area[t];
    sy[r] += g.cy[t] * g.area[t];
    sa[r] += g.area[t];
  }
  const best = new Array<number>(k).fill(-1);
  const bestD = new Float64Array(k).fill(Infinity);
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    const d = (g.cx[t] - sx[r] / sa[r]) ** 2 + (g.cy[t] - sy[r] / sa[r]) ** 2;
    if (d < bestD[r]) {
      bestD[r] = d;
      best[r] = t;
    }
  }
  return best;
}

// Rounds of scale tuning for fixed seeds; areas settle within a few % after ~10.
const SCALE_ROUNDS = 24;
// Exponent of the scale update: 1 would be Newton's step if area grew linearly with scale;
// 0.7 damps the overshoot where a small region borders large ones.
const SCALE_GAIN = 0.7;

/**
 * Regions around fixed seeds with areas in proportion to `weights`: grows weighted Voronoi
 * regions ({@link growScaledRegions}) with scales starting at the weights, multiplies each
 * scale by (target / area)^0.7 (at most ×2 or ÷2 a round), and keeps the round whose worst
 * relative area error was smallest.
 */
export function scaledPartition(g: TriGraph, seeds: number[], weights: ArrayLike<number>): Int32Array {
  const k = seeds.length;
  let total = 0;
  for (let t = 0; t < g.n; t++) total += g.area[t];
  let wsum = 0;
  for (let r = 0; r < k; r++) wsum += weights[r];
  const scales = Float64Array.from({ length: k }, (_, r) => weights[r] / wsum);
  let best: Int32Array = new Int32Array(0);
  let bestError = Infinity;
  for (let round = 0; round < SCALE_ROUNDS && bestError > 0.01; round++) {
    const owner = growScaledRegions(g, seeds, scales);
    const area = new Float64Array(k);
    for (let t = 0; t < g.n; t++) area[owner[t]] += g.area[t];
    let error = 0;
    for (let r = 0; r < k; r++) {
      const target = (total * weights[r]) / wsum;
      error = Math.max(error, Math.abs(area[r] - target) / target);
      scales[r] *= Math.min(2, Math.max(0.5, (target / area[r]) ** SCALE_GAIN));
    }
    if (error < bestError) {
      bestError = error;
      best = owner;
    }
  }
  return best;
}
