import type { BoundaryCollection, GridCollection, GridFeature, GridStat } from '../../src/api/index.ts';

/** A unit-square grid at (x, y) in 0.01° steps near 109.0E 32.7N. */
export function square(id: string, name: string, x: number, y: number, level = 3): GridFeature {
  const [x0, y0] = [109 + x * 0.01, 32.7 + y * 0.01];
  return {
    type: 'Feature',
    properties: { id, name, level, parent: 'T1', area_m2: 1e6 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x0 + 0.01, y0],
          [x0 + 0.01, y0 + 0.01],
          [x0, y0 + 0.01],
          [x0, y0],
        ],
      ],
    },
  };
}

export const GRIDS: GridCollection = {
  type: 'FeatureCollection',
  features: [square('A', '新城一网格', 0, 0), square('B', '新城二网格', 1, 0), square('C', '老城网格', 0, 1)],
};

export const BOUNDARIES: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    { ...square('D', '汉滨区', 0, 0, 1), properties: { level: 1, name: '汉滨区' } },
    { ...square('T', '新城办', 0, 0, 2), properties: { level: 2, name: '新城办' } },
  ],
};

export function stat(id: string, count: number, per_km2 = count): GridStat {
  return { id, name: id, parent: null, count, area_m2: 1e6, per_km2 };
}
