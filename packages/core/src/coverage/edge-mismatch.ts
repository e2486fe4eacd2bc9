import type { Position } from 'geojson';
import type RBush from 'rbush';
import { metresPerDegree, segmentDistance } from '../geom/local-metres.ts';
import type { EdgeTable } from './edge-table.ts';
import { PARENT } from './rings.ts';
import type { CoverageProblem } from './types.ts';
import type { Context, EdgeItem } from './validate-coverage.ts';

/**
 * Shared borders whose vertices do not match: two unmatched edges of different grids, running
 * in opposite directions, one's midpoint within the tolerance of the other (a T-junction, a
 * collinear but unequal split, a 1e-9° shift), without being the exact reverse of each other.
 * One problem per pair of grids and cluster, the edges of both sides as a MultiLineString.
 * The parent's border is not compared: a coarser parent outline is not a mismatch.
 */
export function findEdgeMismatches(ctx: Context, table: EdgeTable, edges: RBush<EdgeItem>, members: number[]): CoverageProblem[] {
  const { from, to, owner, xs, ys } = table;
  const byPair = new Map<string, Set<number>>();
  for (const s of members) {
    if (owner[s] === PARENT) continue;
    const ax = xs[from[s]],
      ay = ys[from[s]],
      bx = xs[to[s]],
      by = ys[to[s]];
    const { kx, ky } = metresPerDegree(ay);
    const hits = edges.search({
      minX: Math.min(ax, bx) - ctx.tolDeg,
      minY: Math.min(ay, by) - ctx.tolDeg,
      maxX: Math.max(ax, bx) + ctx.tolDeg,
      maxY: Math.max(ay, by) + ctx.tolDeg,
    });
    for (const { e: t } of hits) {
      if (owner[t] === PARENT || owner[t] === owner[s]) continue;
      if (from[s] === to[t] && to[s] === from[t]) continue; // exact reverse: matched, but shared by more than two grids
      const cx = xs[from[t]],
        cy = ys[from[t]],
        dx = xs[to[t]],
        dy = ys[to[t]];
      if ((bx - ax) * (dx - cx) * kx * kx + (by - ay) * (dy - cy) * ky * ky >= 0) continue; // same direction: an overlap's business
      const near =
        segmentDistance((ax + bx) / 2, (ay + by) / 2, cx, cy, dx, dy, kx, ky) <= ctx.tolM ||
        segmentDistance((cx + dx) / 2, (cy + dy) / 2, ax, ay, bx, by, kx, ky) <= ctx.tolM;
      if (!near) continue;
      const [p, q] = owner[s] < owner[t] ? [owner[s], owner[t]] : [owner[t], owner[s]];
      const key = `${p},${q}`;
      if (ctx.duplicatePairs.has(key)) continue;
      const set = byPair.get(key) ?? new Set<number>();
      set.add(s).add(t);
      byPair.set(key, set);
    }
  }
  const out: CoverageProblem[] = [];
  for (const [key, set] of byPair) {
    const [p, q] = key.split(',').map(Number);
    const lines: Position[][] = [...set]
      .sort((a, b) => a - b)
      .map((e) => [
        [xs[from[e]], ys[from[e]]],
        [xs[to[e]], ys[to[e]]],
      ]);
    out.push({
      kind: 'edge-mismatch',
      grids: [ctx.grids[p].id, ctx.grids[q].id].sort(),
      geometry: { type: 'MultiLineString', coordinates: lines },
      reason: `${set.size} edges along the shared border do not have the same vertices on both sides`,
      location: [(lines[0][0][0] + lines[0][1][0]) / 2, (lines[0][0][1] + lines[0][1][1]) / 2],
    });
  }
  return out;
}
