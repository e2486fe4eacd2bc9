import { MinHeap } from './min-heap.ts';
import type { TriGraph } from '../mesh/tri-graph.ts';

// Sweeps of border smoothing; 3 removes nearly all lattice teeth, later sweeps move < 1 %.
const SMOOTHING_PASSES = 4;

/**
 * Grows regions from fixed seeds in order of weighted distance |t − seed_r|² / scale_r over
 * all regions at once (a multiplicatively weighted Voronoi diagram grown over the triangles,
 * so regions stay contiguous), with the disk rule (a triangle sharing one edge with a region
 * joins only if its third corner is not on the region yet; sharing two, always), a leftover
 * pass and border smoothing, as in growPower. Raising a region's scale moves its borders
 * outwards: {@link scaledPartition} tunes the scales until areas match their weights, seeds
 * staying put. Used for `sites` (the demo's towns); memory k × points, fine for a few regions.
 */
export function growScaledRegions(g: TriGraph, seeds: readonly number[], scales: ArrayLike<number>): Int32Array {
  const k = seeds.length;
  const s = new GrowState(g, k);
  const heap = new MinHeap();
  const push = (t: number, r: number) => {
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u >= 0 && s.owner[u] < 0) heap.push(u * k + r, ((g.cx[u] - g.cx[seeds[r]]) ** 2 + (g.cy[u] - g.cy[seeds[r]]) ** 2) / scales[r]);
    }
  };
  seeds.forEach((t, r) => {
    s.add(t, r);
  });
  seeds.forEach((t, r) => {
    push(t, r);
  });

  for (let item = heap.pop(); item >= 0; item = heap.pop()) {
    const t = Math.floor(item / k);
    const r = item % k;
    if (s.owner[t] >= 0 || !s.keepsDisk(t, r)) continue;
    s.add(t, r);
    push(t, r);
  }
  const equal = new Float64Array(k).fill(1);
  absorbLeftovers(g, s, equal);
  smoothBorders(g, s, SMOOTHING_PASSES);
  return s.owner;
}

class GrowState {
  owner: Int32Array;
  area: Float64Array;
  /** 1 for a region that took a triangle without the disk rule (left alone by smoothing). */
  relaxed: Uint8Array;
  /** Triangles of region r having point p as a corner, at r * points + p. */
  private corners: Uint16Array;

  constructor(
    private g: TriGraph,
    k: number,
  ) {
    this.owner = new Int32Array(g.n).fill(-1);
    this.area = new Float64Array(k);
    this.relaxed = new Uint8Array(k);
    this.corners = new Uint16Array(k * g.points);
  }

  add(t: number, r: number): void {
    this.owner[t] = r;
    this.area[r] += this.g.area[t];
    for (let j = 0; j < 3; j++) this.corners[r * this.g.points + this.g.corner[3 * t + j]]++;
  }

  remove(t: number): void {
    const r = this.owner[t];
    this.owner[t] = -1;
    this.area[r] -= this.g.area[t];
    for (let j = 0; j < 3; j++) this.corners[r * this.g.points + this.g.corner[3 * t + j]]--;
  }

  /** Number of edges t shares with region r, and the last such edge (0–2). */
  shared(t: number, r: number): { count: number; edge: number } {
    let count = 0;
    let edge = -1;
    for (let j = 0; j < 3; j++) {
      const u = this.g.nbr[3 * t + j];
      if (u >= 0 && this.owner[u] === r) {
        count++;
        edge = j;
      }
    }
    return { count, edge };
  }

  /** Corners of region r's triangles at the corner of t opposite its edge j. */
  cornersOpposite(t: number, edge: number, r: number): number {
    return this.corners[r * this.g.points + this.g.corner[3 * t + ((edge + 2) % 3)]];
  }

  /** Whether region r plus triangle t (not in r) is still a disk with a simple boundary. */
  keepsDisk(t: number, r: number): boolean {
    const { count, edge } = this.shared(t, r);
    if (count !== 1) return count >= 2;
    return this.cornersOpposite(t, edge, r) === 0;
  }
}

/**
 * Moves "teeth" across region borders: a triangle that shares two edges with a neighbouring
 * region and one with its own, and whose third corner no other triangle of its own region
 * touches, changes sides. Both regions stay disks (the move is the disk rule run backwards
 * and then forwards); borders lose the sawtooth a lattice leaves. Repeats while it helps.
 */
function smoothBorders(g: TriGraph, s: GrowState, maxPasses: number): void {
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = 0;
    for (let t = 0; t < g.n; t++) {
      const r = s.owner[t];
      if (s.relaxed[r]) continue;
      const own = s.shared(t, r);
      if (own.count !== 1 || s.cornersOpposite(t, own.edge, r) !== 1) continue;
      for (let j = 0; j < 3; j++) {
        const u = g.nbr[3 * t + j];
        const q = u >= 0 ? s.owner[u] : -1;
        if (q < 0 || q === r || s.relaxed[q] || s.shared(t, q).count < 2) continue;
        s.remove(t);
        s.add(t, q);
        moved++;
        break;
      }
    }
    if (moved === 0) return;
  }
}

/**
 * Hands each unclaimed triangle to the lightest neighbouring region where the disk rule
 * allows, repeated while that helps; when it no longer does, one triangle goes to a neighbour
 * without the rule (the region may then wrap round a hole or touch itself at a vertex) and the
 * strict passes resume. Every triangle is reached: each connected component holds a seed.
 */
function absorbLeftovers(g: TriGraph, s: GrowState, weights: ArrayLike<number>): void {
  for (;;) {
    while (absorbPass(g, s, weights, true));
    if (!absorbPass(g, s, weights, false)) return;
  }
}

/** One sweep; with `strict` it adds every triangle it can, else just the first. */
function absorbPass(g: TriGraph, s: GrowState, weights: ArrayLike<number>, strict: boolean): boolean {
  let changed = false;
  for (let t = 0; t < g.n; t++) {
    if (s.owner[t] >= 0) continue;
    let best = -1;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      const r = u >= 0 ? s.owner[u] : -1;
      if (r < 0 || (strict && !s.keepsDisk(t, r))) continue;
      if (best < 0 || s.area[r] / weights[r] < s.area[best] / weights[best]) best = r;
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
