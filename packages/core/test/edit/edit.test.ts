import fc from 'fast-check';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  CitygridError,
  mergeGrids,
  metresPerDegree,
  moveBoundary,
  parseGrids,
  splitGrid,
  validateCoverage,
  type GridSet,
} from '../../src/index.ts';
import { voronoiTiling } from '../support/voronoi-tiling.ts';

function tiling(grids: number, seed: number, options: { multiPartShare?: number; holeShare?: number } = {}): GridSet {
  const r = parseGrids(
    voronoiTiling({
      grids,
      seed,
      bbox: [109.0, 32.7, 109.05, 32.75],
      verticesPerPolygon: 24,
      multiPartShare: 0,
      holeShare: 0,
      ...options,
    }) as FeatureCollection<Polygon | MultiPolygon>,
  );
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

const total = (gs: GridSet) => gs.grids.reduce((s, g) => s + g.area_m2, 0);

/** Two grids sharing a border: the first pair found by an exact reversed edge. */
function neighbours(gs: GridSet): [string, string] {
  const owner = new Map<string, string>();
  for (const g of gs.grids) {
    const ring = (g.geometry as Polygon).coordinates[0];
    for (let i = 0; i + 1 < ring.length; i++) owner.set(`${ring[i]};${ring[i + 1]}`, g.id);
  }
  for (const g of gs.grids) {
    const ring = (g.geometry as Polygon).coordinates[0];
    for (let i = 0; i + 1 < ring.length; i++) {
      const other = owner.get(`${ring[i + 1]};${ring[i]}`);
      if (other && other !== g.id) return [g.id, other];
    }
  }
  throw new Error('no neighbours');
}

/** A line through a grid's inner point at an angle, long enough to leave it on both sides. */
function across(gs: GridSet, id: string, angle: number): Position[] {
  const g = gs.byId.get(id)!;
  const ring = (g.geometry as Polygon).coordinates[0];
  const cx = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
  const cy = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
  const r = Math.max(g.bbox[2] - g.bbox[0], g.bbox[3] - g.bbox[1]) * 2;
  return [
    [cx - r * Math.cos(angle), cy - r * Math.sin(angle)],
    [cx + r * Math.cos(angle), cy + r * Math.sin(angle)],
  ];
}

describe('mergeGrids', () => {
  it('dissolves the shared border; the coverage stays clean, the area is the sum, the others are untouched', () => {
    const gs = tiling(30, 1);
    const [a, b] = neighbours(gs);
    const merged = mergeGrids(gs, [a, b]);
    expect(merged.grids).toHaveLength(29);
    expect(merged.byId.get(b)).toBeUndefined();
    expect(merged.byId.get(a)!.geometry.type).toBe('Polygon');
    expect(merged.byId.get(a)!.area_m2).toBeCloseTo(gs.byId.get(a)!.area_m2 + gs.byId.get(b)!.area_m2, 3);
    expect(validateCoverage(merged).problems).toEqual([]);
    for (const g of merged.grids) if (g.id !== a) expect(g).toBe(gs.byId.get(g.id));
  });

  it('makes one multi-part grid (一格多点) of grids that do not touch', () => {
    const gs = tiling(30, 2);
    const far = [...gs.grids].sort((p, q) => p.bbox[0] - q.bbox[0]);
    const merged = mergeGrids(gs, [far[0].id, far[far.length - 1].id]);
    expect(merged.byId.get(far[0].id)!.geometry.type).toBe('MultiPolygon');
    expect(validateCoverage(merged).problems).toEqual([]);
  });

  it('refuses unknown ids and fewer than two grids', () => {
    const gs = tiling(5, 3);
    expect(() => mergeGrids(gs, [gs.grids[0].id, 'nope'])).toThrow(CitygridError);
    expect(() => mergeGrids(gs, [gs.grids[0].id, gs.grids[0].id])).toThrow(expect.objectContaining({ code: 'CG_ERR_OPTION' }));
  });
});

describe('splitGrid', () => {
  it('cuts a grid in two along a line; neighbours get the crossing points; the coverage stays clean', () => {
    const gs = tiling(30, 4);
    const id = gs.grids[12].id;
    const next = splitGrid(gs, id, { type: 'LineString', coordinates: across(gs, id, 0.7) });
    expect(next.grids).toHaveLength(31);
    expect(next.byId.has(`${id}-2`)).toBe(true);
    expect(next.byId.get(`${id}-2`)!.properties.id).toBe(`${id}-2`);
    // Relative 1e-6: areas draw edges straight in the authalic projection, so a vertex added on a
    // lon/lat-straight edge moves the area by ~1e-8 of it.
    expect(
      Math.abs(next.byId.get(id)!.area_m2 + next.byId.get(`${id}-2`)!.area_m2 - gs.byId.get(id)!.area_m2) / gs.byId.get(id)!.area_m2,
    ).toBeLessThan(1e-6);
    expect(next.byId.get(id)!.area_m2).toBeGreaterThanOrEqual(next.byId.get(`${id}-2`)!.area_m2);
    expect(validateCoverage(next).problems).toEqual([]);
  });

  it('follows a bent line, keeps its inner vertices, and takes the ids it is given', () => {
    const gs = tiling(12, 5);
    const id = gs.grids[5].id;
    const [p, q] = across(gs, id, 1.9);
    const mid: Position = [(p[0] + q[0]) / 2 + 0.0004, (p[1] + q[1]) / 2];
    const next = splitGrid(gs, id, [p, mid, q], { ids: ['NEW'] });
    expect(next.byId.has('NEW')).toBe(true);
    expect(validateCoverage(next).problems).toEqual([]);
  });

  it('refuses a line that does not cross the grid from border to border', () => {
    const gs = tiling(12, 6);
    const g = gs.grids[3];
    const inside: Position[] = [
      [(g.bbox[0] * 3 + g.bbox[2]) / 4, (g.bbox[1] + g.bbox[3]) / 2],
      [(g.bbox[0] + g.bbox[2] * 3) / 4 - 1e-9, (g.bbox[1] + g.bbox[3]) / 2],
    ];
    expect(() =>
      splitGrid(gs, g.id, [
        [0, 0],
        [0.1, 0.1],
      ]),
    ).toThrow(/CG_ERR_EDIT_INVALID|does not cut/);
    try {
      splitGrid(gs, g.id, inside);
    } catch (e) {
      expect((e as CitygridError).problems[0].code).toBe('CG_ERR_EDIT_INVALID');
    }
  });

  it('property: any grid, any angle: split then merge back gives a clean coverage with the same area', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        (n, seed, angle) => {
          const gs = tiling(n, seed);
          const id = gs.grids[seed % n].id;
          const next = splitGrid(gs, id, across(gs, id, angle));
          expect(validateCoverage(next).problems).toEqual([]);
          expect(Math.abs(total(next) - total(gs)) / total(gs)).toBeLessThan(1e-6);
          const back = mergeGrids(next, [id, `${id}-2`]);
          expect(validateCoverage(back).problems).toEqual([]);
          expect(Math.abs(back.byId.get(id)!.area_m2 - gs.byId.get(id)!.area_m2) / gs.byId.get(id)!.area_m2).toBeLessThan(1e-6);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 40) },
    );
  });
});

describe('moveBoundary', () => {
  /** The shared border of a and b as a's ring runs it: its two ends. */
  function ends(gs: GridSet, a: string, b: string): [Position, Position] {
    const ra = (gs.byId.get(a)!.geometry as Polygon).coordinates[0].slice(0, -1);
    const rb = new Set((gs.byId.get(b)!.geometry as Polygon).coordinates[0].map((p) => `${p}`));
    const n = ra.length;
    const on = ra.map((p, i) => rb.has(`${p}`) && rb.has(`${ra[(i + 1) % n]}`));
    const start = on.findIndex((s, i) => s && !on[(i + n - 1) % n]);
    let k = 0;
    while (on[(start + k) % n]) k++;
    return [ra[start], ra[(start + k) % n]];
  }

  it('moves a shared border onto a bent line: both grids reshaped, total area kept, coverage clean', () => {
    const gs = tiling(20, 7);
    const [a, b] = neighbours(gs);
    const [p, q] = ends(gs, a, b);
    const { kx, ky } = metresPerDegree(p[1]);
    // Bend the border 15 m sideways at its middle.
    const len = Math.hypot((q[0] - p[0]) * kx, (q[1] - p[1]) * ky);
    const mid: Position = [
      (p[0] + q[0]) / 2 - ((((q[1] - p[1]) * ky) / len) * 15) / kx,
      (p[1] + q[1]) / 2 + ((((q[0] - p[0]) * kx) / len) * 15) / ky,
    ];
    const next = moveBoundary(gs, [a, b], [p, mid, q]);
    expect(validateCoverage(next).problems).toEqual([]);
    const before = gs.byId.get(a)!.area_m2 + gs.byId.get(b)!.area_m2;
    const after = next.byId.get(a)!.area_m2 + next.byId.get(b)!.area_m2;
    expect(Math.abs(after - before)).toBeLessThan(0.01);
    expect(Math.abs(next.byId.get(a)!.area_m2 - gs.byId.get(a)!.area_m2)).toBeGreaterThan(10);
    // Drawn backwards, the same line gives the same result.
    expect(moveBoundary(gs, [a, b], [q, mid, p]).byId.get(a)!.area_m2).toBeCloseTo(next.byId.get(a)!.area_m2, 6);
  });

  it('snaps line ends within 1 m of the border ends, and refuses lines that miss them or cross other grids', () => {
    const gs = tiling(20, 8);
    const [a, b] = neighbours(gs);
    const [p, q] = ends(gs, a, b);
    const nudged: Position = [p[0] + 3e-6, p[1]];
    expect(validateCoverage(moveBoundary(gs, [a, b], [nudged, q])).problems).toEqual([]);
    expect(() => moveBoundary(gs, [a, b], [[p[0] + 0.001, p[1]], q])).toThrow(/must start and end/);
    // Out through a third grid: far off to the side.
    const far: Position = [(p[0] + q[0]) / 2 + 0.02, (p[1] + q[1]) / 2 + 0.02];
    try {
      moveBoundary(gs, [a, b], [p, far, q]);
      expect.unreachable();
    } catch (e) {
      expect((e as CitygridError).problems[0].code).toBe('CG_ERR_EDIT_INVALID');
    }
  });
});
