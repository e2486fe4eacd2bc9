import fc from 'fast-check';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { assignCodes, checkCodes, CitygridError, parseGridCode, readingOrder, regularGrid } from '../../src/index.ts';

const square = (x: number, y: number, w = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + w],
      [x, y + w],
      [x, y],
    ],
  ],
});
// Input order: SE, NW, SW, NE of a 2 × 2 block.
const BLOCK = [square(109.001, 32.7), square(109, 32.701), square(109, 32.7), square(109.001, 32.701)];

describe('assignCodes', () => {
  it('numbers grids 001… inside a 12-digit community, west to east, north to south, returned in input order', () => {
    expect(assignCodes(BLOCK, '610902001001')).toEqual(['610902001001004', '610902001001001', '610902001001003', '610902001001002']);
  });

  it('makes each grid its own community under a 9-digit town: 社区 001… under a 街道, 村 201… under a 镇', () => {
    expect(assignCodes(BLOCK, '610902001')).toEqual(['610902001004001', '610902001001001', '610902001003001', '610902001002001']);
    expect(assignCodes(BLOCK, '610902101')).toEqual(['610902101204001', '610902101201001', '610902101203001', '610902101202001']);
    expect(assignCodes(BLOCK, '610902101', { first: 1 })[1]).toBe('610902101001001');
  });

  it("keeps the given order with order: given (a regular grid's lattice rows)", () => {
    const cells = regularGrid(square(109, 32.7, 0.01), { shape: 'square', size_m: 300 }).features;
    const codes = assignCodes(cells, '610902001001', { order: 'given' });
    expect(codes.map((c) => Number(c.slice(12)))).toEqual(cells.map((_, i) => i + 1));
  });

  it('skips the numbers of codes already used under the parent', () => {
    expect(assignCodes(BLOCK, '610902001001', { used: ['610902001001001', '610902001001003', '610902001002002'] })).toEqual([
      '610902001001006',
      '610902001001002',
      '610902001001005',
      '610902001001004',
    ]);
    expect(assignCodes(BLOCK.slice(0, 1), '610902101', { used: ['610902101201001'] })).toEqual(['610902101202001']);
  });

  it('takes Features and numbers them as their geometries', () => {
    const features: Feature<Polygon>[] = BLOCK.map((geometry) => ({ type: 'Feature', properties: {}, geometry }));
    expect(assignCodes(features, '610902001001')).toEqual(assignCodes(BLOCK, '610902001001'));
  });

  it.each([
    ['a 6-digit county', '610902', {}, /parent code "610902": 6 characters, expected 12 digits \(community\) or 9 \(street\/town\)/],
    ['letters', '61090200100A', {}, /expected 12 digits/],
    ['a first number 0', '610902001001', { first: 0 }, /first number 0, expected an integer ≥ 1/],
    ['numbers past 999', '610902001001', { first: 998 }, /4 grids from 998 need numbers past 999; split the parent/],
  ])('refuses %s with CG_ERR_PARENT_CODE', (_why, parent, options, message) => {
    expect(() => assignCodes(BLOCK, parent, options)).toThrow(message);
    try {
      assignCodes(BLOCK, parent, options);
    } catch (e) {
      expect(e).toBeInstanceOf(CitygridError);
      expect((e as CitygridError).code).toBe('CG_ERR_PARENT_CODE');
    }
  });

  it('gives unique, well-formed codes under the parent, in reading order, for any grids (property)', () => {
    const parentArb = fc.oneof(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^\d{9}$/));
    const spots = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), {
      minLength: 1,
      maxLength: 150,
      selector: ([i, j]) => `${i},${j}`,
    });
    fc.assert(
      fc.property(parentArb, spots, (parent, at) => {
        const grids = at.map(([i, j]) => square(109 + i * 0.001, 32.7 + j * 0.001));
        const codes = assignCodes(grids, parent);
        expect(new Set(codes).size).toBe(grids.length);
        for (const code of codes) {
          expect(code.startsWith(parent)).toBe(true);
          expect(parseGridCode(code)).toBeDefined();
        }
        expect(
          checkCodes(
            codes.map((code) => ({ code })),
            { parentCode: parent },
          ),
        ).toEqual([]);
        // Sorted codes are the reading order.
        const byCode = codes.map((_, i) => i).sort((a, b) => (codes[a] < codes[b] ? -1 : 1));
        expect(byCode).toEqual(readingOrder(grids));
      }),
      { numRuns: 100 },
    );
  });
});

describe('checkCodes', () => {
  it('finds nothing wrong with good codes under their parents', () => {
    expect(
      checkCodes([
        { code: '610902001001001', parent: '610902001001' },
        { code: '610902001002001', parent: '610902001' },
        { code: '610902001001002', parent: 'town-a' },
      ]),
    ).toEqual([]);
  });

  it.each([
    [
      'a 14-digit code',
      { id: 'a', code: '61090200100101' },
      'CG_ERR_GRID_CODE',
      'feature 0 (id "a"): grid code "61090200100101": 14 digits, expected 15',
    ],
    [
      'a code with letters',
      { id: 'a', code: '61090200100100X' },
      'CG_ERR_GRID_CODE',
      'feature 0 (id "a"): grid code "61090200100100X": not digits only',
    ],
    [
      'a number, not a string',
      { code: 610902001001001 },
      'CG_ERR_GRID_CODE',
      'feature 0: grid code 610902001001001: a number, expected a string of 15 digits (a number loses leading zeros)',
    ],
    ['no code', { id: 'a' }, 'CG_ERR_GRID_CODE', 'feature 0 (id "a"): grid code null: missing'],
    [
      'grid number 000',
      { code: '610902001001000' },
      'CG_ERR_GRID_CODE',
      'feature 0: grid code "610902001001000": grid number 000 is not a grid (001–999)',
    ],
    [
      'a code under another community',
      { id: 'a', code: '610902001002001', parent: '610902001001' },
      'CG_ERR_GRID_CODE_PARENT',
      'feature 0 (id "a"): grid code 610902001002001 does not start with its parent\'s code 610902001001',
    ],
    [
      'a code under another town',
      { code: '610902002001001', parent: '610902001' },
      'CG_ERR_GRID_CODE_PARENT',
      "feature 0: grid code 610902002001001 does not start with its parent's code 610902001",
    ],
  ])('reports %s', (_why, grid, code, message) => {
    const problems = checkCodes([grid]);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].message).toBe(message);
    expect(problems[0].index).toBe(0);
  });

  it('reports each repeat of a code, naming every grid that uses it', () => {
    const problems = checkCodes([
      { id: 'a', code: '610902001001001' },
      { id: 'b', code: '610902001001002' },
      { id: 'c', code: '610902001001001' },
      { id: 'd', code: '610902001001001' },
    ]);
    expect(problems.map((p) => [p.code, p.index, p.id])).toEqual([
      ['CG_ERR_GRID_CODE_DUPLICATE', 2, 'c'],
      ['CG_ERR_GRID_CODE_DUPLICATE', 3, 'd'],
    ]);
    expect(problems[0].message).toBe('feature 2 (id "c"): grid code 610902001001001 is used by grids 0 (id "a"), 2 (id "c"), 3 (id "d")');
  });

  it("checks against options.parentCode instead of each grid's parent", () => {
    expect(checkCodes([{ code: '610902001001001', parent: '610902001001' }], { parentCode: '610902002' }).map((p) => p.code)).toEqual([
      'CG_ERR_GRID_CODE_PARENT',
    ]);
  });

  it('reads code, parent and id from GeoJSON Feature properties', () => {
    const f = { type: 'Feature', properties: { id: 'x', code: '610902001001001', parent: '610902002001' }, geometry: square(109, 32.7) };
    expect(checkCodes([f]).map((p) => [p.code, p.id])).toEqual([['CG_ERR_GRID_CODE_PARENT', 'x']]);
  });
});
