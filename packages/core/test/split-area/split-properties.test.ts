import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, splitArea } from '../../src/index.ts';
import { pieceLoads, spread } from '../support/split-quality.ts';
import { tilingProblems } from '../support/tiling-checks.ts';

// More runs when asked (RUNS=500 npx vitest run …): the suite's default keeps this file fast.
const RUNS = Number(process.env.RUNS ?? 12);

/** A star-shaped (hence simple) ring around (109.02, 32.72) with radii in degrees. */
function starRing(radii: number[]): Position[] {
  const n = radii.length;
  const ring = radii.map((r, i) => {
    const t = (2 * Math.PI * i) / n;
    return [Math.round((109.02 + r * Math.cos(t)) * 1e6) / 1e6, Math.round((32.72 + r * Math.sin(t)) * 1e6) / 1e6];
  });
  return [...ring, [...ring[0]]];
}

/** Weighted points: a few Gaussian hot spots (σ 50–300 m) over a uniform background, flat [lon, lat, w]. */
function hotSpots(spots: Array<[number, number, number]>, n: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const rng = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const s = spots[i % (spots.length + 1)];
    const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const [lon, lat] = s ? [s[0] + g() * s[2], s[1] + g() * s[2]] : [109.0 + rng() * 0.04, 32.7 + rng() * 0.04];
    out.set([lon, lat, 1 + Math.floor(rng() * 3)], 3 * i);
  }
  return out;
}

const radii = fc.array(fc.double({ min: 0.008, max: 0.02, noNaN: true }), { minLength: 5, maxLength: 40 });
// Counts from 1 to 200, small ones as likely as large ones.
const count = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 200 }));
const spot = fc.tuple(
  fc.double({ min: 109.01, max: 109.03, noNaN: true }),
  fc.double({ min: 32.71, max: 32.73, noNaN: true }),
  fc.double({ min: 0.0005, max: 0.003, noNaN: true }),
);

describe('splitArea properties (fast-check): any seed, any count 1–200', () => {
  it(
    'tiles by count: count pieces, valid coverage, areas summing to the area, each piece one polygon',
    () => {
      fc.assert(
        fc.property(radii, count, fc.integer({ min: 0, max: 2 ** 31 }), (r, k, seed) => {
          const area: Polygon = { type: 'Polygon', coordinates: [starRing(r)] };
          const pieces = splitArea(area, { count: k, seed });
          expect(pieces).toHaveLength(k);
          expect(pieces.every((p) => p.type === 'Polygon')).toBe(true);
          expect(tilingProblems(area, pieces)).toEqual([]);
          const sum = pieces.reduce((s, p) => s + ellipsoidalArea(p), 0);
          expect(Math.abs(sum / ellipsoidalArea(area) - 1)).toBeLessThan(1e-9);
        }),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 2_000,
  );

  it(
    'tiles when balancing weighted points (hot spots), and keeps every piece within ±15 % of the mean load for counts ≤ 60',
    () => {
      fc.assert(
        fc.property(radii, count, fc.integer({ min: 0, max: 2 ** 31 }), fc.array(spot, { maxLength: 4 }), (r, k, seed, spots) => {
          const area: Polygon = { type: 'Polygon', coordinates: [starRing(r)] };
          const points = hotSpots(spots, 20_000, seed);
          const pieces = splitArea(area, { count: k, seed, points });
          expect(pieces).toHaveLength(k);
          expect(pieces.every((p) => p.type === 'Polygon')).toBe(true);
          expect(tilingProblems(area, pieces)).toEqual([]);
          if (k <= 60) expect(spread(pieceLoads(pieces, points))).toBeLessThan(0.15);
        }),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 2_000,
  );
});
