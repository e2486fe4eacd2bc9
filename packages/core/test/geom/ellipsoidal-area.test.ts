import turfArea from '@turf/area';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ellipsoidalArea, ringArea } from '../../src/index.ts';

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
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

describe('ellipsoidalArea', () => {
  it('gives the WGS84 ellipsoid its known surface of 510,065,621.7 km²', () => {
    expect(ellipsoidalArea(box(-180, -90, 180, 90)) / 1e6).toBeCloseTo(510_065_621.7, 0);
  });

  it('gives a 1°×1° cell at the equator 12,308.46 km² (ellipsoid, not sphere)', () => {
    expect(ellipsoidalArea(box(0, 0, 1, 1)) / 1e6).toBeCloseTo(12_308.46, 1);
  });

  it('subtracts holes and sums parts', () => {
    const outer = box(109, 32.7, 109.02, 32.72).coordinates[0];
    const hole = box(109.005, 32.705, 109.01, 32.71).coordinates[0].slice().reverse();
    const withHole = ellipsoidalArea({ type: 'Polygon', coordinates: [outer, hole] });
    expect(withHole).toBeCloseTo(ellipsoidalArea(box(109, 32.7, 109.02, 32.72)) - ellipsoidalArea(box(109.005, 32.705, 109.01, 32.71)), 3);
    const two = ellipsoidalArea({ type: 'MultiPolygon', coordinates: [[outer], [box(110, 32.7, 110.02, 32.72).coordinates[0]]] });
    expect(two).toBeCloseTo(2 * ellipsoidalArea(box(109, 32.7, 109.02, 32.72)), 0);
  });

  it('signs rings by winding: counter-clockwise positive', () => {
    const ring = box(109, 32.7, 109.01, 32.71).coordinates[0];
    expect(ringArea(ring)).toBeGreaterThan(0);
    expect(ringArea([...ring].reverse())).toBeCloseTo(-ringArea(ring), 6);
  });

  it('stays within 0.8 % of the spherical (turf) area for grid-sized boxes anywhere in China', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 134, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        fc.double({ min: 0.0005, max: 0.2, noNaN: true }),
        (x, y, d) => {
          const g = box(x, y, x + d, y + d);
          const ratio = ellipsoidalArea(g) / turfArea(g);
          expect(Math.abs(ratio - 1)).toBeLessThan(0.008);
        },
      ),
    );
  });
});
