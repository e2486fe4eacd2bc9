import { describe, expect, it } from 'vitest';
import { diffGrids, ellipsoidalArea, parseGrids, type GridSet } from '../../src/index.ts';

type Ring = [number, number][];
const box = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A grid set from id → outer ring, in the order given. */
function grids(rings: Record<string, Ring>): GridSet {
  const features = Object.entries(rings).map(([id, ring]) => ({
    type: 'Feature' as const,
    properties: { id },
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
  }));
  const parsed = parseGrids({ type: 'FeatureCollection', features });
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return parsed.gridSet;
}

// The 2×2 of 0.01° squares near Ankang: A1 SW, A2 SE, B1 NW, B2 NE.
const TWO_BY_TWO = {
  A1: box(109.0, 32.68, 109.01, 32.69),
  A2: box(109.01, 32.68, 109.02, 32.69),
  B1: box(109.0, 32.69, 109.01, 32.7),
  B2: box(109.01, 32.69, 109.02, 32.7),
};
const m2 = (ring: Ring) => ellipsoidalArea({ type: 'Polygon', coordinates: [ring] });
const SQUARE = m2(TWO_BY_TWO.A1); // ≈ 1.04 km²
// The A1|A2 border moved 0.001° east: a strip of 93.78 m × 1108.99 m ≈ 104,005 m² changes hands.
const STRIP = m2(box(109.01, 32.68, 109.011, 32.69));

describe('diffGrids', () => {
  it('finds nothing between a grid set and itself', () => {
    expect(diffGrids(grids(TWO_BY_TWO), grids(TWO_BY_TWO))).toEqual({ changes: [], unchanged: 4 });
  });

  it('moving a border: one grid gains the strip taken from its neighbour, which lost it to it', () => {
    const moved = grids({ ...TWO_BY_TWO, A1: box(109.0, 32.68, 109.011, 32.69), A2: box(109.011, 32.68, 109.02, 32.69) });
    const { changes, unchanged } = diffGrids(grids(TWO_BY_TWO), moved);
    expect(unchanged).toBe(2);
    expect(changes.map((c) => [c.id, c.change])).toEqual([
      ['A1', 'changed'],
      ['A2', 'changed'],
    ]);
    const [a1, a2] = changes;
    expect(a1.gained_m2).toBeCloseTo(STRIP, 1);
    expect(a1.lost_m2).toBe(0);
    expect(a1.taken_from).toEqual([{ id: 'A2', area_m2: expect.closeTo(STRIP, 1) }]);
    expect(a1.given_to).toEqual([]);
    expect(a1.to_m2 - a1.from_m2).toBeCloseTo(STRIP, 1);
    expect(a2).toMatchObject({ gained_m2: 0, taken_from: [], given_to: [{ id: 'A1', area_m2: expect.closeTo(STRIP, 1) }] });
    expect(a2.lost_m2).toBeCloseTo(STRIP, 1);
    expect(STRIP).toBeGreaterThan(103_000);
    expect(STRIP).toBeLessThan(105_000);
  });

  it('a removed grid gives its area to nobody (a gap) unless a neighbour grew over it', () => {
    const { A1, B1, B2 } = TWO_BY_TWO;
    expect(diffGrids(grids(TWO_BY_TWO), grids({ A1, B1, B2 })).changes).toEqual([
      {
        id: 'A2',
        change: 'removed',
        from_m2: expect.closeTo(SQUARE, 2),
        to_m2: 0,
        gained_m2: 0,
        lost_m2: expect.closeTo(SQUARE, 2),
        taken_from: [],
        given_to: [{ id: null, area_m2: expect.closeTo(SQUARE, 2) }],
      },
    ]);
    const merged = diffGrids(grids(TWO_BY_TWO), grids({ A1: box(109.0, 32.68, 109.02, 32.69), B1, B2 })).changes;
    expect(merged.map((c) => [c.id, c.change])).toEqual([
      ['A1', 'changed'],
      ['A2', 'removed'],
    ]);
    expect(merged[0].taken_from).toEqual([{ id: 'A2', area_m2: expect.closeTo(SQUARE, 1) }]);
    expect(merged[1].given_to).toEqual([{ id: 'A1', area_m2: expect.closeTo(SQUARE, 1) }]);
  });

  it('an added grid outside every old grid takes its area from nobody', () => {
    const c1 = box(109.02, 32.68, 109.03, 32.69);
    const [added] = diffGrids(grids(TWO_BY_TWO), grids({ ...TWO_BY_TWO, C1: c1 })).changes;
    expect(added).toMatchObject({
      id: 'C1',
      change: 'added',
      from_m2: 0,
      lost_m2: 0,
      given_to: [],
      taken_from: [{ id: null, area_m2: expect.closeTo(m2(c1), 1) }],
    });
    expect(added.gained_m2).toBeCloseTo(m2(c1), 2);
  });

  it('splitting a grid in two: both halves are added, taken from the removed grid', () => {
    const { A2, B1, B2 } = TWO_BY_TWO;
    const west = box(109.0, 32.68, 109.005, 32.69);
    const east = box(109.005, 32.68, 109.01, 32.69);
    const { changes } = diffGrids(grids(TWO_BY_TWO), grids({ A1w: west, A1e: east, A2, B1, B2 }));
    expect(changes.map((c) => [c.id, c.change])).toEqual([
      ['A1w', 'added'],
      ['A1e', 'added'],
      ['A1', 'removed'],
    ]);
    expect(changes[0].taken_from).toEqual([{ id: 'A1', area_m2: expect.closeTo(m2(west), 1) }]);
    expect(changes[2].given_to.map((s) => s.id)).toEqual(['A1e', 'A1w']);
    expect(changes[2].given_to.reduce((s, x) => s + x.area_m2, 0)).toBeCloseTo(SQUARE, 1);
  });

  it('the same polygon from another start vertex is changed, with nothing gained or lost', () => {
    const ring = TWO_BY_TWO.A1;
    const rotated = [...ring.slice(1, 4), ring[0], ring[1]] as Ring;
    expect(diffGrids(grids(TWO_BY_TWO), grids({ ...TWO_BY_TWO, A1: rotated })).changes).toEqual([
      {
        id: 'A1',
        change: 'changed',
        from_m2: expect.any(Number),
        to_m2: expect.any(Number),
        gained_m2: 0,
        lost_m2: 0,
        taken_from: [],
        given_to: [],
      },
    ]);
  });

  it('is symmetric: what one grid gained from → to it lost to → from, and taken_from becomes given_to', () => {
    const a = grids(TWO_BY_TWO);
    const b = grids({
      A1: box(109.0, 32.68, 109.013, 32.693),
      A2: box(109.013, 32.68, 109.02, 32.69),
      B1: TWO_BY_TWO.B1,
      C: box(109.01, 32.693, 109.02, 32.71),
    });
    const forward = new Map(diffGrids(a, b).changes.map((c) => [c.id, c]));
    const backward = new Map(diffGrids(b, a).changes.map((c) => [c.id, c]));
    expect([...forward.keys()].sort()).toEqual([...backward.keys()].sort());
    for (const [id, f] of forward) {
      const r = backward.get(id)!;
      expect(r.lost_m2, id).toBeCloseTo(f.gained_m2, 2);
      expect(r.gained_m2, id).toBeCloseTo(f.lost_m2, 2);
      expect(r.given_to, id).toEqual(f.taken_from);
      expect(r.taken_from, id).toEqual(f.given_to);
    }
  });
});
