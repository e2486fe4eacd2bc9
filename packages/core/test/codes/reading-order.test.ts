import fc from 'fast-check';
import type { Feature, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { centroid, readingOrder } from '../../src/index.ts';

// 0.001° is about 111 m north–south and 94 m east–west at 32.7°N.
const square = (x: number, y: number, w = 0.001, h = w): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
});

describe('readingOrder', () => {
  it('numbers a 3 × 3 block row by row from the north, west to east, whatever the input order', () => {
    const cells: Polygon[] = [];
    for (let row = 0; row < 3; row++) for (let col = 0; col < 3; col++) cells.push(square(109 + col * 0.001, 32.703 - row * 0.001));
    const shuffled = [4, 8, 0, 6, 2, 7, 1, 5, 3].map((i) => cells[i]);
    expect(readingOrder(shuffled).map((i) => shuffled[i])).toEqual(cells);
  });

  it.each([
    ['a grid a little north of its west neighbour, in the same row, comes after it', [square(109.001, 32.7003), square(109, 32.7)], [1, 0]],
    ['a grid a full row north comes first, even far east', [square(109, 32.7), square(109.05, 32.7012)], [1, 0]],
    ['on one meridian the northern grid comes first', [square(109, 32.7), square(109, 32.7002, 0.001, 0.0008)], [1, 0]],
    ['equal grids keep the input order', [square(109, 32.7), square(109, 32.7)], [0, 1]],
  ])('%s', (_why, grids, expected) => {
    expect(readingOrder(grids)).toEqual(expected);
  });

  it('measures rows in metres: rowHeight_m splits or merges rows', () => {
    const grids = [square(109.001, 32.7005), square(109, 32.7)]; // centroids 55 m apart north–south
    expect(readingOrder(grids, { rowHeight_m: 40 })).toEqual([0, 1]);
    expect(readingOrder(grids, { rowHeight_m: 200 })).toEqual([1, 0]);
  });

  it('places a C-shaped grid at its centroid, outside it, where its area is', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [109, 32.7],
          [109.003, 32.7],
          [109.003, 32.7005],
          [109.0005, 32.7005],
          [109.0005, 32.7025],
          [109.003, 32.7025],
          [109.003, 32.703],
          [109, 32.703],
          [109, 32.7],
        ],
      ],
    };
    const [x, y] = centroid(c);
    expect(x).toBeLessThan(109.0015);
    expect(y).toBeCloseTo(32.7015, 9);
  });

  it('subtracts holes whatever their winding, and weighs parts by area', () => {
    const outer: Position[] = [
      [109, 32.7],
      [109.004, 32.7],
      [109.004, 32.704],
      [109, 32.704],
      [109, 32.7],
    ];
    const hole: Position[] = [
      [109.002, 32.7],
      [109.004, 32.7],
      [109.004, 32.704],
      [109.002, 32.704],
      [109.002, 32.7],
    ].map((p) => [p[0] - 0.0001 * (p[0] > 109.003 ? 1 : 0), p[1]]);
    const a = centroid({ type: 'Polygon', coordinates: [outer, hole] });
    const b = centroid({ type: 'Polygon', coordinates: [outer, [...hole].reverse()] });
    expect(a).toEqual(b);
    expect(a[0]).toBeLessThan(109.0015);
  });

  it('takes Features and parsed Grids (anything with a geometry)', () => {
    const features: Feature<Polygon>[] = [square(109.001, 32.7), square(109, 32.7)].map((geometry) => ({
      type: 'Feature',
      properties: {},
      geometry,
    }));
    expect(readingOrder(features)).toEqual([1, 0]);
    expect(readingOrder([])).toEqual([]);
  });

  it('throws naming the grid that is not a polygon, and on a bad row height', () => {
    expect(() => readingOrder([square(109, 32.7), { type: 'Point', coordinates: [109, 32.7] } as never])).toThrow(
      /grid 1: expected a Polygon or MultiPolygon/,
    );
    expect(() => readingOrder([square(109, 32.7)], { rowHeight_m: 0 })).toThrow(/rowHeight_m must be > 0/);
  });

  it('gives the same sequence of grids for any permutation of the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        (spots, seed) => {
          const grids = spots.map(([i, j]) => square(109 + i * 0.0007, 32.7 + j * 0.0004, 0.0005, 0.0003));
          const perm = grids.map((_, i) => i).sort((a, b) => Math.sin(seed + a * 7.1) - Math.sin(seed + b * 7.1));
          const shuffled = perm.map((i) => grids[i]);
          expect(readingOrder(shuffled).map((i) => shuffled[i])).toEqual(readingOrder(grids).map((i) => grids[i]));
        },
      ),
      { numRuns: 100 },
    );
  });
});
