import { describe, expect, it } from 'vitest';
import type { CoverageProblem } from '@citygrid/core';
import { createVertexIndex } from '../../src/plan/vertex-snap.ts';
import { commandFor, SHORTCUTS, shortcutLabel } from '../../src/plan/shortcuts.ts';
import { formatArea, kindName, problemLabel, problemRow } from '../../src/plan/problem-text.ts';
import { impactRows, impactSummary } from '../../src/plan/impact-rows.ts';
import { geometryBox, gridsToCollection, problemsToCollection } from '../../src/plan/grid-features.ts';
import { moveVertex } from '@citygrid/core';
import { sixGrids } from './fixtures.ts';

describe('createVertexIndex', () => {
  it('finds the nearest distinct vertex within the radius, and nothing outside it', () => {
    const index = createVertexIndex(sixGrids());
    expect(index.size).toBe(12);
    expect(index.nearest(109.0101, 32.7099, 3e-4, 3e-4)).toEqual([109.01, 32.71]);
    expect(index.nearest(109.005, 32.705, 3e-4, 3e-4)).toBeNull();
    // ellipse, not box: 0.9 of the radius on both axes is outside
    expect(index.nearest(109.01 + 2.7e-4, 32.71 + 2.7e-4, 3e-4, 3e-4)).toBeNull();
  });

  it('skips the vertex being dragged', () => {
    const index = createVertexIndex(sixGrids());
    expect(index.nearest(109.01, 32.71, 3e-4, 3e-4, [109.01, 32.71])).toBeNull();
  });

  it('agrees with a brute-force scan', () => {
    const gs = moveVertex(sixGrids(), [109.01, 32.71], [109.0111, 32.7093]).gridSet;
    const index = createVertexIndex(gs);
    const all = [
      ...new Set(gs.grids.flatMap((g) => (g.geometry.type === 'Polygon' ? g.geometry.coordinates[0] : [])).map((p) => p.join())),
    ].map((s) => s.split(',').map(Number));
    for (let i = 0; i < 200; i++) {
      const [x, y, r] = [108.998 + (i % 20) * 0.0017, 32.698 + Math.floor(i / 20) * 0.0025, 0.0012];
      const brute =
        all
          .map((p) => ({ p, d: ((p[0] - x) / r) ** 2 + ((p[1] - y) / r) ** 2 }))
          .filter((c) => c.d <= 1)
          .sort((a, b) => a.d - b.d)[0]?.p ?? null;
      expect(index.nearest(x, y, r, r)).toEqual(brute);
    }
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it.each([
    [key('z', { ctrlKey: true }), 'undo'],
    [key('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('z', { metaKey: true }), 'undo'],
    [key('s'), 'split'],
    [key('S', { shiftKey: true }), 'split'],
    [key('s', { ctrlKey: true }), 'save'],
    [key('m'), 'merge'],
    [key('v'), 'select'],
    [key('Escape'), 'cancel'],
    [key('z'), null],
    [key('s', { altKey: true }), null],
    [key('q'), null],
  ] as const)('%o → %s', (e, command) => {
    expect(commandFor(e)).toBe(command);
  });
  it('labels each shortcut for the help list', () => {
    expect(SHORTCUTS.map(shortcutLabel)).toContain('Ctrl+Shift+Z');
    expect(SHORTCUTS.map(shortcutLabel)).toContain('Esc');
  });
});

describe('problem text', () => {
  const gap: CoverageProblem = { kind: 'gap', grids: ['A', 'B'], geometry: { type: 'Point', coordinates: [0, 0] }, area_m2: 1234.567 };
  it('formats areas to a precision that suits them', () => {
    expect(formatArea(1234.567)).toBe('1,235 m²');
    expect(formatArea(123.456)).toBe('123.5 m²');
    expect(formatArea(3.14159)).toBe('3.14 m²');
  });
  it('names kinds, slivers apart', () => {
    expect(kindName({ kind: 'overlap' })).toBe('重叠');
    expect(kindName({ kind: 'gap', sliver: true })).toBe('狭缝空隙');
  });
  it('labels a problem with its area and its grids by name', () => {
    expect(problemLabel(gap)).toBe('空隙 1,235 m²');
    expect(problemRow(gap, new Map([['A', '甲网格']]))).toBe('空隙 1,235 m² · 甲网格、B');
    expect(problemLabel({ ...gap, kind: 'edge-mismatch', area_m2: undefined })).toBe('边界不一致');
  });
});

describe('impact rows', () => {
  const matrix = {
    version: 2,
    current: 1,
    total: 100,
    moved: 30,
    matrix: [
      { from: 'A', to: 'A', count: 70 },
      { from: 'A', to: 'A-2', count: 25 },
      { from: null, to: 'B', count: 5 },
    ],
  };
  it('lists moved cells only, most first, with names', () => {
    expect(impactRows(matrix, new Map([['A', '甲']]))).toEqual([
      { from: '甲（A）', to: 'A-2', count: 25 },
      { from: '网格外', to: 'B', count: 5 },
    ]);
  });
  it('summarises with the share', () => {
    expect(impactSummary(matrix)).toBe('窗口内 100 件上报，30 件将改变所属网格（30.0%）');
    expect(impactSummary({ ...matrix, total: 0, moved: 0, matrix: [] })).toBe('窗口内 0 件上报，0 件将改变所属网格');
  });
});

describe('grid features', () => {
  it('writes every grid with fresh id, name, level, parent and area, source properties kept', () => {
    const gs = moveVertex(sixGrids(), [109.0, 32.7], [108.99, 32.7], { only: ['HB-1-1'] }).gridSet;
    const fc = gridsToCollection(gs);
    expect(fc.features).toHaveLength(6);
    const p = fc.features[0].properties;
    expect(p).toMatchObject({ id: 'HB-1-1', name: '新城社区一网格', level: 3, parent: 'XC', town: '新城办' });
    expect(p.area_m2).toBeCloseTo(gs.byId.get('HB-1-1')!.area_m2, 0);
  });
  it('boxes any geometry for zoom-to', () => {
    expect(
      geometryBox({
        type: 'Polygon',
        coordinates: [
          [
            [1, 2],
            [3, 1],
            [2, 4],
            [1, 2],
          ],
        ],
      }),
    ).toEqual([1, 1, 3, 4]);
    expect(
      geometryBox({
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [5, 6] },
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      }),
    ).toEqual([0, 0, 5, 6]);
    expect(geometryBox({ type: 'MultiPoint', coordinates: [] })).toBeNull();
  });
  it('numbers problems for the map layer', () => {
    const fc = problemsToCollection([{ kind: 'gap', grids: [], geometry: { type: 'Point', coordinates: [0, 0] }, sliver: true }]);
    expect(fc.features[0].properties).toEqual({ index: 0, kind: 'gap', sliver: true });
  });
});
