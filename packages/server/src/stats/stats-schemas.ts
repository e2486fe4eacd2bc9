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

const LEVEL = Type.Union([Type.Literal('grid'), Type.Literal('community'), Type.Literal('street')], {
  description:
    "grid: each grid; community: level 3 (a unit grid's community, or a level-3 grid itself: 一村一格); street: level 2 (the town or street office). " +
    'A grid with no unit of that level on its parent chain stands alone (its unit says its own level).',
  default: 'grid',
});

const filters = {
  from: Type.Optional(
    Type.String({
      description: 'window start, ISO 8601, inclusive; default: the oldest stored report',
      examples: ['2026-05-01T00:00:00+08:00'],
    }),
  ),
  to: Type.Optional(
    Type.String({
      description: 'window end, ISO 8601, exclusive; default: just after the newest stored report',
      examples: ['2026-06-01T00:00:00+08:00'],
    }),
  ),
  category: Type.Optional(Type.String({ description: 'event type code, or several separated by commas', examples: ['06010,09006'] })),
  source: Type.Optional(Type.String({ description: 'report source, or several separated by commas', examples: ['12345'] })),
};

const BUCKET = (adds: string) =>
  Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
    description: `adds a count per bucket (${adds}) for charts; weeks start on Monday`,
  });
const TZ = Type.String({
  description:
    "UTC offset buckets are cut in (days start at local midnight); default: the city profile's timezone (its offset at the window's start)",
  examples: ['+08:00', 'Z'],
});

export const StatsQuerySchema = Type.Object({
  level: Type.Optional(LEVEL),
  ...filters,
  bucket: Type.Optional(BUCKET('total and per unit')),
  tz: Type.Optional(TZ),
});

export type StatsQueryString = Static<typeof StatsQuerySchema>;

const Window = (description: string) => Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()], { description });
const Series = Type.Union([
  Type.Object({
    starts: Type.Array(Type.String(), { description: 'bucket starts, ISO 8601 at tz; the first and last bucket may be partial' }),
    total: Type.Array(Type.Integer()),
  }),
  Type.Null(),
]);
const Change = Type.Union([Type.Number(), Type.Null()], { description: '(count − previous) / previous; null when previous is 0' });

export const StatsUnitSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Type.Integer({ description: "the unit's own level: 2 street/town, 3 community/village, 4 unit grid" }),
  grids: Type.Integer({ description: 'grids of the current version in the unit' }),
  area_m2: Type.Number({ description: "sum of those grids' ellipsoidal areas, m²" }),
  count: Type.Integer({ description: 'reports in the window' }),
  per_km2: Type.Number({ description: 'count / (area_m2 / 1e6); 0 for a zero-area unit' }),
  previous: Type.Integer({ description: 'reports in the previous window (same length, just before)' }),
  change: Change,
  rank: Type.Integer({ description: 'by per_km2, highest 1; equal densities share a rank (1, 2, 2, 4)' }),
  series: Type.Optional(Type.Array(Type.Integer(), { description: 'with bucket: count per bucket, aligned with series.starts' })),
});

export type StatsUnitRow = Static<typeof StatsUnitSchema>;

/** The window, the previous one and the buckets, as both windowed answers state them. */
const windowAnswer = {
  window: Window('the window counted, UTC; null when there are no reports and none was given'),
  previous: Window('the previous window: same length, ending where the window starts'),
  bucket: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month'), Type.Null()], {
    description: `the bucket used: the one asked for, or the next coarser (week, month) when it would give more than 1000 buckets`,
  }),
  tz: Type.String({ description: 'the offset buckets were cut in' }),
};

export const StatsSchema = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid version counted' }),
  level: LEVEL,
  ...windowAnswer,
  total: Type.Integer({ description: 'reports in the window, outside ones included' }),
  outside: Type.Integer({ description: 'of those, reports in no grid' }),
  previous_total: Type.Integer(),
  change: Change,
  units: Type.Array(StatsUnitSchema, { description: 'every unit, 0 included, in rank order' }),
  series: Series,
});

export type Stats = Static<typeof StatsSchema>;

export const CategoryStatsQuerySchema = Type.Object({
  unit: Type.Optional(
    Type.String({
      description:
        'a grid id, or with level=community|street a unit id as GET /api/stats?level=… gives it in units[].id; absent: every report, outside ones included',
      examples: ['A1', 'T1'],
    }),
  ),
  level: Type.Optional(
    Type.Union([Type.Literal('grid'), Type.Literal('community'), Type.Literal('street')], {
      description: 'which level `unit` is an id of (as GET /api/stats groups them)',
      default: 'grid',
    }),
  ),
  ...filters,
  bucket: Type.Optional(BUCKET('total')),
  tz: Type.Optional(TZ),
});

export type CategoryStatsQueryString = Static<typeof CategoryStatsQuerySchema>;

export const CategoryStatSchema = Type.Object({
  code: Type.String({ description: 'event type code (事件类型)', examples: ['06010'] }),
  name: Type.String({
    description: 'its name in the catalogue GET /api/meta lists; the code itself for a code not in it',
    examples: ['暴露垃圾'],
  }),
  count: Type.Integer({ description: 'reports in the window' }),
  previous: Type.Integer({ description: 'reports in the previous window' }),
  change: Change,
});

export const CategoryStatsSchema = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], { description: "the grid version the unit's grids are taken from" }),
  level: LEVEL,
  unit: Type.Union(
    [
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        level: Type.Integer({ description: "the unit's own level: 2 street/town, 3 community/village, 4 unit grid" }),
      }),
      Type.Null(),
    ],
    {
      description: 'the unit counted; null for the whole city (every report, outside ones included)',
    },
  ),
  ...windowAnswer,
  total: Type.Integer({ description: 'reports of the unit in the window' }),
  previous_total: Type.Integer(),
  change: Change,
  categories: Type.Array(CategoryStatSchema, {
    description: 'every category with a report in either window, most in the window first (then most in the previous, then by code)',
  }),
  series: Series,
});

export type CategoryStats = Static<typeof CategoryStatsSchema>;

export const BinsQuerySchema = Type.Object({
  zoom: Type.Integer({ minimum: 0, maximum: 22, description: 'web map zoom level the bins are for' }),
  detail: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 8, default: 5, description: 'cells per 256 px tile side are 2^detail: 5 → 8 px cells' }),
  ),
  shape: Type.Optional(Type.Union([Type.Literal('square'), Type.Literal('hex')], { default: 'square' })),
  bbox: Type.Optional(
    Type.String({ description: 'minLon,minLat,maxLon,maxLat: only reports inside (edges included)', examples: ['108.9,32.6,109.2,32.8'] }),
  ),
  ...filters,
});

export type BinsQueryString = Static<typeof BinsQuerySchema>;

export const BinsSchema = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()]),
  shape: Type.Union([Type.Literal('square'), Type.Literal('hex')]),
  zoom: Type.Integer(),
  detail: Type.Integer(),
  cells_per_world: Type.Integer({ description: 'W = 2^(zoom + detail): cells across the Web Mercator world' }),
  total: Type.Integer({ description: 'reports binned' }),
  max: Type.Integer({ description: 'the largest count, for a colour scale' }),
  bins: Type.Integer({ description: 'number of non-empty bins: the length of every array below' }),
  x: Type.Array(Type.Integer(), { description: 'square: column 0…W−1 (tile x = x >> detail); hex: axial q' }),
  y: Type.Array(Type.Integer(), { description: 'square: row 0…W−1 from the north (tile y = y >> detail); hex: axial r' }),
  count: Type.Array(Type.Integer()),
  lon: Type.Array(Type.Number(), { description: 'bin centre, WGS84 degrees' }),
  lat: Type.Array(Type.Number()),
});

export type Bins = Static<typeof BinsSchema>;

export const HotspotsQuerySchema = Type.Object({
  ...filters,
  value: Type.Optional(
    Type.Union([Type.Literal('density'), Type.Literal('count')], {
      default: 'density',
      description: 'Gi* on reports per km² (default: grids differ in size) or on counts',
    }),
  ),
});

export type HotspotsQueryString = Static<typeof HotspotsQuerySchema>;

export const HotspotsSchema = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()]),
  value: Type.Union([Type.Literal('density'), Type.Literal('count')]),
  n: Type.Integer({ description: 'grids' }),
  mean: Type.Number({ description: 'mean value over the grids' }),
  sd: Type.Number({ description: 'population standard deviation S of the values' }),
  hot: Type.Integer({ description: 'grids classed hot at ≥ 90 %' }),
  cold: Type.Integer({ description: 'grids classed cold at ≥ 90 %' }),
  grids: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      count: Type.Integer(),
      area_m2: Type.Number(),
      per_km2: Type.Number(),
      neighbours: Type.Integer({ description: 'grids sharing a border with it' }),
      z: Type.Union([Type.Number(), Type.Null()], {
        description: 'Gi* z-score; null when undefined (all values equal, or a grid bordering every other)',
      }),
      p: Type.Union([Type.Number(), Type.Null()], { description: 'two-sided p-value' }),
      class: Type.Union([Type.Literal('hot'), Type.Literal('cold'), Type.Literal('none')]),
      confidence: Type.Union([Type.Literal(0), Type.Literal(90), Type.Literal(95), Type.Literal(99)], {
        description: '99: p < 0.01, 95: p < 0.05, 90: p < 0.10',
      }),
    }),
    { description: 'every grid, highest z first' },
  ),
});

export type Hotspots = Static<typeof HotspotsSchema>;
