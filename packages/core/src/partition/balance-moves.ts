import { powerKey, type PowerSites } from './grow-power.ts';
import { MinHeap } from './min-heap.ts';
import type { RegionState } from './region-state.ts';
import { solveLaplacian } from './solve-laplacian.ts';

/**
 * The last few percent of balance, by moving border triangles between neighbouring regions
 * (local search in the manner of AZP, but planned): each round solves for the flow of load
 * along the region graph that cancels every region's excess with the least squared flow
 * (diffusion: a Laplacian solve, flows proportional to border length), then carries each flow
 * across its border, one triangle at a time, nearest the receiving site first (smallest
 * increase of power distance, so the border moves as a whole rather than growing teeth). A
 * move must keep both regions disks ({@link RegionState.canRemove}, {@link RegionState.canAdd}),
 * and a triangle heavier than twice what is left to carry stays. Stops when every region is
 * within `tolerance` of its target, after `rounds`, or when a round moves nothing.
 *
 * @returns the largest relative load error left
 */
export function balanceMoves(s: RegionState, sites: PowerSites, tolerance: number, rounds: number): number {
  for (let round = 0; round < rounds; round++) {
    if (worst(s) <= tolerance) break;
    const borders = borderPairs(s);
    const edges: number[] = [];
    for (const [key, list] of borders) edges.push(Math.floor(key / s.k), key % s.k, list.length);
    const excess = new Float64Array(s.k);
    for (let r = 0; r < s.k; r++) excess[r] = s.load[r] - s.target[r];
    const phi = solveLaplacian(s.k, edges, excess, 1000, 1e-6);
    const flows: Array<[number, number, number, number[]]> = [];
    for (const [key, list] of borders) {
      const r = Math.floor(key / s.k), q = key % s.k;
      const f = list.length * (phi[r] - phi[q]);
      if (f > 0) flows.push([r, q, f, list]);
      else if (f < 0) flows.push([q, r, -f, list]);
    }
    flows.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    let moved = 0;
    for (const [from, to, f, list] of flows) moved += carry(s, sites, from, to, f, list);
    if (moved === 0) break;
  }
  return worst(s);
}

function worst(s: RegionState): number {
  let max = 0;
  for (let r = 0; r < s.k; r++) max = Math.max(max, Math.abs(s.error(r)));
  return max;
}

/** Triangles on each border, keyed min(r, q) · k + max(r, q) (both sides listed). */
function borderPairs(s: RegionState): Map<number, number[]> {
  const { g, owner, k } = s;
  const pairs = new Map<number, number[]>();
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < t || owner[u] === r) continue;
      const q = owner[u];
      const key = Math.min(r, q) * k + Math.max(r, q);
      const list = pairs.get(key);
      if (list) list.push(t, u);
      else pairs.set(key, [t, u]);
    }
  }
  return pairs;
}

/** Moves up to `flow` load from region `from` to `to` across their border; returns moves made. */
function carry(s: RegionState, sites: PowerSites, from: number, to: number, flow: number, border: number[]): number {
  const { g, owner, triLoad } = s;
  const heap = new MinHeap();
  const margin = (t: number) => powerKey(s, sites, t, to) - powerKey(s, sites, t, from);
  for (const t of border) if (owner[t] === from) heap.push(t, margin(t));
  let left = flow;
  let moves = 0;
  for (let t = heap.pop(); t >= 0 && left > 0; t = heap.pop()) {
    if (owner[t] !== from || triLoad[t] > 2 * left) continue;
    if (!s.canRemove(t) || !s.canAdd(t, to)) continue;
    s.move(t, to);
    left -= triLoad[t];
    moves++;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u >= 0 && owner[u] === from) heap.push(u, margin(u));
    }
  }
  return moves;
}
