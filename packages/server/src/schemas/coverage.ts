import { Type, type Static } from 'typebox';
import type { CoverageProblemKind } from '@citygrid/core';
import { GeometrySchema } from './geojson.ts';

/** Every kind validateCoverage reports, in its sort order (docs/coverage.md). */
export const COVERAGE_KINDS = [
  'invalid-geometry',
  'duplicate-id',
  'duplicate-geometry',
  'hierarchy',
  'outside-parent',
  'uncovered-parent',
  'overlap',
  'gap',
  'edge-mismatch',
] as const satisfies readonly CoverageProblemKind[];

// Compile-time check that the list above names every kind core has: a new kind in core fails tsc here.
type MissingKind = Exclude<CoverageProblemKind, (typeof COVERAGE_KINDS)[number]>;
const _allKinds: [MissingKind] extends [never] ? true : MissingKind = true;
void _allKinds;

export const CoverageKindSchema = Type.Enum([...COVERAGE_KINDS], {
  description: 'what is wrong; see docs/coverage.md for each kind',
  examples: ['overlap'],
});

export const CoverageValidateQuerySchema = Type.Object({
  idField: Type.Optional(Type.String({ minLength: 1, default: 'id', description: 'property holding each grid\'s unique id (the feature\'s own `id` member is used when this is `id`)' })),
  sliverWidth: Type.Optional(Type.Number({ minimum: 0, default: 1, description: 'metres: overlaps and gaps narrower than this are flagged `sliver: true`', examples: [1] })),
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
  location: Type.Optional(Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'a point of the defect, [lon, lat] WGS84 degrees' })),
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
            geometry: { type: 'Polygon', coordinates: [[[109.01, 32.68], [109.011, 32.68], [109.011, 32.69], [109.01, 32.69], [109.01, 32.68]]] },
            area_m2: 104_000,
            width_m: 93.8,
            location: [109.0105, 32.685],
          },
        ],
        stats: { grids: 4, edges: 17, matchedEdges: 6, unmatchedEdges: 3, clusters: 1, totalArea_m2: 4_260_000, coveredArea_m2: 4_156_000, ms: { geometry: 0.1, hashing: 0.1, outer: 0.1, resolve: 1.2, hierarchy: 0, total: 1.6 } },
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
