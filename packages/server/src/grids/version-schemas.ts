import { Type, type Static } from 'typebox';
import { ReportSchema } from '../reports/report-schemas.ts';

const VersionNumber = Type.Integer({ minimum: 1, description: 'grid version number (GET /api/grids/versions)', examples: [2] });

export const VersionParamsSchema = Type.Object({ v: VersionNumber });

export const GridVersionSchema = Type.Object({
  version: Type.Integer({ description: '1, 2, 3 … in import order' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('current'), Type.Literal('retired')], {
    description:
      'draft: imported, never published; current: the grids reports are routed to (at most one); retired: published once, since superseded',
  }),
  created_at: Type.String({ description: 'when it was imported, ISO 8601 UTC' }),
  published_at: Type.Union([Type.String(), Type.Null()], { description: 'when it last became current; null for a draft' }),
  grids: Type.Integer(),
  area_m2: Type.Number({ description: "sum of the grids' ellipsoidal areas, m²" }),
  problems: Type.Integer({ description: 'coverage problems accepted at import with force=true; 0 for a clean tiling' }),
  idField: Type.String({ description: 'the property the ids were read from' }),
});

export type GridVersion = Static<typeof GridVersionSchema>;

export const VersionsListSchema = Type.Object({
  current: Type.Union([Type.Integer(), Type.Null()], { description: 'the version serving now; null before any import' }),
  versions: Type.Array(GridVersionSchema, { description: 'newest first' }),
});

export const PublishedSchema = Type.Object({
  version: Type.Integer({ description: 'the version now current' }),
  previous: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the version it replaced (equal to version when it was current already)',
  }),
  rerouted: Type.Integer({ description: 'stored reports whose grid changed' }),
});

export type Published = Static<typeof PublishedSchema>;

export const DiffQuerySchema = Type.Object({
  from: Type.Optional(Type.Integer({ minimum: 1, description: 'the older version; default the current one', examples: [1] })),
  to: Type.Integer({ minimum: 1, description: 'the newer version, e.g. a draft', examples: [2] }),
});

const AreaShareSchema = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], {
    description: 'grid of the other version; null for area no grid held (a gap, or outside every grid)',
  }),
  area_m2: Type.Number(),
});

export const GridChangeSchema = Type.Object({
  id: Type.String(),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')], {
    description: 'changed: same id, geometry not identical',
  }),
  from_m2: Type.Number({ description: 'm² in `from` (0 when added)' }),
  to_m2: Type.Number({ description: 'm² in `to` (0 when removed)' }),
  gained_m2: Type.Number({ description: 'm² of the new grid outside the old grid of the same id' }),
  lost_m2: Type.Number({ description: 'm² of the old grid outside the new grid of the same id' }),
  taken_from: Type.Array(AreaShareSchema, { description: 'which grids of `from` the gained area belonged to, largest first' }),
  given_to: Type.Array(AreaShareSchema, { description: 'which grids of `to` hold the lost area now, largest first' }),
});

export const DiffAnswerSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  added: Type.Integer(),
  removed: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer({ description: 'ids in both versions with identical geometry (not listed)' }),
  changes: Type.Array(GridChangeSchema, { description: "`to`'s order, then the removed grids in `from`'s order" }),
});

export const ImpactQuerySchema = Type.Object({
  from: Type.Optional(
    Type.String({ description: 'reports created at or after this, ISO 8601 date or date-time', examples: ['2026-01-01'] }),
  ),
  to: Type.Optional(Type.String({ description: 'reports created before this (exclusive)', examples: ['2026-02-01'] })),
  category: Type.Optional(Type.String({ description: 'event type code, or several separated by commas', examples: ['06010'] })),
  pair: Type.Optional(
    Type.String({
      description:
        'fromGridId,toGridId: list the reports of one cell of the matrix instead (an empty side means outside every grid, e.g. `,A1`)',
      examples: ['A2,A1'],
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'with pair: reports per page' })),
  cursor: Type.Optional(Type.String({ description: 'with pair: `next` of the previous page' })),
});

export type ImpactQuery = Static<typeof ImpactQuerySchema>;

const GridOrOutside = (what: string) => Type.Union([Type.String(), Type.Null()], { description: `${what}; null: outside every grid` });

export const ImpactCellSchema = Type.Object({
  from: GridOrOutside('grid of the current version'),
  to: GridOrOutside('grid of the version asked about'),
  count: Type.Integer(),
});

export const ImpactMatrixSchema = Type.Object({
  version: Type.Integer({ description: 'the version asked about' }),
  current: Type.Union([Type.Integer(), Type.Null()], { description: 'the version the reports are routed to now' }),
  total: Type.Integer({ description: 'reports in the window (and categories)' }),
  moved: Type.Integer({ description: 'of those, reports that would change grid' }),
  matrix: Type.Array(ImpactCellSchema, { description: 'one cell per (from, to) pair with at least one report, most reports first' }),
});

export type ImpactMatrix = Static<typeof ImpactMatrixSchema>;

export const ImpactPairSchema = Type.Object({
  version: Type.Integer(),
  current: Type.Union([Type.Integer(), Type.Null()]),
  pair: Type.Object({ from: GridOrOutside('grid of the current version'), to: GridOrOutside('grid of the version asked about') }),
  reports: Type.Array(ReportSchema, { description: 'the reports that would move from `pair.from` to `pair.to`, by (created_at, id)' }),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for the next page, null on the last' }),
});

export type ImpactPair = Static<typeof ImpactPairSchema>;
