import { Type, type Static } from 'typebox';
import { STANDARD_SOURCES } from '@citygrid/core';
import { CRS_DESCRIPTION, PathSchema, RouteMatchSchema } from '../grids/route-schemas.ts';

/** Most reports one POST may carry: a 12345 platform's hourly export, well under the body limit. */
export const MAX_REPORTS_PER_REQUEST = 10_000;

const SOURCE_LIST = STANDARD_SOURCES.map((s) => s.code).join(', ');

/**
 * One report as a client sends it. Only the types are checked by the schema; ranges, the
 * category catalogue, sources and times are checked by the store so every bad item of a batch
 * is named at once with its catalogue code (e.g. 422 for an unknown category).
 */
export const ReportInputSchema = Type.Object(
  {
    id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'client id; makes a retry idempotent. Generated (UUID) when absent' }),
    ),
    lon: Type.Number({
      description: 'longitude in degrees, −180…180, in `crs` (default WGS84); stored converted to WGS84',
      examples: [109.03],
    }),
    lat: Type.Number({
      description: 'latitude in degrees, −90…90, in `crs` (default WGS84); stored converted to WGS84',
      examples: [32.69],
    }),
    crs: Type.Optional(
      Type.String({ description: `${CRS_DESCRIPTION}; the stored report keeps only the WGS84 position`, examples: ['gcj02'] }),
    ),
    category: Type.String({
      description: 'a category code of the city profile (GET /api/profile/catalogue): by default any GB/T 47678.5 matter code',
      examples: ['06010'],
    }),
    source: Type.String({
      description: `a source of the city profile (GET /api/profile/catalogue); shipped: ${SOURCE_LIST}`,
      examples: ['12345'],
    }),
    created_at: Type.Optional(
      Type.String({
        description: 'ISO 8601 date or date-time; a time without zone is UTC; default now',
        examples: ['2024-05-01T08:30:00+08:00'],
      }),
    ),
    description: Type.Optional(Type.String({ maxLength: 4000, description: "what was seen, in the reporter's words" })),
    address: Type.Optional(Type.String({ maxLength: 500, description: 'address text' })),
    attributes: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), {
        description: "values of the category's attributes (GET /api/profile/catalogue), checked by type, range and required",
      }),
    ),
    contact: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description:
          'who reported it (name, phone, email, account_id, device_id): stored apart, read only by operators and admins, never in public reads, exports or the live feed',
      }),
    ),
  },
  { additionalProperties: true },
);

export type ReportInput = Static<typeof ReportInputSchema>;

/** What POST /api/reports promises; shown on the body schema and the route in the OpenAPI docs. */
export const REPORTS_DESCRIPTION =
  `One report or an array of up to ${MAX_REPORTS_PER_REQUEST}. All or nothing: every item is checked first, and if any is ` +
  'invalid the answer lists each bad item (array index, field, fix) and nothing is stored. Positions given in another `crs` ' +
  '(GCJ-02 from AMap/WeChat, BD-09 from Baidu) are range-checked as given, then converted and stored as WGS84. Each stored ' +
  'report is routed to the grid it falls in (no nearest-grid slack: a report outside every grid keeps grid_id null). Resending an id with identical content returns the stored result (idempotent); the same id ' +
  'with different content is 409 CG_ERR_DUPLICATE_REPORT.';

export const ReportsBodySchema = Type.Union(
  [ReportInputSchema, Type.Array(ReportInputSchema, { minItems: 1, maxItems: MAX_REPORTS_PER_REQUEST })],
  { description: REPORTS_DESCRIPTION },
);

export const RoutedReportSchema = Type.Object({
  id: Type.String(),
  grid_id: Type.Union([Type.String(), Type.Null()], {
    description: 'grid the report falls in; null when outside every grid or none are loaded',
  }),
  version: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the grid version grid_id belongs to: the current one, which routed a new report; null before any grids are published',
  }),
  match: RouteMatchSchema,
  path: PathSchema,
});

export type RoutedReport = Static<typeof RoutedReportSchema>;

export const ReportsCreatedSchema = Type.Object({
  reports: Type.Array(RoutedReportSchema, { description: 'one per submitted item, in order' }),
});

/** A stored report as served. */
export const ReportSchema = Type.Object({
  id: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  category: Type.String(),
  source: Type.String(),
  created_at: Type.String({ description: 'ISO 8601, UTC' }),
  grid_id: Type.Union([Type.String(), Type.Null()], {
    description: 'grid of the current version (reports are re-routed when a version is published); null outside every grid',
  }),
  routed_version: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the grid version current when the report arrived, which routed it; never rewritten. Null if no grids were published then',
  }),
  routed_grid_id: Type.Union([Type.String(), Type.Null()], {
    description: 'the grid routed_version gave it on arrival (the grid that was responsible then); never rewritten',
  }),
  description: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  attributes: Type.Union([Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()])), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()], {
    description: "the department that owns it by the city profile's dispatch (null when the profile has none)",
  }),
  owner_level: Type.Union([Type.String(), Type.Null()], { description: 'grid, community, street, district or city' }),
  dispatch_rule: Type.Union([Type.String(), Type.Null()], {
    description: 'JSON pointer of the profile entry that decided (/dispatch/3, /corridors/0) or default',
  }),
  category_known: Type.Boolean({
    description: 'false: a category the profile does not know, kept under its own text (unknown_category: other)',
  }),
});

export type StoredReport = Static<typeof ReportSchema>;

export const ReportParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** Who reported it, as stored: for operators only (the reporter's privacy). */
export const ContactSchema = Type.Object({ contact: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]) });

export const ReportsPageSchema = Type.Object({
  reports: Type.Array(ReportSchema),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for the next page, null on the last' }),
});

const timeRange = {
  from: Type.Optional(Type.String({ description: 'ISO 8601 date or date-time, inclusive', examples: ['2024-05-01'] })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 date or date-time, exclusive', examples: ['2024-06-01'] })),
  category: Type.Optional(Type.String({ description: 'event type code, or several separated by commas', examples: ['06010,09006'] })),
  source: Type.Optional(
    Type.String({
      description: `report source, or several separated by commas: ${SOURCE_LIST}, or the profile's`,
      examples: ['12345,wechat'],
    }),
  ),
  department: Type.Optional(
    Type.String({ description: "department code, or several separated by commas (the profile's departments)", examples: ['cgj'] }),
  ),
};

/** Filters shared by the heatmap points and the per-grid statistics. */
export const ReportFilterQuerySchema = Type.Object(timeRange);

export type ReportFilterQuery = Static<typeof ReportFilterQuerySchema>;

export const ReportsQuerySchema = Type.Object({
  bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat in WGS84 degrees', examples: ['109.0,32.6,109.1,32.8'] })),
  ...timeRange,
  grid: Type.Optional(
    Type.String({
      description: 'grid id; with `level`, the id of a community or street/town: the reports of all its grids',
      examples: ['610902001001001'],
    }),
  ),
  level: Type.Optional(
    Type.Union([Type.Literal('grid'), Type.Literal('community'), Type.Literal('street')], {
      description:
        "what `grid` names: a grid (default), a community (level 3: a unit grid's parent, or a level-3 grid itself) or a street/town (level 2); see GET /api/stats",
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'page size (JSON only: exports are not paged)' }),
  ),
  cursor: Type.Optional(Type.String({ description: '`next` of the previous page (JSON only)' })),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('geojson'), Type.Literal('parquet')], {
      description: 'json: a page (default); csv, geojson, parquet: every matching report as a file, streamed. Wins over the Accept header',
    }),
  ),
});

export type ReportsQuery = Static<typeof ReportsQuerySchema>;
