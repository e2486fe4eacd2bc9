import { balanceMoves } from './balance-moves.ts';
import { bisectSites, type Units } from './bisect-sites.ts';
import type { PowerSites } from './grow-power.ts';
import { allot } from './partition-graph.ts';
import { RegionState } from './region-state.ts';
import { solveWeights } from './solve-weights.ts';
import { floodFill } from '../mesh/flood-fill.ts';
import { components, type TriGraph } from '../mesh/tri-graph.ts';
import { CitygridError } from '../errors.ts';

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
export function partitionByLoad(
  g: TriGraph,
  xy: Float64Array,
  ringPoints: number,
  triLoad: Float64Array,
  target: Float64Array,
  options: PartitionLoadOptions,
  attach: Attachment[] = [],
): { state: RegionState; sites: PowerSites; attached: number[] } {
  if (!hasCuts(g)) return partitionOnce(g, xy, ringPoints, triLoad, target, options, 0, attach);
  // With cut lines the layout matters, not just the borders: where roads make 3 columns of 2
  // blocks, halving 6 regions into 2 columns of 3 leaves every border off the roads. Each
  // variant of the first bisection cut is run through, and the one leaving the least border
  // length off cut lines kept (AZP-style multiple starts).
  let best: { state: RegionState; sites: PowerSites; attached: number[] } | null = null;
  let bestScore = Infinity;
  for (let variant = 0; variant < VARIANTS; variant++) {
    const run = partitionOnce(g, xy, ringPoints, triLoad, target, options, variant, attach);
    const score = borderOffCuts(run.state);
    if (score < bestScore) [best, bestScore] = [run, score];
  }
  return best!;
}

// Bisection variants tried when there are cut lines (see bisectSites).
const VARIANTS = 3;

/** An extra region with its own target, to be the one nearest a point (metres, mesh frame). */
export interface Attachment {
  at: [number, number];
  target: number;
}

function partitionOnce(
  g: TriGraph,
  xy: Float64Array,
  ringPoints: number,
  triLoad: Float64Array,
  target: Float64Array,
  options: PartitionLoadOptions,
  variant: number,
  attach: Attachment[],
): { state: RegionState; sites: PowerSites; attached: number[] } {
  const k = target.length + attach.length;
  const sites: PowerSites = { x: new Float64Array(k), y: new Float64Array(k), w: new Float64Array(k), seed: new Int32Array(k) };
  // Sites are placed for the targets as if every region were average; then each attachment
  // takes the region whose site is nearest it, and its own target.
  const all = Float64Array.from([...target, ...attach.map((a) => a.target)]);
  const mean = all.reduce((a, b) => a + b, 0) / k;
  const scaled = initialSites(g, triLoad, attach.length ? new Float64Array(k).fill(mean) : all, sites, variant);
  const attached = attach.length ? assignAttachments(sites, attach, all, scaled) : [];
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
  return { state, sites, attached };
}

/**
 * Gives each attachment the region whose site is nearest its point (each region once), moves
 * the targets there, and rescales `scaled` (the per-component targets) in place to match.
 */
function assignAttachments(sites: PowerSites, attach: Attachment[], all: Float64Array, scaled: Float64Array): number[] {
  const k = all.length;
  const order = Int32Array.from({ length: k }, (_, r) => r);
  const taken = new Uint8Array(k);
  const chosen = attach.map(({ at }) => {
    let best = -1,
      bestD = Infinity;
    for (let r = 0; r < k; r++) {
      const d = (sites.x[r] - at[0]) ** 2 + (sites.y[r] - at[1]) ** 2;
      if (!taken[r] && d < bestD) [best, bestD] = [r, d];
    }
    taken[best] = 1;
    return best;
  });
  // The attachment regions take the last targets (the attachments'), the others the rest.
  const rest = [...order].filter((r) => !taken[r]);
  const targets = new Float64Array(k);
  rest.forEach((r, i) => {
    targets[r] = all[i];
  });
  chosen.forEach((r, j) => {
    targets[r] = all[all.length - attach.length + j];
  });

  const before = scaled.reduce((a, b) => a + b, 0);
  const after = targets.reduce((a, b) => a + b, 0);
  for (let r = 0; r < k; r++) scaled[r] = (targets[r] * before) / after;
  return chosen;
}

/** Length of the borders between regions that do not run along a cut line, metres. */
function borderOffCuts(s: RegionState): number {
  const { g, owner, xy } = s;
  let off = 0;
  for (let t = 0; t < g.n; t++) {
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < t || owner[u] === owner[t] || g.cut[3 * t + j]) continue;
      const a = g.corner[3 * t + j],
        b = g.corner[3 * t + ((j + 1) % 3)];
      off += Math.hypot(xy[2 * b] - xy[2 * a], xy[2 * b + 1] - xy[2 * a + 1]);
    }
  }
  return off;
}

// A block (triangles between cut lines) carrying less than this share of a region's load is
// one unit for the bisection; heavier ones are cut through, triangle by triangle.
const BLOCK_SHARE = 0.25;

/**
 * The component's triangles grouped into city blocks (connected without crossing a cut line),
 * light blocks as single units, heavy ones as their triangles; null when that leaves fewer than
 * 2 units a region (then plain triangles do better).
 */
function blockUnits(
  g: TriGraph,
  triLoad: Float64Array,
  members: Int32Array,
  perRegion: number,
  regions: number,
): { units: Units; members: Int32Array } | null {
  const block = new Int32Array(g.n).fill(-1);
  const blockLoad: number[] = [];
  const order: number[] = [];
  // A block: the triangles reached without crossing a cut line.
  const next = (t: number, j: number): number => (g.cut[3 * t + j] ? -1 : g.nbr[3 * t + j]);
  for (const s of members) {
    if (block[s] >= 0) continue;
    let load = 0;
    floodFill(s, blockLoad.length, block, next, (t) => {
      order.push(t);
      load += triLoad[t];
    });
    blockLoad.push(load);
  }
  // Units: a light block whole, each triangle of a heavy one alone, numbered as first met.
  const unitOf = new Int32Array(g.n);
  const firstUnit = new Int32Array(blockLoad.length).fill(-1);
  let n = 0;
  for (const t of order) {
    const b = block[t];
    if (blockLoad[b] >= BLOCK_SHARE * perRegion) unitOf[t] = n++;
    else {
      if (firstUnit[b] < 0) firstUnit[b] = n++;
      unitOf[t] = firstUnit[b];
    }
  }
  if (n < 2 * regions) return null;
  const start = new Int32Array(n + 1);
  for (const t of order) start[unitOf[t] + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const tri = new Int32Array(order.length);
  const fill = start.slice(0, n);
  for (const t of order) tri[fill[unitOf[t]]++] = t;
  const units: Units = {
    cx: new Float64Array(n),
    cy: new Float64Array(n),
    area: new Float64Array(n),
    load: new Float64Array(n),
    start,
    tri,
  };
  for (const t of order) {
    const u = unitOf[t];
    units.cx[u] += g.cx[t] * g.area[t];
    units.cy[u] += g.cy[t] * g.area[t];
    units.area[u] += g.area[t];
    units.load[u] += triLoad[t];
  }
  for (let u = 0; u < n; u++) {
    units.cx[u] /= units.area[u];
    units.cy[u] /= units.area[u];
  }
  return { units, members: Int32Array.from({ length: n }, (_, u) => u) };
}

function hasCuts(g: TriGraph): boolean {
  for (let i = 0; i < 3 * g.n; i++) if (g.cut[i]) return true;
  return false;
}

/** Sites by bisection within each component; returns the targets scaled to each component's load. */
function initialSites(g: TriGraph, triLoad: Float64Array, target: Float64Array, sites: PowerSites, variant: number): Float64Array {
  const k = target.length;
  const comp = components(g);
  if (k < comp.count)
    throw CitygridError.of(
      'CG_ERR_OPTION',
      {},
      `splitArea: the area has ${comp.count} parts joined only at vertices; count ${k} is too small`,
    );
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
    if (per[c] > sizes[c])
      throw CitygridError.of(
        'CG_ERR_OPTION',
        {},
        `splitArea: a part of ${sizes[c]} triangles cannot hold ${per[c]} pieces; use a smaller spacing`,
      );
    const members = new Int32Array(sizes[c]);
    for (let t = 0, i = 0; t < g.n; t++) if (comp.id[t] === c) members[i++] = t;
    let sum = 0;
    for (let r = first; r < first + per[c]; r++) sum += target[r];
    for (let r = first; r < first + per[c]; r++) scaled[r] = (loads[c] * target[r]) / sum;
    const blocks = hasCuts(g) ? blockUnits(g, triLoad, members, loads[c] / per[c], per[c]) : null;
    if (blocks) bisectSites(g, blocks.units, scaled, blocks.members, first, per[c], sites, variant);
    else bisectSites(g, { cx: g.cx, cy: g.cy, area: g.area, load: triLoad }, scaled, members, first, per[c], sites, variant);
    first += per[c];
  }
  return scaled;
}

/** Lloyd: each site to its region's area centroid, seeded at the region's triangle nearest it. */
function centroidSites(s: RegionState, sites: PowerSites): void {
  const { g, k, owner } = s;
  const sx = new Float64Array(k),
    sy = new Float64Array(k),
    sa = new Float64Array(k);
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
