import type { Grid } from '../types.ts';
import { ringsOf } from './rings.ts';
import type { CoverageProblem } from './types.ts';

/** Grids sharing an id: one problem per id, naming every feature index. */
export function findDuplicateIds(grids: Grid[]): CoverageProblem[] {
  const byId = new Map<string, number[]>();
  grids.forEach((g, i) => {
    byId.set(g.id, [...(byId.get(g.id) ?? []), i]);
  });

  const out: CoverageProblem[] = [];
  for (const [id, idx] of byId) {
    if (idx.length < 2) continue;
    const [x0, y0, x1, y1] = grids[idx[0]].bbox;
    out.push({
      kind: 'duplicate-id',
      grids: idx.map(() => id),
      geometry: { type: 'Point', coordinates: [(x0 + x1) / 2, (y0 + y1) / 2] },
      reason: `id ${JSON.stringify(id)} is used by grids ${idx.join(', ')} (0-based)`,
      location: [(x0 + x1) / 2, (y0 + y1) / 2],
    });
  }
  return out;
}

/**
 * Grids with the same polygon, whatever the start vertex, winding or part order: one problem
 * per group, and the pairs (as `i,j` of grid indexes, i < j) so overlaps are not reported again.
 */
export function findDuplicateGeometries(grids: Grid[]): { problems: CoverageProblem[]; pairs: Set<string> } {
  // Bucket by a cheap key that ignores start and winding (vertex count, lowest and highest
  // vertex); only buckets of two or more build the full canonical key. Saves ~0.3 s at 10k.
  const buckets = new Map<string, number[]>();
  grids.forEach((g, i) => {
    const key = cheapKey(g);
    buckets.set(key, [...(buckets.get(key) ?? []), i]);
  });
  const byKey = new Map<string, number[]>();
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    for (const i of bucket) {
      const key = canonicalKey(grids[i]);
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    }
  }
  const problems: CoverageProblem[] = [];
  const pairs = new Set<string>();
  for (const idx of byKey.values()) {
    if (idx.length < 2) continue;
    for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) pairs.add(`${idx[a]},${idx[b]}`);
    const g = grids[idx[0]];
    problems.push({
      kind: 'duplicate-geometry',
      grids: idx.map((i) => grids[i].id).sort(),
      geometry: g.geometry,
      area_m2: Math.round(g.area_m2 * 1000) / 1000,
      reason: `${idx.length} grids have the same polygon`,
    });
  }
  return { problems, pairs };
}

function cheapKey(g: Grid): string {
  const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates;
  let n = 0,
    lo = polygons[0]?.[0]?.[0],
    hi = lo;
  if (!lo) return `empty ${g.id}`; // a degenerate grid starting with an empty ring: never a duplicate
  for (const rings of polygons) {
    for (const ring of rings) {
      n += ring.length;
      for (const p of ring) {
        if (p[0] < lo[0] || (p[0] === lo[0] && p[1] < lo[1])) lo = p;
        if (p[0] > hi[0] || (p[0] === hi[0] && p[1] > hi[1])) hi = p;
      }
    }
  }
  return `${polygons.length} ${lo[0]} ${lo[1]} ${hi[0]} ${hi[1]}`;
}

function canonicalKey(g: Grid): string {
  const parts = new Map<number, string[]>();
  for (const r of ringsOf(g.geometry, 0)) {
    let k = 0;
    r.points.forEach((p, i) => {
      if (p[0] < r.points[k][0] || (p[0] === r.points[k][0] && p[1] < r.points[k][1])) k = i;
    });
    const rotated = [...r.points.slice(k), ...r.points.slice(0, k)];
    parts.set(r.part, [...(parts.get(r.part) ?? []), rotated.map((p) => `${p[0]} ${p[1]}`).join(',')]);
  }
  return [...parts.values()]
    .map((rings) => [rings[0], ...rings.slice(1).sort()].join('|'))
    .sort()
    .join('#');
}
