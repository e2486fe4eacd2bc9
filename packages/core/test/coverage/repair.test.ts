import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as polyclip from 'polyclip-ts';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, metresPerDegree, mulberry32, parseGrids, repairCoverage, validateCoverage, type RepairCoverageOptions } from '../../src/index.ts';
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
  it.each(['overlap', 'huge-and-tiny-overlap', 'duplicate-geometry', 'sliver-gap', 'outside-parent', 'misalignment-1e-9', 't-junction', 'jts-collinear-unmatched-edge'])('%s: validates clean after repair', (name) => {
    const r = repairFixture(name);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(validateCoverage(r.gridSet, { parent: fixture(name).parent }).valid).toBe(true);
  });

  it.each(['clean-2x2', 'parent-clean', 'multipolygon-enclave', 'huge-and-tiny', 'duplicate-consecutive-points'])('%s: a clean coverage comes back unchanged', (name) => {
    const r = repairFixture(name);
    expect(r.actions).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.gridSet.grids).toEqual(r.before.grids);
  });

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
      expect(r.problems.some((p) => p.kind === 'invalid-geometry'), name).toBe(true);
      expect(r.gridSet.grids.length, name).toBe(r.before.grids.length);
      expect(r.gridSet.grids.map((g) => g.geometry), name).toEqual(r.before.grids.map((g) => g.geometry));
    }
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
  const tiling = JSON.parse(JSON.stringify(voronoiTiling({ grids, seed, bbox: [109.0, 32.7, 109.05, 32.75], verticesPerPolygon: 16, multiPartShare: 0.1, holeShare: 0.05 }))) as FeatureCollection<Polygon | MultiPolygon>;
  for (let m = 0; m < moves; m++) {
    const f = tiling.features[Math.floor(rng() * tiling.features.length)];
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const ring = polys[Math.floor(rng() * polys.length)][0];
    const n = ring.length - 1;
    const k = Math.floor(rng() * n);
    const v = ring[k], prev = ring[(k + n - 1) % n], next = ring[(k + 1) % n];
    const { kx, ky } = metresPerDegree(v[1]);
    const reach = 0.1 * Math.min(Math.hypot((prev[0] - v[0]) * kx, (prev[1] - v[1]) * ky), Math.hypot((next[0] - v[0]) * kx, (next[1] - v[1]) * ky));
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
  const box: Polygon = { type: 'Polygon', coordinates: [[[109.0, 32.7], [109.05, 32.7], [109.05, 32.75], [109.0, 32.75], [109.0, 32.7]]] };

  it('repairs any randomly damaged tiling to a clean one that covers its parent exactly (total area conserved)', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('longest-border', 'largest-area', 'smallest-area', 'lowest-id' as const), (grids, seed, moves, strategy) => {
      const r0 = parseGrids(damaged(grids, seed, moves));
      if (!r0.ok) throw new Error(r0.problems[0].message);
      const r = repairCoverage(r0.gridSet, { parent: box, gapWidth: Infinity, strategy });
      expect(r.problems).toEqual([]);
      expect(Math.abs(total(r.gridSet) - ellipsoidalArea(box)) / ellipsoidalArea(box)).toBeLessThan(1e-7);
      expect(r.gridSet.grids.length).toBe(grids);
    }), { numRuns: Number(process.env.RUNS ?? 30) });
  });

  it('without a parent, conserves the covered area plus exactly the gaps it merged', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), (grids, seed) => {
      const r0 = parseGrids(damaged(grids, seed, 4));
      if (!r0.ok) throw new Error(r0.problems[0].message);
      // What the input covers, independently: the union of all grids (places under three grids counted once).
      const [first, ...rest] = r0.gridSet.grids.map((g) => g.geometry.coordinates as polyclip.Geom);
      const covered = ellipsoidalArea({ type: 'MultiPolygon', coordinates: polyclip.union(first, ...rest) as Position[][][] });
      const r = repairCoverage(r0.gridSet, { gapWidth: Infinity });
      expect(r.problems).toEqual([]);
      const merged = r.actions.filter((a) => a.kind === 'gap').reduce((s, a) => s + a.area_m2, 0);
      // Snapping moves borders by up to 4 cm: slivers narrower than the 2 cm tolerance (edge
      // mismatches, not areas) may go either way, up to 4 cm times their length.
      const mismatched = validateCoverage(r0.gridSet).problems.filter((p) => p.kind === 'edge-mismatch').reduce((s, p) => s + lineMetres(p.geometry as MultiLineString), 0);
      expect(Math.abs(total(r.gridSet) - (covered + merged))).toBeLessThan(0.5 * (1 + r.actions.length) + 0.04 * mismatched);
    }), { numRuns: Number(process.env.RUNS ?? 30) });
  });
});

describe('progress', () => {
  it('reports each phase in order, ending once with done, through validate and repair alike', () => {
    const seen: string[] = [];
    const r0 = parseGrids(damaged(30, 7, 3));
    if (!r0.ok) throw new Error(r0.problems[0].message);
    validateCoverage(r0.gridSet, { onProgress: (p) => { seen.push(p.phase); expect(p.done).toBeLessThanOrEqual(p.total); } });
    expect([...new Set(seen)]).toEqual(['geometry', 'hashing', 'outer border', 'resolve', 'done']);
    expect(seen.filter((p) => p === 'done')).toHaveLength(1);
    const rounds: string[] = [];
    repairCoverage(r0.gridSet, { gapWidth: Infinity, onProgress: (p) => rounds.push(p.phase) });
    expect(rounds.filter((p) => p === 'done').length).toBeGreaterThanOrEqual(2); // the first check, then one per round
  });
});
