import { Type } from 'typebox';
import { CoverageProblemSummarySchema, ParentParam } from './coverage-schemas.ts';

export const GridsImportQuerySchema = Type.Object({
  idField: Type.Optional(
    Type.String({
      minLength: 1,
      default: 'id',
      description: "property holding each grid's unique id (the feature's own `id` member is used when this is `id`)",
    }),
  ),
  parent: Type.Optional(ParentParam),
  force: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        'import even when the grids have gaps or overlaps (they are listed in the answer); without it such a set is refused with 422',
    }),
  ),
  publish: Type.Optional(
    Type.Boolean({
      default: false,
      description:
        'make the new version current at once (and re-route the stored reports); without it the import is a draft, served only by ?version= until POST /api/grids/versions/{v}/publish. The first import is always published',
    }),
  ),
});

export const GridsQuerySchema = Type.Object({
  version: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'a version from GET /api/grids/versions (draft, current or retired); default the current one',
      examples: [2],
    }),
  ),
});

export const GridsImportedSchema = Type.Object({
  version: Type.Integer({ description: 'the new version' }),
  published: Type.Boolean({ description: 'true when it is now current (publish=true, or the first import)' }),
  current: Type.Integer({ description: 'the version serving now' }),
  rerouted: Type.Integer({ description: 'stored reports whose grid changed (0 for a draft)' }),
  imported: Type.Integer({ description: 'number of grids in the new version' }),
  problems: Type.Optional(
    Type.Array(CoverageProblemSummarySchema, {
      description: 'with force=true only, when the grids do not tile: each gap and overlap, imported anyway',
    }),
  ),
});
