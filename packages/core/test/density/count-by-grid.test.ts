import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countByGrid, parseGrids } from '../../src/index.ts';

describe('countByGrid', () => {
  const r = parseGrids(readFileSync(resolve(import.meta.dirname, '../fixtures/tiling-2x2.geojson'), 'utf8'));
  if (!r.ok) throw new Error('fixture invalid');

  it('counts points per grid, lists empty grids with 0 and counts the outside ones', () => {
    const points = [
      { lon: 109.005, lat: 32.705 },
      { lon: 109.006, lat: 32.706 }, // SW cell ×2
      { lon: 109.015, lat: 32.715 }, // NE cell
      { lon: 109.01, lat: 32.71 }, // shared vertex: the grid to the north-east (…003)
      { lon: 110, lat: 33 }, // outside
    ];
    const { counts, outside } = countByGrid(r.gridSet, points);
    expect(Object.fromEntries(counts.map((c) => [c.id.slice(-1), c.count]))).toEqual({ 1: 0, 2: 2, 3: 2, 4: 0 });
    expect(outside).toBe(1);
    const sw = counts.find((c) => c.id.endsWith('2'))!;
    expect(sw.per_km2).toBeCloseTo(2 / (sw.area_m2 / 1e6), 9);
  });
});
