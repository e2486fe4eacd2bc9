import { Type } from 'typebox';

export const GridsImportQuerySchema = Type.Object({
  idField: Type.Optional(Type.String({ minLength: 1, default: 'id', description: 'property holding each grid\'s unique id (the feature\'s own `id` member is used when this is `id`)' })),
});

export const GridsImportedSchema = Type.Object({
  imported: Type.Integer({ description: 'number of grids now served' }),
});
