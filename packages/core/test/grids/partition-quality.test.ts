import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, metresPerDegree, parseGrids, partitionQuality, regularGrid } from '../../src/index.ts';
import { perimeter } from '../../src/geom/perimeter.ts';

const { kx, ky } = metresPerDegree(32.7);
/** A rectangle w × h metres with its south-west corner at (x, y) degrees. */
const rect = (x: number, y: number, w: number, h: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w / kx, y],
      [x + w / kx, y + h / ky],
      [x, y + h / ky],
      [x, y],
    ],
  ],
});

describe('partitionQuality', () => {
  it('measures each grid: area (ellipsoidal m²), perimeter (m), Polsby–Popper compactness', () => {
    const q = partitionQuality([rect(109, 32.7, 100, 100), rect(109.01, 32.7, 400, 25)]);
    expect(q.count).toBe(2);
    expect(q.grids[0].area_m2).toBeCloseTo(10_000, -1);
    expect(q.grids[0].perimeter_m).toBeCloseTo(400, 2);
    expect(q.grids[0].compactness).toBeCloseTo(Math.PI / 4, 3); // a square
    expect(q.grids[1].compactness).toBeCloseTo((4 * Math.PI * 10_000) / 850 ** 2, 3); // a 16:1 strip
    expect(q.compactness.min).toBe(q.grids[1].compactness);
    expect(q.compactness.mean).toBeCloseTo((q.grids[0].compactness + q.grids[1].compactness) / 2, 12);
  });

  it('gives a regular hexagon 0.907 and counts holes in the perimeter', () => {
    const [hex] = regularGrid(rect(109, 32.7, 2000, 2000), { shape: 'hex', size_m: 200 }).features.filter((f) => !f.properties.clipped);
    expect(partitionQuality([hex]).grids[0].compactness).toBeCloseTo((Math.PI * Math.sqrt(3)) / 6, 3);
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [rect(109, 32.7, 100, 100).coordinates[0], [...rect(109.0002, 32.7002, 20, 20).coordinates[0]].reverse()],
    };
    expect(perimeter(withHole)).toBeCloseTo(480, 2);
  });

  it('spreads areas: total, mean, min, max, max/mean, coefficient of variation', () => {
    const q = partitionQuality([rect(109, 32.7, 100, 100), rect(109.01, 32.7, 100, 200), rect(109.02, 32.7, 100, 300)]);
    expect(q.area.total).toBeCloseTo(60_000, -1);
    expect(q.area.mean).toBeCloseTo(20_000, -1);
    expect(q.area.maxOverMean).toBeCloseTo(1.5, 4);
    expect(q.area.cv).toBeCloseTo(Math.sqrt(2 / 3) / 2, 4); // values 1, 2, 3: σ = √(2/3), mean 2
  });

  it('sums point weights per grid, a point on a shared border counted once, and reports what falls outside', () => {
    const [a, b] = [rect(109, 32.7, 100, 100), rect(109 + 100 / kx, 32.7, 100, 100)];
    const border = 109 + 100 / kx;
    const q = partitionQuality([a, b], {
      weights: [
        { lon: 109.0001, lat: 32.7001, weight: 3 },
        { lon: border, lat: 32.7004 }, // on the shared border: one grid only (the east one)
        { lon: border + 0.0001, lat: 32.7001, weight: 2 },
        { lon: 110, lat: 33, weight: 5 },
      ],
    });
    expect(q.grids.map((g) => g.load)).toEqual([3, 3]);
    expect(q.load).toMatchObject({ total: 6, mean: 3, max: 3, maxOverMean: 1, cv: 0, outside: 5, outsidePoints: 1 });
  });

  it('counts points when they have no weight, and says when every load is 0', () => {
    const q = partitionQuality([rect(109, 32.7, 100, 100), rect(109.01, 32.7, 100, 100)], {
      weights: [
        { lon: 109.0001, lat: 32.7001 },
        { lon: 109.0002, lat: 32.7002 },
      ],
    });
    expect(q.load).toMatchObject({ total: 2, max: 2, maxOverMean: 2, cv: 1 });
    expect(partitionQuality([rect(109, 32.7, 100, 100)], { weights: [] }).load).toMatchObject({ total: 0, maxOverMean: 1, cv: 0 });
  });

  it('takes Features and parsed Grids, keeping their id and name', () => {
    const f: Feature<Polygon> = { type: 'Feature', properties: { id: 'g1', name: '第01网格' }, geometry: rect(109, 32.7, 100, 100) };
    expect(partitionQuality([f]).grids[0]).toMatchObject({ index: 0, id: 'g1', name: '第01网格' });
    const parsed = parseGrids({ type: 'FeatureCollection', features: [f] });
    if (!parsed.ok) throw new Error(parsed.problems[0].message);
    expect(partitionQuality(parsed.gridSet.grids).grids[0]).toMatchObject({
      id: 'g1',
      name: '第01网格',
      area_m2: ellipsoidalArea(f.geometry),
    });
    expect(partitionQuality([f.geometry]).grids[0].id).toBeUndefined();
  });

  it.each([
    ['a negative weight', { lon: 109, lat: 32.7, weight: -1 }, /weights\[0\]\.weight must be a number ≥ 0, got -1/],
    ['no position', { lon: Number.NaN, lat: 32.7 }, /weights\[0\] has no finite lon\/lat/],
  ])('throws on %s', (_why, point, message) => {
    expect(() => partitionQuality([rect(109, 32.7, 100, 100)], { weights: [point] })).toThrow(message);
  });
});
