import { balanceMoves } from './balance-moves.ts';
import { bisectSites } from './bisect-sites.ts';
import type { PowerSites } from './grow-power.ts';
import { allot } from './partition-graph.ts';
import { RegionState } from './region-state.ts';
import { solveWeights } from './solve-weights.ts';
import { components, type TriGraph } from './tri-graph.ts';

/** Knobs of {@link partitionByLoad}. */
export interface PartitionLoadOptions {
  /** Lloyd rounds: weights solved, then sites moved to their regions' centroids. */
  rounds: number;
  /** Newton steps of the final weight solve, and of each round's (sites move on anyway). */
  newton: number;
  roundNewton: number;
  /** Relative load error the final Newton solve stops at, and each round's. */
  newtonTolerance: number;
  roundTolerance: number;
  /** Relative load error the final triangle moves aim for. */
  tolerance: number;
  /**
   * Triangle visits all floods together may cost: a town of 10,000 triangles affords every
   * round, 10,000 pieces (600,000 triangles) a single weight solve of a few floods.
   */
  floodBudget: number;
  /** Power distance added per cut line crossed, as a share of the mean region area (m²). */
  cutPenalty: number;
}

/**
 * Splits the triangles into regions of (nearly) prescribed load, each a connected disk, compact:
 * a capacity-constrained centroidal power diagram grown over the triangles. Sites start from a
 * recursive bisection by load ({@link bisectSites}); each round solves the power weights that
 * balance the loads ({@link solveWeights}: damped Newton on the border Laplacian), then moves
 * every site to its region's area centroid (Lloyd), which rounds the regions off; last, border
 * triangles move between neighbours until every load is within `tolerance`
 * ({@link balanceMoves}). Components of the graph (parts joined only at a vertex) get regions in
 * proportion to their load, at least one each, and targets scaled to what they hold.
 *
 * @param target load each region aims at (any positive scale: rescaled per component)
 */
export function partitionByLoad(g: TriGraph, xy: Float64Array, ringPoints: number, triLoad: Float64Array, target: Float64Array, options: PartitionLoadOptions): { state: RegionState; sites: PowerSites } {
  const k = target.length;
  const sites: PowerSites = { x: new Float64Array(k), y: new Float64Array(k), w: new Float64Array(k), seed: new Int32Array(k) };
  const scaled = initialSites(g, triLoad, target, sites);
  const state = new RegionState(g, xy, triLoad, scaled, ringPoints);
  if (hasCuts(g)) {
    let area = 0;
    for (let t = 0; t < g.n; t++) area += g.area[t];
    state.cutPenalty = (options.cutPenalty * area) / k;
  }
  // A weight solve costs up to 1 + newton × 2 floods; rounds go first when floods are dear.
  const floods = Math.max(3, Math.floor(options.floodBudget / g.n));
  const rounds = Math.min(options.rounds, Math.floor(floods / (2 * options.newton + 1)) - 1);
  const perSolve = Math.floor(floods / (Math.max(0, rounds) + 1));
  for (let round = 0; round < rounds; round++) {
    solveWeights(state, sites, options.roundNewton, options.roundTolerance, perSolve);
    centroidSites(state, sites);
  }
  solveWeights(state, sites, options.newton, options.newtonTolerance, perSolve);
  balanceMoves(state, sites, options.tolerance, 30);
  return { state, sites };
}

function hasCuts(g: TriGraph): boolean {
  for (let i = 0; i < 3 * g.n; i++) if (g.cut[i]) return true;
  return false;
}

/** Sites by bisection within each component; returns the targets scaled to each component's load. */
function initialSites(g: TriGraph, triLoad: Float64Array, target: Float64Array, sites: PowerSites): Float64Array {
  const k = target.length;
  const comp = components(g);
  if (k < comp.count) throw new RangeError(`splitArea: the area has ${comp.count} parts joined only at vertices; count ${k} is too small`);
  const loads = new Float64Array(comp.count);
  const sizes = new Int32Array(comp.count);
  for (let t = 0; t < g.n; t++) {
    loads[comp.id[t]] += triLoad[t];
    sizes[comp.id[t]]++;
  }
  const per = allot(loads, k);
  const scaled = new Float64Array(k);
  let first = 0;
  for (let c = 0; c < comp.count; c++) {
    if (per[c] > sizes[c]) throw new RangeError(`splitArea: a part of ${sizes[c]} triangles cannot hold ${per[c]} pieces; use a smaller spacing`);
    const members = new Int32Array(sizes[c]);
    for (let t = 0, i = 0; t < g.n; t++) if (comp.id[t] === c) members[i++] = t;
    let sum = 0;
    for (let r = first; r < first + per[c]; r++) sum += target[r];
    for (let r = first; r < first + per[c]; r++) scaled[r] = (loads[c] * target[r]) / sum;
    bisectSites(g, triLoad, scaled, members, first, per[c], sites);
    first += per[c];
  }
  return scaled;
}

/** Lloyd: each site to its region's area centroid, seeded at the region's triangle nearest it. */
function centroidSites(s: RegionState, sites: PowerSites): void {
  const { g, k, owner } = s;
  const sx = new Float64Array(k), sy = new Float64Array(k), sa = new Float64Array(k);
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    sx[r] += g.cx[t] * g.area[t];
    sy[r] += g.cy[t] * g.area[t];
    sa[r] += g.area[t];
  }
  const bestD = new Float64Array(k).fill(Infinity);
  for (let r = 0; r < k; r++) {
    sites.x[r] = sx[r] / sa[r];
    sites.y[r] = sy[r] / sa[r];
  }
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    const d = (g.cx[t] - sites.x[r]) ** 2 + (g.cy[t] - sites.y[r]) ** 2;
    if (d < bestD[r]) {
      bestD[r] = d;
      sites.seed[r] = t;
    }
  }
}
