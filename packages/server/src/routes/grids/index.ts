import { TypeBoxValidatorCompiler, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CitygridError, parseGrids } from '@citygrid/core';
import { errorResponses } from '../../schemas/errors.ts';
import { AreaCollectionSchema, FeatureCollectionSchema } from '../../schemas/geojson.ts';
import { GridsImportedSchema, GridsImportQuerySchema } from '../../schemas/grids.ts';

// Lishui's 207 grids are ~3 MB of GeoJSON; 64 MiB leaves room for a city of unit grids.
const GRIDS_BODY_LIMIT = 64 * 1024 * 1024;

/** The grid layer: read it as GeoJSON, or replace it whole. */
const grids: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids',
    {
      schema: {
        tags: ['grids'],
        summary: 'All grids as GeoJSON',
        description: "Each feature's properties are the imported ones plus id, name, level, parent and area_m2 (m², WGS84 ellipsoid).",
        response: { 200: AreaCollectionSchema },
      },
    },
    async () => app.store.gridsCollection() as never,
  );

  app.post(
    '/api/grids',
    {
      bodyLimit: GRIDS_BODY_LIMIT,
      schema: {
        tags: ['grids'],
        summary: 'Replace all grids',
        description:
          'Validates the whole FeatureCollection with core\'s parseGrids and, if every feature is a valid polygon with a unique id, ' +
          'replaces the grids in one transaction and re-routes the stored reports. On any problem the answer lists every bad feature ' +
          '(index, id, fix) and nothing changes: the previous grids keep serving. Accepts application/json and application/geo+json.',
        consumes: ['application/json', 'application/geo+json'],
        querystring: GridsImportQuerySchema,
        body: FeatureCollectionSchema,
        response: { 201: GridsImportedSchema, ...errorResponses(400, 413, 415) },
      },
      // The body schema documents the format; parseGrids does the checking, because it names
      // each bad feature with a catalogue code (CG_ERR_RING_UNCLOSED, CG_ERR_ID_DUPLICATE …)
      // where a JSON schema could only say `body/features/3/geometry/coordinates/0 …`.
      validatorCompiler: (def) => (def.httpPart === 'body' ? (value: unknown) => ({ value }) : TypeBoxValidatorCompiler(def)),
    },
    async (request, reply) => {
      const result = parseGrids(request.body, { idField: request.query.idField ?? 'id' });
      if (!result.ok) throw new CitygridError(result.problems);
      await app.store.replaceGrids(result.gridSet);
      return reply.code(201).send({ imported: result.gridSet.grids.length });
    },
  );
};

export default grids;
