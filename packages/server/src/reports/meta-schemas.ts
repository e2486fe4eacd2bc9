import { Type, type Static } from 'typebox';

export const MetaSchema = Type.Object({
  categories: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), en: Type.String(), count: Type.Integer() }), {
    description: 'every known event type, then any other code found in the data',
  }),
  sources: Type.Array(Type.String(), { description: 'report sources: the accepted ones, then any other found in the data' }),
  time: Type.Union([Type.Object({ min: Type.String(), max: Type.String() }), Type.Null()], {
    description: 'range of created_at, ISO 8601 UTC; null without reports',
  }),
  grids: Type.Integer(),
  reports: Type.Integer(),
  bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()], {
    description: '[minLon, minLat, maxLon, maxLat] of the grids, else of the boundaries, else of the reports; null when empty',
  }),
});

export type Meta = Static<typeof MetaSchema>;
