import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffRing, gridsWithVertex, insertVertex, moveVertex, validateCoverage, type Grid } from '../../src/index.ts';
import { sixGrids } from './six-grids.ts';

const ring = (g: Grid) => (g.geometry.type === 'Polygon' ? g.geometry.coordinates[0] : []);

describe('moveVertex', () => {
  it('moves a vertex in every grid that has it: the four corners meeting there, the coverage stays clean', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.01, 32.71], [109.012, 32.709]);
    expect(r.changed.sort()).toEqual(['HB-1-1', 'HB-1-2', 'HB-2-1', 'HB-2-2']);
    for (const id of r.changed) expect(ring(r.gridSet.byId.get(id)!)).toContainEqual([109.012, 32.709]);
    expect(validateCoverage(r.gridSet).valid).toBe(true);
    const total = (s: typeof gs) => s.grids.reduce((a, g) => a + g.area_m2, 0);
    expect(total(r.gridSet)).toBeCloseTo(total(gs), 0);
  });

  it('keeps untouched grids as the same objects', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.01, 32.71], [109.012, 32.709]);
    expect(r.gridSet.byId.get('HB-1-3')).toBe(gs.byId.get('HB-1-3'));
    expect(r.gridSet.byId.get('HB-1-1')).not.toBe(gs.byId.get('HB-1-1'));
  });

  it('with `only`, moves it in that grid alone: a gap opens where the grid was pulled back', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.01, 32.71], [109.012, 32.712], { only: ['HB-2-2'] });
    expect(r.changed).toEqual(['HB-2-2']);
    const problems = validateCoverage(r.gridSet).problems;
    expect(problems.map((p) => p.kind)).toEqual(['gap']);
    expect(problems[0].area_m2).toBeGreaterThan(1000);
  });

  it('moves the closing vertex with the first one', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.0, 32.7], [108.999, 32.699]);
    const rg = ring(r.gridSet.byId.get('HB-1-1')!);
    expect(rg[0]).toEqual([108.999, 32.699]);
    expect(rg.at(-1)).toEqual([108.999, 32.699]);
  });

  it('recomputes area and bbox of the changed grids', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.0, 32.7], [108.99, 32.7], { only: ['HB-1-1'] });
    const g = r.gridSet.byId.get('HB-1-1')!;
    expect(g.bbox[0]).toBe(108.99);
    expect(g.area_m2).toBeGreaterThan(gs.byId.get('HB-1-1')!.area_m2 * 1.4);
  });

  it('changes nothing (same set) when no grid has the vertex', () => {
    const gs = sixGrids();
    const r = moveVertex(gs, [109.005, 32.705], [109.006, 32.705]);
    expect(r.changed).toEqual([]);
    expect(r.gridSet).toBe(gs);
  });

  it('refuses a move that collapses a ring to fewer than three vertices', () => {
    const gs = moveVertex(sixGrids(), [109.01, 32.7], [109.0, 32.7], { only: ['HB-1-1'] }).gridSet; // a triangle now
    expect(() => moveVertex(gs, [109.01, 32.71], [109.0, 32.71], { only: ['HB-1-1'] })).toThrow(/fewer than three/);
  });
});

describe('insertVertex', () => {
  it("adds the vertex on a shared edge to both grids, in each one's direction", () => {
    const gs = sixGrids();
    const r = insertVertex(gs, [109.01, 32.7], [109.01, 32.71], [109.0102, 32.705]);
    expect(r.changed.sort()).toEqual(['HB-1-1', 'HB-1-2']);
    for (const id of r.changed) expect(ring(r.gridSet.byId.get(id)!)).toHaveLength(6);
    expect(validateCoverage(r.gridSet).valid).toBe(true);
    // and a later move of the new vertex keeps the border shared
    const moved = moveVertex(r.gridSet, [109.0102, 32.705], [109.013, 32.706]);
    expect(moved.changed.sort()).toEqual(['HB-1-1', 'HB-1-2']);
    expect(validateCoverage(moved.gridSet).valid).toBe(true);
  });

  it('adds it to one grid only on an outer edge', () => {
    const r = insertVertex(sixGrids(), [109.0, 32.7], [109.01, 32.7], [109.005, 32.699]);
    expect(r.changed).toEqual(['HB-1-1']);
  });
});

describe('diffRing', () => {
  const before = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  it.each([
    [
      'one vertex moved',
      [
        [0, 0],
        [1.5, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      { kind: 'move', index: 1, to: [1.5, 0] },
    ],
    [
      'the first vertex moved (and the closing one with it)',
      [
        [0.2, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0.2, 0],
      ],
      { kind: 'move', index: 0, to: [0.2, 0] },
    ],
    [
      'a vertex inserted',
      [
        [0, 0],
        [1, 0],
        [1.2, 0.5],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      { kind: 'insert', index: 2, point: [1.2, 0.5] },
    ],
    ['nothing changed', before, null],
    [
      'two vertices moved',
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 1],
        [0, 0],
      ],
      null,
    ],
    [
      'rounded by terra-draw only',
      [
        [0, 0],
        [1 + 1e-10, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      null,
    ],
  ] as const)('%s', (_why, after, expected) => {
    expect(diffRing(before, after as unknown as number[][])).toEqual(expected);
  });
});

describe('gridsWithVertex', () => {
  it('lists every grid meeting at a vertex', () => {
    expect(gridsWithVertex(sixGrids(), [109.02, 32.71]).sort()).toEqual(['HB-1-2', 'HB-1-3', 'HB-2-2', 'HB-2-3']);
    expect(gridsWithVertex(sixGrids(), [109.03, 32.72])).toEqual(['HB-2-3']);
  });
});

describe('vertex edits: properties', () => {
  const total = (gs: ReturnType<typeof sixGrids>) => gs.grids.reduce((a, g) => a + g.area_m2, 0);
  // Within 0.004° of a lattice vertex (grids are 0.01° squares) every quad stays simple.
  const near = (c: number) => fc.double({ min: c - 0.004, max: c + 0.004, noNaN: true });

  it('property: moving an inner vertex anywhere near keeps a clean coverage of the same area, and moving it back restores every ring', () => {
    fc.assert(
      fc.property(fc.constantFrom(109.01, 109.02), near(0), near(0), (x, dx, dy) => {
        const gs = sixGrids();
        const from = [x, 32.71],
          to = [x + dx, 32.71 + dy];
        const moved = moveVertex(gs, from, to);
        expect(moved.changed).toHaveLength(4);
        expect(validateCoverage(moved.gridSet).problems).toEqual([]);
        expect(Math.abs(total(moved.gridSet) - total(gs)) / total(gs)).toBeLessThan(1e-9);
        const back = moveVertex(moved.gridSet, to, from).gridSet;
        for (const g of gs.grids) expect(back.byId.get(g.id)!.geometry).toEqual(g.geometry);
      }),
      { numRuns: Number(process.env.RUNS ?? 40) },
    );
  });

  it('property: a vertex inserted anywhere on a shared edge goes into both grids, which then share it', () => {
    fc.assert(
      fc.property(fc.constantFrom(109.01, 109.02), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (x, t) => {
        const gs = sixGrids();
        const point = [x, 32.7 + 0.01 * t];
        const r = insertVertex(gs, [x, 32.7], [x, 32.71], point);
        expect(r.changed).toHaveLength(2);
        expect(gridsWithVertex(r.gridSet, point).sort()).toEqual([...r.changed].sort());
        expect(validateCoverage(r.gridSet).problems).toEqual([]);
      }),
      { numRuns: Number(process.env.RUNS ?? 40) },
    );
  });
});
