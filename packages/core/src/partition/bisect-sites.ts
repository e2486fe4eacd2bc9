import type { PowerSites } from './grow-power.ts';
import type { TriGraph } from './tri-graph.ts';

/**
 * Starting sites by recursive bisection: the triangles are cut across their longer extent at the
 * load quantile that gives each side its regions' share of the targets, then each side again,
 * down to one region; each site is its part's area centroid, starting from the part's triangle
 * nearest it. The parts are balanced by construction and compact (boxes cut across their long
 * side), so the power diagram started from these sites is already near its targets: fewer
 * rounds than farthest-point seeds, and O(n log k) with linear-time weighted selection.
 *
 * @param members the triangles to place the regions `first…first+count-1` on
 */
export function bisectSites(g: TriGraph, load: Float64Array, target: Float64Array, members: Int32Array, first: number, count: number, sites: PowerSites): void {
  const ids = members.slice();
  const key = new Float64Array(g.n);
  const split = (lo: number, hi: number, r0: number, m: number) => {
    if (m === 1) {
      place(g, ids.subarray(lo, hi), r0, sites);
      return;
    }
    const left = m >> 1;
    let want = 0, all = 0;
    for (let r = r0; r < r0 + m; r++) {
      all += target[r];
      if (r < r0 + left) want += target[r];
    }
    const xs = extent(g.cx, ids, lo, hi), ys = extent(g.cy, ids, lo, hi);
    const coord = xs >= ys ? g.cx : g.cy;
    for (let i = lo; i < hi; i++) key[ids[i]] = coord[ids[i]];
    let total = 0;
    for (let i = lo; i < hi; i++) total += load[ids[i]];
    // At least `left` triangles on the left and `m − left` on the right: every region gets one.
    const cut = Math.min(hi - (m - left), Math.max(lo + left, selectWeighted(ids, lo, hi, key, load, (total * want) / all)));
    split(lo, cut, r0, left);
    split(cut, hi, r0 + left, m - left);
  };
  split(0, ids.length, first, count);
}

/** Site r at the area centroid of its triangles, seeded at the triangle nearest it. */
function place(g: TriGraph, part: Int32Array, r: number, sites: PowerSites): void {
  let sx = 0, sy = 0, sa = 0;
  for (const t of part) {
    sx += g.cx[t] * g.area[t];
    sy += g.cy[t] * g.area[t];
    sa += g.area[t];
  }
  sites.x[r] = sx / sa;
  sites.y[r] = sy / sa;
  let best = part[0], bestD = Infinity;
  for (const t of part) {
    const d = (g.cx[t] - sites.x[r]) ** 2 + (g.cy[t] - sites.y[r]) ** 2;
    if (d < bestD) [best, bestD] = [t, d];
  }
  sites.seed[r] = best;
}

function extent(v: Float64Array, ids: Int32Array, lo: number, hi: number): number {
  let min = Infinity, max = -Infinity;
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
