import type { PowerSites } from './grow-power.ts';
import type { TriGraph } from '../mesh/tri-graph.ts';

/**
 * What bisection cuts: single triangles, or groups of them ("units") that are never split —
 * the city blocks between cut lines, so that the first borders fall along roads.
 */
export interface Units {
  cx: Float64Array;
  cy: Float64Array;
  area: Float64Array;
  load: Float64Array;
  /** Triangles of each unit, compressed: tri[start[u] … start[u+1]); absent: unit u is triangle u. */
  start?: Int32Array;
  tri?: Int32Array;
}

/**
 * Starting sites by recursive bisection: the units are cut across their longer extent at the
 * load quantile that gives each side its regions' share of the targets, then each side again,
 * down to one region; each site is its part's area centroid, starting from the part's triangle
 * nearest it. The parts are balanced by construction and compact (boxes cut across their long
 * side), so the power diagram started from these sites is already near its targets: fewer
 * rounds than farthest-point seeds, and O(n log k) with linear-time weighted selection.
 *
 * @param members the units to place the regions `first…first+count-1` on (at least count)
 */
export function bisectSites(
  g: TriGraph,
  units: Units,
  target: Float64Array,
  members: Int32Array,
  first: number,
  count: number,
  sites: PowerSites,
  variant = 0,
): void {
  const ids = members.slice();
  const key = new Float64Array(units.cx.length);
  const split = (lo: number, hi: number, r0: number, m: number) => {
    if (m === 1) {
      place(g, units, ids.subarray(lo, hi), r0, sites);
      return;
    }
    // Variants change the first cut only: 1 splits off a third of the regions instead of half
    // (3 columns instead of 2 rows of 3), 2 cuts across the shorter extent.
    const top = r0 === first && m === count;
    const left = top && variant === 1 && m >= 3 ? Math.round(m / 3) : m >> 1;
    let want = 0,
      all = 0;
    for (let r = r0; r < r0 + m; r++) {
      all += target[r];
      if (r < r0 + left) want += target[r];
    }
    const xs = extent(units.cx, ids, lo, hi),
      ys = extent(units.cy, ids, lo, hi);
    const coord = xs >= ys !== (top && variant === 2) ? units.cx : units.cy;
    for (let i = lo; i < hi; i++) key[ids[i]] = coord[ids[i]];
    let total = 0;
    for (let i = lo; i < hi; i++) total += units.load[ids[i]];
    // At least `left` units on the left and `m − left` on the right: every region gets one.
    const cut = Math.min(hi - (m - left), Math.max(lo + left, selectWeighted(ids, lo, hi, key, units.load, (total * want) / all)));
    split(lo, cut, r0, left);
    split(cut, hi, r0 + left, m - left);
  };
  split(0, ids.length, first, count);
}

/** Site r at the area centroid of its units, seeded at their triangle nearest it. */
function place(g: TriGraph, units: Units, part: Int32Array, r: number, sites: PowerSites): void {
  let sx = 0,
    sy = 0,
    sa = 0;
  for (const u of part) {
    sx += units.cx[u] * units.area[u];
    sy += units.cy[u] * units.area[u];
    sa += units.area[u];
  }
  sites.x[r] = sx / sa;
  sites.y[r] = sy / sa;
  let best = -1,
    bestD = Infinity;
  const consider = (t: number) => {
    const d = (g.cx[t] - sites.x[r]) ** 2 + (g.cy[t] - sites.y[r]) ** 2;
    if (d < bestD) [best, bestD] = [t, d];
  };
  for (const u of part) {
    if (!units.start) consider(u);
    else for (let i = units.start[u]; i < units.start[u + 1]; i++) consider(units.tri![i]);
  }
  sites.seed[r] = best;
}

function extent(v: Float64Array, ids: Int32Array, lo: number, hi: number): number {
  let min = Infinity,
    max = -Infinity;
  for (let i = lo; i < hi; i++) {
    min = Math.min(min, v[ids[i]]);
    max = Math.max(max, v[ids[i]]);
  }
  return max - min;
}

/**
 * Reorders ids[lo…hi) so that smaller keys come first and returns the cut c where the load of
 * ids[lo…c) first reaches `want` (quickselect on the load, not the count: expected linear
 * time). Ties in key are broken by id, so the order does not depend on the input order.
 */
function selectWeighted(ids: Int32Array, lo: number, hi: number, key: Float64Array, load: Float64Array, want: number): number {
  const less = (a: number, b: number) => key[a] < key[b] || (key[a] === key[b] && a < b);
  while (lo < hi) {
    // Median of three as pivot, moved to the end (Lomuto): deterministic, no quadratic case on
    // sorted input; keys are distinct (ties broken by id), so no run of equal keys either.
    const m = (lo + hi) >> 1;
    const [a, b, c] = [ids[lo], ids[m], ids[hi - 1]];
    const at = less(a, b) ? (less(b, c) ? m : less(a, c) ? hi - 1 : lo) : less(a, c) ? lo : less(b, c) ? hi - 1 : m;
    [ids[at], ids[hi - 1]] = [ids[hi - 1], ids[at]];
    const pivot = ids[hi - 1];
    let p = lo;
    let leftLoad = 0;
    for (let i = lo; i < hi - 1; i++) {
      if (!less(ids[i], pivot)) continue;
      leftLoad += load[ids[i]];
      [ids[i], ids[p]] = [ids[p], ids[i]];
      p++;
    }
    [ids[p], ids[hi - 1]] = [ids[hi - 1], ids[p]];
    if (leftLoad >= want) hi = p;
    else if (leftLoad + load[pivot] >= want) return p + 1;
    else {
      want -= leftLoad + load[pivot];
      lo = p + 1;
    }
  }
  return lo;
}
