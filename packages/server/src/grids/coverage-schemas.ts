import { Type, type Static } from 'typebox';
import { COVERAGE_KINDS } from '@citygrid/core';
import { GeometrySchema } from '../areas/geojson-schemas.ts';

export const CoverageKindSchema = Type.Enum([...COVERAGE_KINDS], {
  description: 'what is wrong; see docs/coverage.md for each kind',
  examples: ['overlap'],
});

const IdField = Type.String({
  minLength: 1,
  default: 'id',
  description: "property holding each grid's unique id (the feature's own `id` member is used when this is `id`)",
});

/** `parent`: a loaded boundary the grids must cover exactly. */
export const ParentParam = Type.String({
  minLength: 1,
  description:
    'id of a loaded boundary (GET /api/boundaries: a town or the district) that the grids must cover exactly: ' +
    'parts outside it and uncovered inlets become problems. Whether or not it is given, when boundaries are loaded every ' +
    "grid's `parent` must name one of them and lie within it (the hierarchy check).",
  examples: ['610902001'],
});

export const CoverageValidateQuerySchema = Type.Object({
  idField: Type.Optional(IdField),
  sliverWidth: Type.Optional(
    Type.Number({
      minimum: 0,
      default: 1,
      description: 'metres: overlaps and gaps narrower than this are flagged `sliver: true`',
      examples: [1],
    }),
  ),
  parent: Type.Optional(ParentParam),
});

export const CoverageRepairQuerySchema = Type.Object({
  idField: Type.Optional(IdField),
  strategy: Type.Optional(
    Type.Enum(['longest-border', 'largest-area', 'smallest-area', 'lowest-id'], {
      default: 'longest-border',
      description: 'who keeps an overlap: the grid bordering it longest, the larger, the smaller, or the lower id',
    }),
  ),
  gapWidth: Type.Optional(
    Type.Number({
      minimum: 0,
      default: 1,
      description:
        'metres: gaps and inlets narrower than this join the neighbour with the longest shared border; wider ones are left and reported',
      examples: [1],
    }),
  ),
  snapTolerance: Type.Optional(
    Type.Number({
      minimum: 0,
      default: 0,
      description: 'metres: vertices and borders within twice this (at least 2 cm) become shared exactly',
    }),
  ),
  parent: Type.Optional(ParentParam),
});

/** One coverage problem exactly as core's validateCoverage returns it. */
export const CoverageProblemSchema = Type.Object({
  kind: CoverageKindSchema,
  grids: Type.Array(Type.String(), { description: 'ids of the grids involved, sorted (empty for a gap no grid touches)' }),
  geometry: GeometrySchema,
  area_m2: Type.Optional(Type.Number({ description: 'm² on the WGS84 ellipsoid (areal kinds)' })),
  width_m: Type.Optional(Type.Number({ description: 'metres: twice the radius of the largest circle inside the piece' })),
  sliver: Type.Optional(Type.Literal(true, { description: 'present when width_m < sliverWidth' })),
  reason: Type.Optional(Type.String({ description: 'why, in words: self-intersection, the feature indexes of a duplicate id, …' })),
  location: Type.Optional(
    Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'a point of the defect, [lon, lat] WGS84 degrees' }),
  ),
});

const Ms = Type.Number({ description: 'milliseconds' });

export const CoverageStatsSchema = Type.Object({
  grids: Type.Integer(),
  edges: Type.Integer({ description: 'directed ring edges of all grids' }),
  matchedEdges: Type.Integer({ description: 'edges matched exactly by the reverse edge of one other grid' }),
  unmatchedEdges: Type.Integer({ description: 'edges left for exact resolution by polygon clipping' }),
  clusters: Type.Integer({ description: 'groups of unmatched edges resolved by clipping' }),
  totalArea_m2: Type.Number({ description: 'sum of the grid areas, m²' }),
  coveredArea_m2: Type.Number({ description: 'area covered by at least one grid, m²' }),
  parentArea_m2: Type.Optional(Type.Number()),
  ms: Type.Object({ geometry: Ms, hashing: Ms, outer: Ms, resolve: Ms, hierarchy: Ms, total: Ms }),
});

export const CoverageResultSchema = Type.Object(
  {
    valid: Type.Boolean({ description: 'true when there is no problem of any kind' }),
    problems: Type.Array(CoverageProblemSchema, { description: 'sorted by kind, then by area, largest first' }),
    stats: CoverageStatsSchema,
  },
  {
    description: "core's validateCoverage result: each gap, overlap or invalid grid located as GeoJSON (WGS84) and measured in m².",
    examples: [
      {
        valid: false,
        problems: [
          {
            kind: 'overlap',
            grids: ['A1', 'A2'],
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [109.01, 32.68],
                  [109.011, 32.68],
                  [109.011, 32.69],
                  [109.01, 32.69],
                  [109.01, 32.68],
                ],
              ],
            },
            area_m2: 104_000,
            width_m: 93.8,
            location: [109.0105, 32.685],
          },
        ],
        stats: {
          grids: 4,
          edges: 17,
          matchedEdges: 6,
          unmatchedEdges: 3,
          clusters: 1,
          totalArea_m2: 4_260_000,
          coveredArea_m2: 4_156_000,
          ms: { geometry: 0.1, hashing: 0.1, outer: 0.1, resolve: 1.2, hierarchy: 0, total: 1.6 },
        },
      },
    ],
  },
);

/** A coverage problem as an import lists it: no geometry, a sentence naming the grids and m². */
export const CoverageProblemSummarySchema = Type.Object({
  code: Type.Literal('CG_ERR_COVERAGE_INVALID'),
  kind: CoverageKindSchema,
  grids: Type.Array(Type.String()),
  area_m2: Type.Optional(Type.Number({ description: 'm² on the WGS84 ellipsoid (areal kinds)' })),
  message: Type.String({ examples: ['grids A1 and A2 overlap by 104,000 m²'] }),
  fix: Type.String(),
});

export type CoverageProblemSummary = Static<typeof CoverageProblemSummarySchema>;

/** 422 of an import refused for its coverage problems. */
export const CoverageErrorSchema = Type.Object(
  {
    error: Type.Literal('CG_ERR_COVERAGE_INVALID'),
    message: Type.String(),
    fix: Type.String(),
    problems: Type.Array(CoverageProblemSummarySchema),
  },
  { description: 'The grids parse but do not tile: every gap, overlap and invalid grid, with the grids and m². Nothing was stored.' },
);

const RepairActionSchema = Type.Object({
  kind: CoverageKindSchema,
  to: Type.Optional(Type.String({ description: 'the grid that received the piece (absent when a piece outside the parent was cut off)' })),
  from: Type.Array(Type.String(), { description: 'the grids that lost it (empty for a gap)' }),
  area_m2: Type.Number({ description: 'm² on the WGS84 ellipsoid' }),
  location: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat] of the piece' }),
});

const GridAreaChangeSchema = Type.Object({
  id: Type.String(),
  before_m2: Type.Number(),
  after_m2: Type.Number(),
  gained_m2: Type.Number({ description: 'overlaps kept and gaps received' }),
  lost_m2: Type.Number({ description: 'overlaps given away and parts outside the parent cut off' }),
  removed: Type.Optional(Type.Literal(true, { description: 'nothing was left (the loser of an exact duplicate)' })),
});

export const RepairAnswerSchema = Type.Object(
  {
    valid: Type.Boolean({ description: 'true when the repaired grids validate clean' }),
    grids: Type.Object(
      { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
      { description: "the repaired grids as GeoJSON: each input feature's properties untouched, its geometry repaired" },
    ),
    actions: Type.Array(RepairActionSchema, { description: 'each fix, with the m² moved' }),
    changes: Type.Array(GridAreaChangeSchema, { description: 'every grid whose area changed' }),
    problems: Type.Array(CoverageProblemSchema, { description: 'what validation still finds: wide gaps, invalid polygons, duplicate ids' }),
    stats: Type.Object({ rounds: Type.Integer(), ms: Type.Number() }),
  },
  { description: "core's repairCoverage result. Nothing is stored: import `grids` with POST /api/grids when it looks right." },
);
