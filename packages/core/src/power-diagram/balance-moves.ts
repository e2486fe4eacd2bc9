import { powerKey, type PowerSites } from './grow-power.ts';
import type { RegionState } from './region-state.ts';
import { solveLaplacian } from './solve-laplacian.ts';

// Conductance left to a border where a planned flow found no movable triangle (the disk rule
// blocks every candidate, e.g. along a region one triangle wide): later rounds route most of
// the flow round it, through other neighbours. Not zero: a region may have no other way out,
// and near-zero conductances made the flow solve ill-conditioned (10,000 regions blew up).
const BLOCKED = 0.1;

/**
 * The last few percent of balance, by moving border triangles between neighbouring regions
 * (local search in the manner of AZP, but planned): each round solves for the flow of load
 * along the region graph that cancels every region's excess with the least squared flow
 * (diffusion: a Laplacian solve, conductance = border length), then carries each flow across
 * its border, one triangle at a time, nearest the receiving site first (smallest increase of
 * power distance, so the border moves as a whole rather than growing teeth). Flows out of the
 * regions nearest the sinks go first, so load passing through a region has room to arrive.
 * A move must keep both regions disks ({@link RegionState.canRemove}, {@link RegionState.canAdd})
 * and lower the sum of squared relative errors of the two, so a round can never make the
 * balance worse. Stops when every region is within `tolerance` of its target, after `rounds`,
 * or when a round no longer helps.
 *
 * @returns the largest relative load error left
 */
export function balanceMoves(s: RegionState, sites: PowerSites, tolerance: number, rounds: number): number {
  const blocked = new Set<number>();
  let before = squares(s);
  for (let round = 0; round < rounds && worst(s) > tolerance; round++) {
    const borders = borderPairs(s);
    const edges: number[] = [];
    for (const [key, list] of borders) edges.push(Math.floor(key / s.k), key % s.k, (blocked.has(key) ? BLOCKED : 1) * list.length);
    const excess = new Float64Array(s.k);
    for (let r = 0; r < s.k; r++) excess[r] = s.load[r] - s.target[r];
    // A rough flow is enough: each round re-plans from what the moves achieved.
    const phi = solveLaplacian(s.k, edges, excess, 300, 1e-3);
    const flows: Array<[number, number, number, number[]]> = [];
    for (let e = 0; e < edges.length; e += 3) {
      const [r, q] = [edges[e], edges[e + 1]];
      const f = edges[e + 2] * (phi[r] - phi[q]);
      const list = borders.get(r * s.k + q)!;
      if (f > 0) flows.push([r, q, f, list]);
      else if (f < 0) flows.push([q, r, -f, list]);
    }
    flows.sort((a, b) => phi[a[0]] - phi[b[0]] || a[0] - b[0] || a[1] - b[1]);
    for (const [from, to, f, list] of flows) {
      if (carry(s, sites, from, to, f, list) === STUCK) blocked.add(Math.min(from, to) * s.k + Math.max(from, to));
    }
    const after = squares(s);
    if (after > 0.99 * before) break;
    before = after;
  }
  return worst(s);
}

function worst(s: RegionState): number {
  let max = 0;
  for (let r = 0; r < s.k; r++) max = Math.max(max, Math.abs(s.error(r)));
  return max;
}

function squares(s: RegionState): number {
  let sum = 0;
  for (let r = 0; r < s.k; r++) sum += s.error(r) ** 2;
  return sum;
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

/** {@link carry} found candidates but the disk rule refused every one. */
const STUCK = -1;

/**
 * Moves up to `flow` load from region `from` to `to` across their border; returns the number of
 * moves, or STUCK when the disk rule alone stopped every candidate.
 */
function carry(s: RegionState, sites: PowerSites, from: number, to: number, flow: number, border: number[]): number {
  const { g, owner, triLoad } = s;
  const heap = s.heap;
  heap.clear();
  for (const t of border) if (owner[t] === from) heap.push(t, margin(s, sites, t, from, to));
  let left = flow;
  let moves = 0;
  let refused = 0;
  for (let t = heap.pop(); t >= 0 && left > 0; t = heap.pop()) {
    if (owner[t] !== from || triLoad[t] > 2 * left || !lowersError(s, triLoad[t], from, to)) continue;
    if (!s.canRemove(t) || !s.canAdd(t, to)) {
      refused++;
      continue;
    }
    s.move(t, to);
    left -= triLoad[t];
    moves++;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u >= 0 && owner[u] === from) heap.push(u, margin(s, sites, u, from, to));
    }
  }
  return moves === 0 && refused > 0 ? STUCK : moves;
}

/**
 * Increase of power distance if t went from region `from` to `to`; with cut lines, plus the
 * penalty for each cut edge the border would leave (t's edges to `to`) and minus it for each
 * it would come to lie on (t's edges to `from`).
 */
function margin(s: RegionState, sites: PowerSites, t: number, from: number, to: number): number {
  let m = powerKey(s, sites, t, to) - powerKey(s, sites, t, from);
  if (!s.cutPenalty) return m;
  const { g, owner } = s;
  for (let j = 0; j < 3; j++) {
    const u = g.nbr[3 * t + j];
    if (u < 0 || !g.cut[3 * t + j]) continue;
    if (owner[u] === to) m += s.cutPenalty;
    else if (owner[u] === from) m -= s.cutPenalty;
  }
  return m;
}

/** Whether moving load l from r to q lowers e_r² + e_q² (relative errors). */
function lowersError(s: RegionState, l: number, r: number, q: number): boolean {
  const er = s.error(r),
    eq = s.error(q);
  const er2 = er - l / s.target[r],
    eq2 = eq + l / s.target[q];
  return er2 * er2 + eq2 * eq2 < er * er + eq * eq;
}
