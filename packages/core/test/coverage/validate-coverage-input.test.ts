import { describe, expect, test } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { validateCoverage } from '../../src/index.ts';

const square = (x: number, id?: string): Feature<Polygon> => ({
  type: 'Feature',
  properties: id === undefined ? {} : { id },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 0],
        [x + 0.01, 0],
        [x + 0.01, 0.01],
        [x, 0.01],
        [x, 0],
      ],
    ],
  },
});

describe('validateCoverage input', () => {
  test('accepts a FeatureCollection, as a turf user holds it', () => {
    const r = validateCoverage({ type: 'FeatureCollection', features: [square(0, 'a'), square(0.01, 'b')] });
    expect(r.valid).toBe(true);
    expect(r.stats.grids).toBe(2);
  });

  test('accepts an array of features without ids, naming them by position', () => {
    const r = validateCoverage([square(0), square(0.005)]);
    expect(r.problems.map((p) => [p.kind, p.grids])).toEqual([['overlap', ['feature-0', 'feature-1']]]);
  });

  test('reports duplicate ids instead of refusing them', () => {
    expect(validateCoverage([square(0, 'a'), square(0.01, 'a')]).problems.map((p) => p.kind)).toEqual(['duplicate-id']);
  });

  test.each([
    ['undefined', undefined, 'got undefined'],
    ['a geometry', { type: 'Polygon', coordinates: [] }, 'got a GeoJSON "Polygon"'],
    ['a string', 'grids.geojson', 'got string "grids.geojson"'],
  ])('throws CG_ERR_GRIDS_INPUT naming the expected input for %s', (_why, input, got) => {
    expect(() => validateCoverage(input as never)).toThrow(
      expect.objectContaining({ code: 'CG_ERR_GRIDS_INPUT', message: expect.stringContaining(got) }),
    );
  });

  test('lists every feature that is not a polygon with its index', () => {
    const line = {
      type: 'Feature',
      properties: { id: 'l' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    } as Feature;
    expect(() => validateCoverage([square(0, 'a'), line])).toThrow(
      expect.objectContaining({ code: 'CG_ERR_GEOMETRY_TYPE', problems: [expect.objectContaining({ index: 1, id: 'l' })] }),
    );
  });
});
