import type { Grid } from '../types.ts';
import { ringsOf } from './rings.ts';
import type { CoverageProblem } from './types.ts';

/** Grids sharing an id: one problem per id, naming every feature index. */
export function findDuplicateIds(grids: Grid[]): CoverageProblem[] {
  const byId = new Map<string, number[]>();
  grids.forEach((g, i) => byId.set(g.id, [...(byId.get(g.id) ?? []), i]));
  const out: CoverageProblem[] = [];
  for (const [id, idx] of byId) {
    if (idx.length < 2) continue;
    const [x0, y0, x1, y1] = grids[idx[0]].bbox;
    out.push({ kind: 'duplicate-id', grids: idx.map(() => id), geometry: { type: 'Point', coordinates: [(x0 + x1) / 2, (y0 + y1) / 2] }, reason: `id ${JSON.stringify(id)} is used by grids ${idx.join(', ')} (0-based)`, location: [(x0 + x1) / 2, (y0 + y1) / 2] });
  }
  return out;
}

/**
 * Grids with the same polygon, whatever the start vertex, winding or part order: one problem
 * per group, and the pairs (as `i,j` of grid indexes, i < j) so overlaps are not reported again.
 */
export function findDuplicateGeometries(grids: Grid[]): { problems: CoverageProblem[]; pairs: Set<string> } {
  const byKey = new Map<string, number[]>();
  grids.forEach((g, i) => {
    const key = canonicalKey(g);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const problems: CoverageProblem[] = [];
  const pairs = new Set<string>();
  for (const idx of byKey.values()) {
    if (idx.length < 2) continue;
    for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) pairs.add(`${idx[a]},${idx[b]}`);
    const g = grids[idx[0]];
    problems.push({ kind: 'duplicate-geometry', grids: idx.map((i) => grids[i].id).sort(), geometry: g.geometry, area_m2: Math.round(g.area_m2 * 1000) / 1000, reason: `${idx.length} grids have the same polygon` });
  }
  return { problems, pairs };
}

function canonicalKey(g: Grid): string {
  const parts = new Map<number, string[]>();
  for (const r of ringsOf(g.geometry, 0)) {
    let k = 0;
    r.points.forEach((p, i) => { if (p[0] < r.points[k][0] || (p[0] === r.points[k][0] && p[1] < r.points[k][1])) k = i; });
    const rotated = [...r.points.slice(k), ...r.points.slice(0, k)];
    parts.set(r.part, [...(parts.get(r.part) ?? []), rotated.map((p) => `${p[0]} ${p[1]}`).join(',')]);
  }
  return [...parts.values()].map((rings) => [rings[0], ...rings.slice(1).sort()].join('|')).sort().join('#');
}
