import { TypeBoxValidatorCompiler, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { BoundariesQuerySchema, BoundaryFieldsQuerySchema, BoundaryLevelParamsSchema, LevelReplacedSchema } from './boundary-schemas.ts';
import { AreaCollectionSchema, FeatureCollectionSchema } from './geojson-schemas.ts';

// The body schema documents the format; parseLevel checks it, naming each bad feature with a
// catalogue code, index and id (as POST /api/grids does).
const parseBodyInHandler = (def: { httpPart?: string }) =>
  def.httpPart === 'body' ? (value: unknown) => ({ value }) : TypeBoxValidatorCompiler(def as never);

// A district's streets drawn at survey detail are a few MB; 64 MiB is the grids' limit too.
const BOUNDARIES_BODY_LIMIT = 64 * 1024 * 1024;

/** Boundary units by level (city, district, street, community), drawn under the grids; never used for routing. */
const boundaries: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/boundaries',
    {
      schema: {
        tags: ['grids'],
        summary: 'Boundary units (city, district, street, community) as GeoJSON',
        description:
          'Every loaded level, or only ?level=; `level` in each feature is the number (0 city, 1 district, 2 street/town, 3 community). An empty FeatureCollection when none were loaded.',
        querystring: BoundariesQuerySchema,
        response: { 200: AreaCollectionSchema, ...errorResponses(400) },
      },
    },
    async (request) => (await app.store.areas.boundariesCollection(request.query.level)) as never,
  );

  app.put(
    '/api/boundaries/:level',
    {
      config: { role: 'planner' },
      bodyLimit: BOUNDARIES_BODY_LIMIT,
      schema: {
        tags: ['grids'],
        summary: "Replace one level's boundary units from a FeatureCollection",
        description:
          'All or nothing; the other levels are kept. Features sharing an id (id_field) are one unit, their polygons unioned. ' +
          "A unit's parent is parent_field, else the lowest loaded unit above containing its interior point, else none; units " +
          'below whose parent is missing or gone, and grids imported without a parent, are re-attached by location. Every ' +
          'problem is listed (index, id, fix): 400. An empty FeatureCollection removes the level.',
        consumes: ['application/json', 'application/geo+json'],
        params: BoundaryLevelParamsSchema,
        querystring: BoundaryFieldsQuerySchema,
        body: FeatureCollectionSchema,
        response: { 200: LevelReplacedSchema, ...errorResponses(400, 413, 415) },
      },
      validatorCompiler: parseBodyInHandler,
    },
    async (request) => {
      const { id_field, name_field, parent_field } = request.query;
      return app.store.areas.replaceLevel(request.params.level, request.body, {
        idField: id_field,
        nameField: name_field,
        parentField: parent_field,
      });
    },
  );
};

export default boundaries;
