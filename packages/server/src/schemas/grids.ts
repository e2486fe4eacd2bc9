import { Type } from 'typebox';
import { CoverageProblemSummarySchema, ParentParam } from './coverage.ts';

export const GridsImportQuerySchema = Type.Object({
  idField: Type.Optional(Type.String({ minLength: 1, default: 'id', description: 'property holding each grid\'s unique id (the feature\'s own `id` member is used when this is `id`)' })),
  parent: Type.Optional(ParentParam),
  force: Type.Optional(Type.Boolean({ default: false, description: 'import even when the grids have gaps or overlaps (they are listed in the answer); without it such a set is refused with 422' })),
});

export const GridsImportedSchema = Type.Object({
  imported: Type.Integer({ description: 'number of grids now served' }),
  problems: Type.Optional(Type.Array(CoverageProblemSummarySchema, { description: 'with force=true only, when the grids do not tile: each gap and overlap, imported anyway' })),
});
