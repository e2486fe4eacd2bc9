import fc from 'fast-check';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, metresPerDegree, splitArea } from '../../src/index.ts';
import { tilingProblems } from '../support/tiling-checks.ts';

type Area = Polygon | MultiPolygon;
const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** A w × h degree rectangle at (109, 32.7) with a vertex every `n`-th of each side. */
function rectangle(w: number, h: number, n: number): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) ring.push([109 + (w * i) / n, 32.7]);
  for (let i = 0; i < n; i++) ring.push([109 + w, 32.7 + (h * i) / n]);
  for (let i = 0; i < n; i++) ring.push([109 + w - (w * i) / n, 32.7 + h]);
  for (let i = 0; i < n; i++) ring.push([109, 32.7 + h - (h * i) / n]);
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [round(x), round(y)])] };
}

/** Share of the length of the borders between pieces lying within 1 m of a line. */
function borderOnLines(pieces: Area[], lines: Position[][]): number {
  const count = new Map<string, number>();
  for (const p of pieces) {
    for (const ring of p.type === 'Polygon' ? p.coordinates : p.coordinates.flat()) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const key = [String(ring[i]), String(ring[i + 1])].sort().join('|');
        count.set(key, (count.get(key) ?? 0) + 1);
      }
    }
  }
  let total = 0,
    on = 0;
  for (const [key, n] of count) {
    if (n !== 2) continue;
    const [a, b] = key.split('|').map((s) => s.split(',').map(Number));
    const { kx, ky } = metresPerDegree(a[1]);
    const len = Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const near = lines.some((l) => l.slice(1).some((q, i) => distance(mid, l[i], q, kx, ky) < 1));
    total += len;
    if (near) on += len;
  }
  return on / total;
}

function distance(p: number[], a: Position, b: Position, kx: number, ky: number): number {
  const ax = (a[0] - p[0]) * kx,
    ay = (a[1] - p[1]) * ky,
    dx = (b[0] - a[0]) * kx,
    dy = (b[1] - a[1]) * ky;
  const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

describe('splitArea with cutLines', () => {
  it('cuts a square into its four quarters along two roads crossing at its centre, whatever the seed', () => {
    const square = rectangle(0.02, 0.02, 20);
    const roads: MultiLineString = {
      type: 'MultiLineString',
      coordinates: [
        [
          [108.99, 32.71],
          [109.03, 32.71],
        ],
        [
          [109.01, 32.69],
          [109.01, 32.73],
        ],
      ],
    };
    for (const seed of [1, 2, 3]) {
      const pieces = splitArea(square, { count: 4, seed, cutLines: roads });
      expect(tilingProblems(square, pieces)).toEqual([]);
      expect(borderOnLines(pieces, roads.coordinates)).toBeGreaterThan(0.95);
      const areas = pieces.map(ellipsoidalArea);
      expect(Math.max(...areas) / Math.min(...areas)).toBeLessThan(1.05);
    }
  });

  it('puts borders on roads where balance allows: far more border length on them than without', () => {
    const area = rectangle(0.03, 0.02, 25);
    const roads: LineString[] = [
      {
        type: 'LineString',
        coordinates: [
          [108.99, 32.7083],
          [109.04, 32.7113],
        ],
      },
      {
        type: 'LineString',
        coordinates: [
          [109.0112, 32.69],
          [109.0131, 32.73],
        ],
      },
      {
        type: 'LineString',
        coordinates: [
          [109.021, 32.69],
          [109.0235, 32.705],
          [109.0228, 32.73],
        ],
      },
    ];
    const lines = roads.map((r) => r.coordinates);
    for (const count of [4, 9]) {
      const without = borderOnLines(splitArea(area, { count, seed: 3 }), lines);
      const pieces = splitArea(area, {
        count,
        seed: 3,
        cutLines: { type: 'FeatureCollection', features: roads.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) },
      });
      expect(tilingProblems(area, pieces)).toEqual([]);
      expect(borderOnLines(pieces, lines), `count ${count}`).toBeGreaterThan(Math.max(0.15, 3 * without));
    }
  });

  it('tiles exactly whatever the lines: crossing the boundary, through holes, along edges, repeated (fast-check)', () => {
    const area: Polygon = {
      type: 'Polygon',
      coordinates: [
        rectangle(0.03, 0.02, 12).coordinates[0],
        rectangle(0.004, 0.004, 2)
          .coordinates[0].map(([x, y]) => [round(x + 0.01), round(y + 0.008)])
          .reverse(),
      ],
    };
    const point = fc.tuple(fc.double({ min: 108.995, max: 109.035, noNaN: true }), fc.double({ min: 32.695, max: 32.725, noNaN: true }));
    const line = fc.array(point, { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (lines, count, seed) => {
          // Lines along the boundary and repeated ones, besides the random ones.
          const all = [...lines, ...lines.slice(0, 1), area.coordinates[0].slice(0, 4)];
          const pieces = splitArea(area, { count, seed, cutLines: { type: 'MultiLineString', coordinates: all } });
          expect(pieces).toHaveLength(count);
          expect(pieces.every((p) => p.type === 'Polygon')).toBe(true);
          expect(tilingProblems(area, pieces)).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 15) },
    );
  }, 60_000);

  it.each([
    ['a Point', { type: 'Point', coordinates: [109, 32.7] }],
    [
      'a line of non-numbers',
      {
        type: 'LineString',
        coordinates: [
          ['a', 'b'],
          [1, 2],
        ],
      },
    ],
    ['a Polygon feature', { type: 'Feature', properties: {}, geometry: rectangle(0.01, 0.01, 1) }],
  ])('throws CitygridError CG_ERR_OPTION for %s', (_why, lines) => {
    expect(() => splitArea(rectangle(0.01, 0.01, 4), { count: 2, cutLines: lines as unknown as LineString })).toThrow(
      expect.objectContaining({ code: 'CG_ERR_OPTION' }),
    );
  });
});
