import { describe, expect, test } from 'vitest';
import type { Polygon } from 'geojson';
import { interiorPoint, unionPolygons } from '../../src/index.ts';
import { insideRing } from '../../src/geom/inside-ring.ts';

const square = (x: number, y: number, s = 1): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

describe('interiorPoint', () => {
  test('is the centroid of a convex polygon', () => {
    expect(interiorPoint(square(0, 0, 2))).toEqual([1, 1]);
  });

  test('lies inside a C shape whose centroid is outside it', () => {
    // A C open to the east: the centroid falls in the mouth.
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [x, y] = interiorPoint(c);
    expect(insideRing(c.coordinates[0], x, y)).toBe(true);
  });

  test('avoids a hole at the centroid', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 3).coordinates[0], square(1, 1, 1).coordinates[0]] };
    const [x, y] = interiorPoint(ring);
    expect(insideRing(ring.coordinates[0], x, y) && !insideRing(ring.coordinates[1], x, y)).toBe(true);
  });
});

describe('unionPolygons', () => {
  test('dissolves a shared border into one polygon', () => {
    const u = unionPolygons([square(0, 0), square(1, 0)]);
    expect(u.type).toBe('Polygon');
    expect(u.coordinates[0]).toHaveLength(5);
  });

  test('keeps polygons that do not touch as parts of a MultiPolygon', () => {
    expect(unionPolygons([square(0, 0), square(5, 5)]).type).toBe('MultiPolygon');
  });

  test('throws a catalogue error for an empty list', () => {
    expect(() => unionPolygons([])).toThrow(expect.objectContaining({ code: 'CG_ERR_OPTION' }));
  });
});
