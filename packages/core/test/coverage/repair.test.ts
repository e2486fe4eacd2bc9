import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as polyclip from 'polyclip-ts';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  ellipsoidalArea,
  metresPerDegree,
  mulberry32,
  parseGrids,
  repairCoverage,
  validateCoverage,
  type GridSet,
  type RepairCoverageOptions,
} from '../../src/index.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';
import { gridSetOf } from './grid-set.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/coverage');

function fixture(name: string): { grids: FeatureCollection; parent?: Feature<Polygon> } {
  const grids = JSON.parse(readFileSync(join(DIR, name, 'in.geojson'), 'utf8')) as FeatureCollection;
  const file = join(DIR, name, 'parent.geojson');
  const parent = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon>).features[0] : undefined;
  return { grids, parent };
}

function repairFixture(name: string, options: RepairCoverageOptions = {}) {
  const { grids, parent } = fixture(name);
  const gridSet = gridSetOf(grids);
  return { before: gridSet, ...repairCoverage(gridSet, { parent, ...options }) };
}

const total = (gs: { grids: Array<{ area_m2: number }> }) => gs.grids.reduce((s, g) => s + g.area_m2, 0);

describe('repairCoverage on the validator fixtures', () => {
  it.each([
    'overlap',
    'huge-and-tiny-overlap',
    'duplicate-geometry',
    'sliver-gap',
    'outside-parent',
    'misalignment-1e-9',
    't-junction',
    'jts-collinear-unmatched-edge',
  ])('%s: validates clean after repair', (name) => {
    const r = repairFixture(name);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(validateCoverage(r.gridSet, { parent: fixture(name).parent }).valid).toBe(true);
  });

  it.each(['clean-2x2', 'parent-clean', 'multipolygon-enclave', 'huge-and-tiny', 'duplicate-consecutive-points'])(
    '%s: a clean coverage comes back unchanged',
    (name) => {
      const r = repairFixture(name);
      expect(r.actions).toEqual([]);
      expect(r.changes).toEqual([]);
      expect(r.gridSet.grids).toEqual(r.before.grids);
    },
  );

  it('gives an overlap to the grid bordering it longest, cuts it from the other, and accounts for the m²', () => {
    const r = repairFixture('overlap');
    expect(r.actions).toEqual([expect.objectContaining({ kind: 'overlap', to: 'A', from: ['B'] })]);
    const b = r.changes.find((c) => c.id === 'B')!;
    expect(b.lost_m2).toBeCloseTo(r.actions[0].area_m2, 3);
    expect(b.before_m2 - b.after_m2).toBeCloseTo(b.lost_m2, 0);
    expect(r.changes.map((c) => c.id)).toEqual(['B']);
  });

  it('follows the strategy: smallest-area and lowest-id decide differently from longest-border', () => {
    // In the fixture B (the same size as A) pokes 0.2 units into A.
    expect(repairFixture('overlap', { strategy: 'largest-area' }).actions[0].to).toBe('A'); // equal sizes: the tie goes to the lowest id
    expect(repairFixture('huge-and-tiny-overlap', { strategy: 'largest-area' }).changes.map((c) => c.id)).toEqual(['H']);
    expect(repairFixture('overlap', { strategy: 'lowest-id' }).actions[0]).toMatchObject({ to: 'A', from: ['B'] });
  });

  it('keeps a grid that lies wholly on another: the other gets the hole (an undrawn enclave), nothing is deleted', () => {
    const r = repairFixture('huge-and-tiny-overlap');
    expect(r.gridSet.grids.map((g) => g.id).sort()).toEqual(r.before.grids.map((g) => g.id).sort());
    expect(r.actions[0]).toMatchObject({ to: 'T', from: ['H'] });
  });

  it('removes only the loser of an exact duplicate, and says so', () => {
    const r = repairFixture('duplicate-geometry');
    expect(r.gridSet.grids.map((g) => g.id)).toEqual(['A', 'C']);
    expect(r.changes).toEqual([expect.objectContaining({ id: 'B', after_m2: 0, removed: true })]);
  });

  it('leaves gaps wider than gapWidth, and reports them; merges them when told they may', () => {
    const wide = repairFixture('gap-enclosed');
    expect(wide.valid).toBe(false);
    expect(wide.problems.map((p) => p.kind)).toEqual(['gap']);
    expect(wide.actions).toEqual([]);
    const merged = repairFixture('gap-enclosed', { gapWidth: 1000 });
    expect(merged.valid).toBe(true);
    expect(total(merged.gridSet)).toBeCloseTo(total(wide.before) + wide.problems[0].area_m2!, 0);
  });

  it('merges a narrow gap into the neighbour with the longest shared border', () => {
    const r = repairFixture('sliver-gap');
    expect(r.actions).toEqual([expect.objectContaining({ kind: 'gap', from: [] })]);
    const to = r.actions[0].to!;
    expect(r.changes.map((c) => c.id)).toEqual([to]);
  });

  it('fills narrow inlets of the parent and gaps enclosed by point-touching grids when allowed', () => {
    for (const name of ['inlet-parent', 'gap-point-touching', 'enclave-missing']) {
      const r = repairFixture(name, { gapWidth: 1000 });
      expect(r.problems, name).toEqual([]);
    }
  });

  it('does not touch invalid polygons: they stay reported and keep their shape', () => {
    for (const name of ['bowtie', 'collapsed-ring', 'hole-outside-shell', 'ring-self-touch']) {
      const r = repairFixture(name);
      expect(
        r.problems.some((p) => p.kind === 'invalid-geometry'),
        name,
      ).toBe(true);
      expect(r.gridSet.grids.length, name).toBe(r.before.grids.length);
      expect(
        r.gridSet.grids.map((g) => g.geometry),
        name,
      ).toEqual(r.before.grids.map((g) => g.geometry));
    }
  });

  // The repair property's counterexample [12, 1078002063] (see the properties below): repair
  // cut the overlap from the invalid grid, the difference dropped its stray hole, and the grid
  // came out valid but unsnapped, with two edge-mismatches left.
  it('leaves an invalid grid exactly as drawn when it overlaps a valid one: the overlap stays reported, other fixes go on', () => {
    const r = repairFixture('invalid-grid-overlap', { gapWidth: Infinity });
    const before = r.before.byId.get('g000006')!;
    expect(r.gridSet.byId.get('g000006')!.geometry).toEqual(before.geometry);
    expect(r.gridSet.byId.get('g000009')!.geometry).toEqual(r.before.byId.get('g000009')!.geometry);
    expect(r.actions.filter((a) => a.to === 'g000006' || a.from.includes('g000006'))).toEqual([]);
    expect(r.problems.map((p) => [p.kind, p.grids.join('|')])).toEqual([
      ['invalid-geometry', 'g000006'],
      ['invalid-geometry', 'g000006'],
      ['overlap', 'g000006|g000009'],
    ]);
    // The sliver gap elsewhere is still merged.
    expect(r.actions.map((a) => [a.kind, a.to])).toEqual([['gap', 'g000005']]);
  });

  it('keeps duplicate ids reported (a naming problem, not geometry)', () => {
    expect(repairFixture('duplicate-id').problems.map((p) => p.kind)).toEqual(['duplicate-id']);
  });

  it('refuses unknown strategies and negative widths', () => {
    const gs = gridSetOf(fixture('overlap').grids);
    expect(() => repairCoverage(gs, { strategy: 'biggest' as never })).toThrow(/strategy/);
    expect(() => repairCoverage(gs, { gapWidth: -1 })).toThrow(/gapWidth/);
  });
});

/** A copy of a tiling with `moves` random vertices (shared or not) each pushed up to a tenth of its shorter edge. */
function damaged(grids: number, seed: number, moves: number): FeatureCollection<Polygon | MultiPolygon> {
  const rng = mulberry32(seed);
  const tiling = JSON.parse(
    JSON.stringify(
      voronoiTiling({ grids, seed, bbox: [109.0, 32.7, 109.05, 32.75], verticesPerPolygon: 16, multiPartShare: 0.1, holeShare: 0.05 }),
    ),
  ) as FeatureCollection<Polygon | MultiPolygon>;
  for (let m = 0; m < moves; m++) {
    const f = tiling.features[Math.floor(rng() * tiling.features.length)];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const ring = polys[Math.floor(rng() * polys.length)][0];
    const n = ring.length - 1;
    const k = Math.floor(rng() * n);
    const v = ring[k],
      prev = ring[(k + n - 1) % n],
      next = ring[(k + 1) % n];
    const { kx, ky } = metresPerDegree(v[1]);
    const reach =
      0.1 * Math.min(Math.hypot((prev[0] - v[0]) * kx, (prev[1] - v[1]) * ky), Math.hypot((next[0] - v[0]) * kx, (next[1] - v[1]) * ky));
    const angle = 2 * Math.PI * rng();
    const moved: Position = [v[0] + (reach * Math.cos(angle)) / kx, v[1] + (reach * Math.sin(angle)) / ky];
    ring[k] = moved;
    if (k === 0) ring[n] = moved;
  }
  return tiling;
}

function lineMetres(g: MultiLineString): number {
  let m = 0;
  for (const line of g.coordinates) {
    for (let k = 0; k + 1 < line.length; k++) {
      const { kx, ky } = metresPerDegree(line[k][1]);
      m += Math.hypot((line[k + 1][0] - line[k][0]) * kx, (line[k + 1][1] - line[k][1]) * ky);
    }
  }
  return m;
}

describe('repairCoverage properties', () => {
  const box: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [109.0, 32.7],
        [109.05, 32.7],
        [109.05, 32.75],
        [109.0, 32.75],
        [109.0, 32.7],
      ],
    ],
  };

  it('repairs any randomly damaged tiling to a clean one that covers its parent exactly (total area conserved)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('longest-border', 'largest-area', 'smallest-area', 'lowest-id' as const),
        (grids, seed, moves, strategy) => {
          const r0 = parseGrids(damaged(grids, seed, moves));
          if (!r0.ok) throw new Error(r0.problems[0].message);
          const r = repairCoverage(r0.gridSet, { parent: box, gapWidth: Infinity, strategy });
          if (leftAsDrawn(r0.gridSet, r)) return; // a move made a grid invalid: nothing more holds
          expect(r.problems).toEqual([]);
          expect(Math.abs(total(r.gridSet) - ellipsoidalArea(box)) / ellipsoidalArea(box)).toBeLessThan(1e-7);
          expect(r.gridSet.grids.length).toBe(grids);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 30) },
    );
  });

  it('without a parent, conserves the covered area plus exactly the gaps it merged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), (grids, seed) => {
        conservesCoveredArea(grids, seed);
      }),
      { numRuns: Number(process.env.RUNS ?? 30) },
    );
  });

  // Counterexamples of the property above. Each gap's border has a vertex that is collinear
  // in lon/lat (the tiling's densified edge, A–M–C); the validator's gap piece keeps it, and
  // polyclip's union dropped it, which ellipsoidalArea (edges straight in (λ, q), not in lon/lat)
  // measures 4.92 m² and 2.11 m² apart: the union was the wrong reference, not the repair.
  // With the vertex put back both agree to a millimetre². (Before the resolve by faces, the
  // gap pieces came from polyclip too, without the vertex: the action said 4.92 m² less than
  // the grid gained, and the old reference hid it.)
  it('without a parent, conserves the covered area: 3 grids, seed 0 (a 50,261 m² gap along a 1.4 km densified edge)', () => {
    expect(Math.abs(conservesCoveredArea(3, 0))).toBeLessThan(0.01);
  });

  it('without a parent, conserves the covered area: 8 grids, seed 361831412 (a 20,731 m² gap along a 1 km densified edge)', () => {
    expect(Math.abs(conservesCoveredArea(8, 361831412))).toBeLessThan(0.01);
  });

  it('without a parent, leaves a grid made invalid as drawn and reports it: 12 grids, seed 1078002063 (a hole pushed outside its shell)', () => {
    expect(conservesCoveredArea(12, 1078002063)).toBe(0);
  });
});

/**
 * When a random move made a grid invalid (a shell vertex pushed past one of its holes), checks
 * what repair promises for it and returns true: each such grid is exactly as drawn, and every
 * problem left names one of them. The area checks need valid grids, so the caller stops there.
 */
function leftAsDrawn(before: GridSet, r: ReturnType<typeof repairCoverage>): boolean {
  const invalid = new Set(
    validateCoverage(before)
      .problems.filter((p) => p.kind === 'invalid-geometry')
      .flatMap((p) => p.grids),
  );
  if (invalid.size === 0) return false;
  for (const id of invalid) expect(r.gridSet.byId.get(id)?.geometry).toEqual(before.byId.get(id)!.geometry);
  for (const p of r.problems) expect(p.grids.some((id) => invalid.has(id))).toBe(true);
  return true;
}

/**
 * Repairs a damaged tiling without a parent and checks that Σ areas after = the union of the
 * input + the gaps merged: 0.5 m² per fix, plus 4 cm along the borders mismatched below the
 * tolerance (snapping moves them by up to 4 cm, so those slivers may go either way).
 * Returns Σ after − (union + merged), m².
 */
function conservesCoveredArea(grids: number, seed: number): number {
  const r0 = parseGrids(damaged(grids, seed, 4));
  if (!r0.ok) throw new Error(r0.problems[0].message);
  // What the input covers, independently: the union of all grids (places under three grids
  // counted once), listing the vertices the grids list (see withVerticesOf).
  const inputs = r0.gridSet.grids.map((g) => g.geometry.coordinates as polyclip.Geom);
  const [first, ...rest] = inputs;
  const vertices = r0.gridSet.grids.flatMap((g) =>
    (g.geometry.type === 'Polygon' ? g.geometry.coordinates : g.geometry.coordinates.flat()).flat(),
  );
  const union = withVerticesOf(polyclip.union(first, ...rest) as Position[][][], vertices);
  const covered = ellipsoidalArea({ type: 'MultiPolygon', coordinates: union });
  const r = repairCoverage(r0.gridSet, { gapWidth: Infinity });
  if (leftAsDrawn(r0.gridSet, r)) return 0;
  expect(r.problems).toEqual([]);
  const merged = r.actions.filter((a) => a.kind === 'gap').reduce((s, a) => s + a.area_m2, 0);
  const mismatched = validateCoverage(r0.gridSet)
    .problems.filter((p) => p.kind === 'edge-mismatch')
    .reduce((s, p) => s + lineMetres(p.geometry as MultiLineString), 0);
  const diff = total(r.gridSet) - (covered + merged);
  expect(Math.abs(diff)).toBeLessThan(0.5 * (1 + r.actions.length) + 0.04 * mismatched);
  return diff;
}

/**
 * The polygons with every input vertex that lies on one of their edges (within 1e-11°, 1 µm)
 * put back in. polyclip-ts drops vertices collinear in lon/lat, but ellipsoidalArea draws edges
 * straight in (λ, q), where such a vertex is not collinear: the midpoint of a 1.4 km edge
 * across 0.0075° of latitude is worth 4.9 m² (the sag, q″·Δλ·Δφ²/12·a²/2, falls 4× when the
 * edge is halved). Only with the grids' own vertices is the union the area the grids measure.
 */
function withVerticesOf(polygons: Position[][][], inputs: Position[]): Position[][][] {
  const byX = [...inputs].sort((a, b) => a[0] - b[0]);
  const firstAtLeast = (x: number) => {
    let lo = 0,
      hi = byX.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byX[mid][0] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const EPS = 1e-11;
  return polygons.map((rings) =>
    rings.map((ring) => {
      const out: Position[] = [];
      for (let k = 0; k + 1 < ring.length; k++) {
        const [p, q] = [ring[k], ring[k + 1]];
        out.push(p);
        const dx = q[0] - p[0],
          dy = q[1] - p[1],
          len = Math.hypot(dx, dy);
        const on: Array<[number, Position]> = [];
        for (let i = firstAtLeast(Math.min(p[0], q[0]) - EPS); i < byX.length && byX[i][0] <= Math.max(p[0], q[0]) + EPS; i++) {
          const v = byX[i];
          const t = ((v[0] - p[0]) * dx + (v[1] - p[1]) * dy) / (len * len);
          if (t * len <= EPS || (1 - t) * len <= EPS) continue; // an end (or beyond it)
          if (Math.abs((v[0] - p[0]) * dy - (v[1] - p[1]) * dx) / len <= EPS) on.push([t, v]);
        }
        on.sort((a, b) => a[0] - b[0]);
        for (const [, v] of on) if (v[0] !== out[out.length - 1][0] || v[1] !== out[out.length - 1][1]) out.push(v);
      }
      out.push(ring[ring.length - 1]);
      return out;
    }),
  );
}

describe('progress', () => {
  it('reports each phase in order, ending once with done, through validate and repair alike', () => {
    const seen: string[] = [];
    const r0 = parseGrids(damaged(30, 7, 3));
    if (!r0.ok) throw new Error(r0.problems[0].message);
    validateCoverage(r0.gridSet, {
      onProgress: (p) => {
        seen.push(p.phase);
        expect(p.done).toBeLessThanOrEqual(p.total);
      },
    });
    expect([...new Set(seen)]).toEqual(['geometry', 'hashing', 'outer border', 'resolve', 'done']);
    expect(seen.filter((p) => p === 'done')).toHaveLength(1);
    const rounds: string[] = [];
    repairCoverage(r0.gridSet, { gapWidth: Infinity, onProgress: (p) => rounds.push(p.phase) });
    expect(rounds.filter((p) => p === 'done').length).toBeGreaterThanOrEqual(2); // the first check, then one per round
  });
});
