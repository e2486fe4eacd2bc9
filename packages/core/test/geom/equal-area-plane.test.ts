import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, metresPerDegree } from '../../src/index.ts';
import { equalAreaPlane } from '../../src/geom/equal-area-plane.ts';

describe('equalAreaPlane', () => {
  it.each([
    [109.02, 32.7],
    [87.6, 43.8],
    [110.3, 20.0],
    [-118.3, 34.05],
    [0, 0],
    [12, -60],
  ])('round-trips lon/lat to 1e-12° around %s, %s', (lon, lat) => {
    const plane = equalAreaPlane(lon, lat);
    for (const [dx, dy] of [
      [0, 0],
      [0.3, -0.2],
      [-0.5, 0.5],
      [0.01, 0.001],
    ]) {
      const [x, y] = plane.toXY(lon + dx, lat + dy);
      const [lon2, lat2] = plane.toLonLat(x, y);
      expect(Math.abs(lon2 - lon - dx)).toBeLessThan(1e-12);
      expect(Math.abs(lat2 - lat - dy)).toBeLessThan(1e-12);
    }
  });

  it('is true to scale at its centre, like metresPerDegree', () => {
    const plane = equalAreaPlane(109.02, 32.7);
    const { kx, ky } = metresPerDegree(32.7);
    expect(plane.toXY(109.02 + 1e-4, 32.7)[0] / (1e-4 * kx)).toBeCloseTo(1, 8);
    expect((plane.toXY(109.02, 32.7 + 1e-5)[1] - plane.toXY(109.02, 32.7 - 1e-5)[1]) / (2e-5 * ky)).toBeCloseTo(1, 8);
  });

  it("measures a polygon's plane area as ellipsoidalArea does (edges straight in the same space)", () => {
    const plane = equalAreaPlane(109, 32.8);
    // A square 2 km on a side in the plane, far from the centre: ellipsoidalArea sees 4 km².
    const ring = [
      [-10_000, 40_000],
      [-8_000, 40_000],
      [-8_000, 42_000],
      [-10_000, 42_000],
      [-10_000, 40_000],
    ].map(([x, y]) => plane.toLonLat(x, y));
    expect(ellipsoidalArea({ type: 'Polygon', coordinates: [ring] }) / 4e6).toBeCloseTo(1, 11);
  });
});
