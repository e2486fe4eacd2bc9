import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { bboxOfFeatures, labelAnchor } from '../src/geo.ts';
import { GRIDS } from './layers/fixtures.ts';

describe('bboxOfFeatures', () => {
  it('spans every grid', () => {
    const b = bboxOfFeatures(GRIDS.features)!;
    expect(b.map((v) => Number(v.toFixed(6)))).toEqual([109, 32.7, 109.02, 32.72]);
  });
  it('is null for no features', () => {
    expect(bboxOfFeatures([])).toBeNull();
  });
});

describe('labelAnchor', () => {
  it('puts the label of a concave (U-shaped) grid inside it, not in the notch', () => {
    // A U open to the north: its centroid (x = 1.5, y ≈ 1.1) falls in the notch x ∈ (1, 2).
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelAnchor(u);
    expect(y).toBeGreaterThan(1);
    expect(x < 1 || x > 2).toBe(true);
  });
  it('uses the largest part of a multi-part grid (一格多点)', () => {
    const [x] = labelAnchor({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        [
          [
            [10, 0],
            [14, 0],
            [14, 4],
            [10, 4],
            [10, 0],
          ],
        ],
      ],
    });
    expect(x).toBe(12);
  });
});
