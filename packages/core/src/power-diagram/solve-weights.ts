import { growPower, type PowerSites } from './grow-power.ts';
import type { RegionState } from './region-state.ts';
import { solveLaplacian } from './solve-laplacian.ts';

/**
 * Tunes the power weights until every region's load meets its target (the semi-discrete
 * optimal-transport problem behind capacity-constrained power diagrams): damped Newton steps.
 * Raising w_q by δ moves the border between regions r and q by δ / (2 |s_r − s_q|) into r, so
 * ∂load_r/∂w_q = −∫ρ ds / (2 |s_r − s_q|) along their border (ρ the load density): the
 * Jacobian is a weighted Laplacian of the region graph, and a step is one sparse solve.
 * Borders are measured on the triangles (edge lengths, density of the two triangles beside
 * each border edge). A step is cut until the squared error drops; the best assignment seen is
 * left in `s`. At most `maxFloods` floods ({@link growPower}, the expensive part).
 *
 * @returns the largest relative load error |load/target − 1| of the result
 */
export function solveWeights(s: RegionState, sites: PowerSites, iterations: number, tolerance: number, maxFloods = Infinity): number {
  growPower(s, sites);
  let floods = 1;
  let current = errors(s);
  let best = current;
  let bestOwner = s.owner.slice();
  let bestW = sites.w.slice();
  const keep = (e: { max: number; squares: number }) => {
    current = e;
    if (e.squares >= best.squares) return;
    best = e;
    bestOwner = s.owner.slice();
    bestW = sites.w.slice();
  };
  const limit = 0.5 * Math.sqrt(totalArea(s) / s.k);
  for (let it = 0; it < iterations && best.max > tolerance && floods < maxFloods; it++) {
    if (revive(s, sites)) {
      growPower(s, sites);
      floods++;
      keep(errors(s));
    }
    const step = newtonStep(s, sites, limit);
    const w0 = sites.w.slice();
    const load0 = s.load.slice();
    let improved = false;
    for (let alpha = 1, tries = 0; tries < 6 && !improved && floods < maxFloods; tries++) {
      for (let r = 0; r < s.k; r++) sites.w[r] = w0[r] + alpha * step[r];
      growPower(s, sites);
      floods++;
      const e = errors(s);
      if (e.squares < current.squares) {
        improved = true;
        keep(e);
        break;
      }
      // Secant: the step moved load by |ΔL| where the linear model said α|T − L|; a step that
      // overshot by a factor f is cut by about f (between a tenth and a half).
      let moved = 0,
        predicted = 0;
      for (let r = 0; r < s.k; r++) {
        moved += (s.load[r] - load0[r]) ** 2;
        predicted += (alpha * (s.target[r] - load0[r])) ** 2;
      }
      alpha *= Math.min(0.5, Math.max(0.1, Math.sqrt(predicted / (moved || 1))));
    }
    if (!improved) break;
  }
  sites.w.set(bestW);
  s.assign(bestOwner);
  return best.max;
}

function totalArea(s: RegionState): number {
  let a = 0;
  for (let r = 0; r < s.k; r++) a += s.area[r];
  return a;
}

/** Largest and summed squared relative load errors. */
export function errors(s: RegionState): { max: number; squares: number } {
  let max = 0,
    squares = 0;
  for (let r = 0; r < s.k; r++) {
    const e = s.error(r);
    max = Math.max(max, Math.abs(e));
    squares += e * e;
  }
  return { max, squares };
}

/**
 * A region left with under half its target whose weight fell far below its neighbours' (an
 * overshooting step can shrink a region to its seed, and then its border is too short for the
 * Jacobian to see it) gets its weight back: w_r = max over neighbours q of w_q − |s_r − s_q|²/4,
 * which puts its border with each q at least a quarter of the way towards q.
 */
function revive(s: RegionState, sites: PowerSites): boolean {
  const { g, owner } = s;
  const floor = new Float64Array(s.k).fill(-Infinity);
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    if (s.error(r) > -0.5) continue;
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      const q = u >= 0 ? owner[u] : r;
      if (q === r) continue;
      const d2 = (sites.x[r] - sites.x[q]) ** 2 + (sites.y[r] - sites.y[q]) ** 2;
      floor[r] = Math.max(floor[r], sites.w[q] - d2 / 4);
    }
  }
  let changed = false;
  for (let r = 0; r < s.k; r++) {
    if (floor[r] <= sites.w[r]) continue;
    sites.w[r] = floor[r];
    changed = true;
  }
  return changed;
}

/**
 * The Newton step Δw solving J Δw = target − load, J the border Laplacian described above,
 * scaled down if it would move some border by more than `limit` metres (a trust region: the
 * linear model knows nothing of the load beyond the current borders).
 */
function newtonStep(s: RegionState, sites: PowerSites, limit: number): Float64Array {
  const { g, xy, owner, triLoad } = s;
  const coeff = new Map<number, number>();
  for (let t = 0; t < g.n; t++) {
    const r = owner[t];
    for (let j = 0; j < 3; j++) {
      const u = g.nbr[3 * t + j];
      if (u < t || owner[u] === r) continue;
      const q = owner[u];
      const a = g.corner[3 * t + j],
        b = g.corner[3 * t + ((j + 1) % 3)];
      const len = Math.hypot(xy[2 * b] - xy[2 * a], xy[2 * b + 1] - xy[2 * a + 1]);
      const rho = (triLoad[t] + triLoad[u]) / (g.area[t] + g.area[u]);
      const d = Math.max(1, Math.hypot(sites.x[r] - sites.x[q], sites.y[r] - sites.y[q]));
      const key = Math.min(r, q) * s.k + Math.max(r, q);
      coeff.set(key, (coeff.get(key) ?? 0) + (rho * len) / (2 * d));
    }
  }
  const edges: number[] = [];
  for (const [key, c] of coeff) if (c > 0) edges.push(Math.floor(key / s.k), key % s.k, c);
  const rhs = new Float64Array(s.k);
  for (let r = 0; r < s.k; r++) rhs[r] = s.target[r] - s.load[r];
  const step = solveLaplacian(s.k, edges, rhs, 500, 1e-4);
  let shift = 0;
  for (let e = 0; e < edges.length; e += 3) {
    const r = edges[e],
      q = edges[e + 1];
    const d = Math.max(1, Math.hypot(sites.x[r] - sites.x[q], sites.y[r] - sites.y[q]));
    shift = Math.max(shift, Math.abs(step[r] - step[q]) / (2 * d));
  }
  if (shift > limit) for (let r = 0; r < s.k; r++) step[r] *= limit / shift;
  return step;
}
