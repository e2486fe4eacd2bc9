import { growScaledRegions } from './grow-regions.ts';
import type { TriGraph } from '../mesh/tri-graph.ts';

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
