import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitAlong, validateCoverage } from '../../src/index.ts';
import { sixGrids } from './six-grids.ts';

describe('splitAlong', () => {
  it('splits the one grid a line cuts in two; a dangling end in a neighbour splits nothing there', () => {
    const gs = sixGrids();
    const r = splitAlong(gs, [
      [109.0085, 32.7055],
      [109.0215, 32.7055],
    ]);
    expect(r.split).toEqual([{ id: 'HB-1-2', pieces: ['HB-1-2', 'HB-1-2-2'] }]);
    expect(r.skipped.map((s) => s.id).sort()).toEqual(['HB-1-1', 'HB-1-3']);
    expect(r.gridSet.grids).toHaveLength(7);
    expect(validateCoverage(r.gridSet).valid).toBe(true);
    expect(r.gridSet.byId.get('HB-1-2-2')!.name).toBe('新城社区二网格-2');
  });

  it('splits every grid a long street crosses, in one edit', () => {
    const r = splitAlong(sixGrids(), [
      [108.995, 32.705],
      [109.035, 32.705],
    ]);
    expect(r.split.map((s) => s.id)).toEqual(['HB-1-1', 'HB-1-2', 'HB-1-3']);
    expect(r.gridSet.grids).toHaveLength(9);
    expect(validateCoverage(r.gridSet).valid).toBe(true);
  });

  it('splits only the selected grids when asked', () => {
    const r = splitAlong(
      sixGrids(),
      [
        [108.995, 32.705],
        [109.035, 32.705],
      ],
      { only: ['HB-1-3'] },
    );
    expect(r.split.map((s) => s.id)).toEqual(['HB-1-3']);
    expect(validateCoverage(r.gridSet).valid).toBe(true);
  });

  it('takes the next free id when a grid is split again', () => {
    const once = splitAlong(sixGrids(), [
      [108.995, 32.704],
      [109.011, 32.704],
    ]).gridSet;
    expect(once.byId.has('HB-1-1-2')).toBe(true);
    // The larger (north) piece kept HB-1-1; split it once more, north–south.
    const twice = splitAlong(
      once,
      [
        [109.005, 32.703],
        [109.005, 32.711],
      ],
      { only: ['HB-1-1'] },
    );
    expect(twice.split[0].pieces).toEqual(['HB-1-1', 'HB-1-1-3']);
    expect(validateCoverage(twice.gridSet).valid).toBe(true);
  });

  it("reports a line that cuts nothing, with core's reason", () => {
    const r = splitAlong(sixGrids(), [
      [109.002, 32.702],
      [109.004, 32.704],
    ]);
    expect(r.split).toEqual([]);
    expect(r.skipped[0].reason).toMatch(/does not cut/);
    expect(() => splitAlong(sixGrids(), [[109, 32]])).toThrow(/two or more positions/);
  });
});

describe('splitAlong: properties', () => {
  const total = (gs: ReturnType<typeof sixGrids>) => gs.grids.reduce((a, g) => a + g.area_m2, 0);

  it('property: a street across the whole southern row splits its three grids into pieces summing to the whole, coverage clean', () => {
    const y = fc.double({ min: 32.701, max: 32.709, noNaN: true });
    fc.assert(
      fc.property(y, y, (y0, y1) => {
        const gs = sixGrids();
        const r = splitAlong(gs, [
          [108.995, y0],
          [109.035, y1],
        ]);
        expect(r.split.map((s) => s.id)).toEqual(['HB-1-1', 'HB-1-2', 'HB-1-3']);
        expect(r.gridSet.grids).toHaveLength(9);
        expect(validateCoverage(r.gridSet).problems).toEqual([]);
        expect(Math.abs(total(r.gridSet) - total(gs)) / total(gs)).toBeLessThan(1e-6);
      }),
      { numRuns: Number(process.env.RUNS ?? 30) },
    );
  });
});
