import type { RegionState } from './region-state.ts';

/**
 * Moves "teeth" across region borders: a triangle with one edge on its own region and two on a
 * neighbour's, whose third corner no other triangle of its own region touches, changes sides
 * (the disk rule run backwards, then forwards: both regions stay disks). Borders lose the
 * sawtooth that lattice growth and single-triangle balancing moves leave. A move is kept only
 * if both regions stay within `tolerance` of their targets or get no worse, and never when it
 * would take a border off a cut line. Repeats while it
 * helps, at most `passes` times.
 */
export function smoothTeeth(s: RegionState, tolerance: number, passes: number): void {
  const { g, owner } = s;
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    for (let t = 0; t < g.n; t++) {
      const r = owner[t];
      if (s.relaxed[r] || s.sharedEdges(t, r) !== 1) continue;
      for (let j = 0; j < 3; j++) {
        const u = g.nbr[3 * t + j];
        const q = u >= 0 ? owner[u] : -1;
        if (q < 0 || q === r || s.relaxed[q] || s.sharedEdges(t, q) < 2) continue;
        if (s.canRemove(t) && keepsBalance(s, t, r, q, tolerance) && !onCut(s, t, q)) {
          s.move(t, q);
          moved++;
        }
        break;
      }
    }
    if (moved === 0) return;
  }
}

/** Whether t borders region q along a cut line (a border there stays). */
function onCut(s: RegionState, t: number, q: number): boolean {
  for (let j = 0; j < 3; j++) if (s.g.cut[3 * t + j] && s.owner[s.g.nbr[3 * t + j]] === q) return true;
  return false;
}

function keepsBalance(s: RegionState, t: number, r: number, q: number, tolerance: number): boolean {
  const l = s.triLoad[t];
  const before = Math.max(Math.abs(s.error(r)), Math.abs(s.error(q)));
  const after = Math.max(Math.abs((s.load[r] - l) / s.target[r] - 1), Math.abs((s.load[q] + l) / s.target[q] - 1));
  return after <= Math.max(tolerance, before);
}
