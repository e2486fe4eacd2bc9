import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, ringArea, type BBox } from '../../src/index.ts';
import { polygonProblems, ringsOf } from './tiling-checks.ts';
import { voronoiTiling } from './voronoi-tiling.ts';

type Area = Polygon | MultiPolygon;
const key = (p: Position) => `${p[0]},${p[1]}`;
const boxPolygon = ([x0, y0, x1, y1]: BBox): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

/** Directed edges that are neither twinned (used once each way) nor on the bbox border (used once). */
function unmatchedEdges(geometries: Area[], [x0, y0, x1, y1]: BBox): string[] {
  const count = new Map<string, number>();
  for (const g of geometries) {
    for (const ring of ringsOf(g)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const e = `${key(ring[i])}>${key(ring[i + 1])}`;
        count.set(e, (count.get(e) ?? 0) + 1);
      }
    }
  }
  const onBorder = (a: number[], b: number[]) =>
    (a[0] === b[0] && (a[0] === x0 || a[0] === x1)) || (a[1] === b[1] && (a[1] === y0 || a[1] === y1));
  const out: string[] = [];
  for (const [e, n] of count) {
    const [a, b] = e.split('>');
    const twins = count.get(`${b}>${a}`) ?? 0;
    const border = onBorder(a.split(',').map(Number), b.split(',').map(Number));
    if (n !== 1 || twins !== (border ? 0 : 1)) out.push(`${e}: ${n} times, ${twins} reversed, ${border ? '' : 'not '}on the border`);
  }
  return out;
}

const cases: Array<[string, Parameters<typeof voronoiTiling>[0]]> = [
  ['300 grids, defaults', { grids: 300, seed: 1 }],
  ['2,000 grids, another seed', { grids: 2000, seed: 42, verticesPerPolygon: 40 }],
  ['a small box elsewhere, coarse edges', { grids: 50, seed: 7, bbox: [116.3, 39.9, 116.32, 39.91], verticesPerPolygon: 12 }],
  ['no multi-part grids, no holes', { grids: 100, seed: 3, multiPartShare: 0, holeShare: 0 }],
  ['a single grid', { grids: 1, seed: 5, multiPartShare: 0, holeShare: 0 }],
];

describe('voronoiTiling', () => {
  it.each(cases)('tiles the bbox exactly: %s', (_why, options) => {
    const bbox = options.bbox ?? [109.0, 32.7, 109.5, 33.2];
    const geometries = voronoiTiling(options).features.map((f) => f.geometry);
    expect(geometries).toHaveLength(options.grids);
    const sum = geometries.reduce((s, g) => s + ellipsoidalArea(g), 0);
    const whole = ellipsoidalArea(boxPolygon(bbox));
    expect(Math.abs(sum - whole)).toBeLessThan(1e-9 * whole);
    expect(unmatchedEdges(geometries, bbox)).toEqual([]);
  });

  it('gives valid polygons: closed rings, outer counter-clockwise, holes clockwise, no crossings', () => {
    for (const f of voronoiTiling({ grids: 300, seed: 2 }).features) {
      expect(polygonProblems(f.geometry), f.properties.id).toEqual([]);
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const rings of polygons) {
        rings.forEach((ring, r) => {
          expect(ringArea(ring) > 0).toBe(r === 0);
        });
      }
    }
  });

  it('makes the requested shares of multi-part grids and of grids with a hole filled by an enclave', () => {
    const { features } = voronoiTiling({ grids: 1000, seed: 9, multiPartShare: 0.1, holeShare: 0.05 });
    const multi = features.filter((f) => f.geometry.type === 'MultiPolygon');
    const holed = features.filter((f) => f.geometry.type === 'Polygon' && f.geometry.coordinates.length > 1);
    expect(multi).toHaveLength(100);
    expect(holed).toHaveLength(50);
    const outerRings = new Map(
      features.filter((f) => f.geometry.type === 'Polygon').map((f) => [JSON.stringify((f.geometry as Polygon).coordinates[0]), f]),
    );
    for (const f of holed) {
      const hole = (f.geometry as Polygon).coordinates[1];
      const enclave = outerRings.get(JSON.stringify([...hole].reverse()));
      expect(enclave?.geometry.type, `enclave of ${f.properties.id}`).toBe('Polygon');
      expect((enclave!.geometry as Polygon).coordinates).toHaveLength(1);
    }
  });

  it('makes every multi-part grid of two parts that share no vertex', () => {
    for (const f of voronoiTiling({ grids: 500, seed: 4 }).features) {
      if (f.geometry.type !== 'MultiPolygon') continue;
      const [a, b] = f.geometry.coordinates.map((p) => new Set(p[0].map(key)));
      expect(f.geometry.coordinates).toHaveLength(2);
      expect([...a].filter((k) => b.has(k))).toEqual([]);
    }
  });

  it('gives ids g000000, g000001, … in feature order and a name to each', () => {
    const { features } = voronoiTiling({ grids: 120, seed: 1 });
    expect(features.map((f) => f.properties.id)).toEqual(features.map((_, i) => `g${String(i).padStart(6, '0')}`));
    expect(features.every((f) => typeof f.properties.name === 'string' && f.properties.name !== '')).toBe(true);
  });

  it('densifies edges to about verticesPerPolygon vertices per Voronoi cell', () => {
    for (const verticesPerPolygon of [20, 130]) {
      const { features } = voronoiTiling({ grids: 400, seed: 6, verticesPerPolygon, multiPartShare: 0, holeShare: 0 });
      const mean = features.reduce((s, f) => s + (f.geometry as Polygon).coordinates[0].length - 1, 0) / features.length;
      expect(mean).toBeGreaterThan(0.9 * verticesPerPolygon);
      expect(mean).toBeLessThan(1.15 * verticesPerPolygon);
    }
  });

  it('gives the same tiling for the same seed and another for another seed', () => {
    expect(voronoiTiling({ grids: 200, seed: 11 })).toEqual(voronoiTiling({ grids: 200, seed: 11 }));
    expect(voronoiTiling({ grids: 200, seed: 11 })).not.toEqual(voronoiTiling({ grids: 200, seed: 12 }));
  });

  it('throws on options it cannot meet, naming what was expected', () => {
    expect(() => voronoiTiling({ grids: 0, seed: 1 })).toThrow(/expected a positive integer, got 0/);
    expect(() => voronoiTiling({ grids: 10, seed: 1, holeShare: 0.7 })).toThrow(/holeShare: expected a share/);
    expect(() => voronoiTiling({ grids: 10, seed: 1, bbox: [1, 1, 0, 2] })).toThrow(/bbox: expected/);
    expect(() => voronoiTiling({ grids: 4, seed: 1, multiPartShare: 0.4, holeShare: 0.45 })).toThrow(
      /4 is too few for 2 multi-part grids and 2 holes/,
    );
  });
});
