import { Type, type Static } from 'typebox';

export const GridStatSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
  area_m2: Type.Number({ description: 'ellipsoidal area, m²' }),
  per_km2: Type.Number({ description: 'count / (area_m2 / 1e6); 0 for a zero-area grid' }),
});

export const GridStatsSchema = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid version counted (the current one); null before any import' }),
  total: Type.Integer({ description: 'reports matching the filter' }),
  outside: Type.Integer({ description: 'of those, reports in no grid' }),
  grids: Type.Array(GridStatSchema, { description: 'every grid, in import order, including those with 0' }),
});

export type GridStats = Static<typeof GridStatsSchema>;
