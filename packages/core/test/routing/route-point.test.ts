import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrids, routePoint, type GridSet } from '../../src/index.ts';

function gridSetOf(geojson: unknown): GridSet {
  const r = parseGrids(geojson);
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.gridSet;
}

const tiling = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/tiling-2x2.geojson'), 'utf8'));

// Cell (i, j) of the 2x2 fixture: id suffix 2 1 / 4 3 (west→east, south→north).
const cases: Array<[string, number, number, string | null]> = [
  ['interior of the south-west cell', 109.005, 32.705, '610902001001002'],
  ['interior of the north-east cell', 109.015, 32.715, '610902001001003'],
  ['shared north–south edge: the grid to the east', 109.01, 32.705, '610902001001001'],
  ['shared east–west edge: the grid to the north', 109.005, 32.71, '610902001001004'],
  ['the vertex all four share: the grid to the north-east', 109.01, 32.71, '610902001001003'],
  ['outer west side: its grid', 109.0, 32.705, '610902001001002'],
  ['outer east side: its grid', 109.02, 32.705, '610902001001001'],
  ['just outside the tiling', 108.9999, 32.705, null],
  ['NaN coordinates', NaN, 32.705, null],
];

describe('routePoint', () => {
  const gridSet = gridSetOf(tiling);
  it.each(cases)('%s', (_why, lon, lat, expected) => {
    expect(routePoint(gridSet, lon, lat)?.id ?? null).toBe(expected);
  });

  it('gives the same grid whatever order the grids were given in', () => {
    const reversed = gridSetOf({ ...tiling, features: [...tiling.features].reverse() });
    for (const [, lon, lat] of cases) expect(routePoint(reversed, lon, lat)?.id).toBe(routePoint(gridSet, lon, lat)?.id);
  });

  it('finds the right part of a multi-part grid and not the gap between its parts', () => {
    const multi = gridSetOf({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'M' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [109, 32.7],
                  [109.01, 32.7],
                  [109.01, 32.71],
                  [109, 32.7],
                ],
              ],
              [
                [
                  [109.1, 32.7],
                  [109.11, 32.7],
                  [109.11, 32.71],
                  [109.1, 32.7],
                ],
              ],
            ],
          },
        },
      ],
    });
    expect(routePoint(multi, 109.105, 32.701)?.id).toBe('M');
    expect(routePoint(multi, 109.05, 32.701)).toBeNull();
  });

  it('routes every point of a random rectangular tiling to exactly the cell that contains it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        (nx, ny, points) => {
          const d = 0.001;
          const at = (v: number) => Math.round(v * 1e7) / 1e7;
          const features = [];
          for (let i = 0; i < nx; i++)
            for (let j = 0; j < ny; j++) {
              const [x, y] = [at(109 + i * d), at(32.7 + j * d)];
              const [x2, y2] = [at(109 + (i + 1) * d), at(32.7 + (j + 1) * d)];
              features.push({
                type: 'Feature',
                properties: { id: `c${i}-${j}` },
                geometry: {
                  type: 'Polygon',
                  coordinates: [
                    [
                      [x, y],
                      [x2, y],
                      [x2, y2],
                      [x, y2],
                      [x, y],
                    ],
                  ],
                },
              });
            }
          const set = gridSetOf({ type: 'FeatureCollection', features });
          for (const [u, v] of points) {
            // Clamped: 32.7 + 0.99…·0.002 can round past the cell edge at 32.702.
            const lon = Math.min(109 + u * nx * d, at(109 + nx * d));
            const lat = Math.min(32.7 + v * ny * d, at(32.7 + ny * d));
            const grid = routePoint(set, lon, lat);
            expect(grid).not.toBeNull();
            const [x0, y0, x1, y1] = grid!.bbox;
            expect(lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
