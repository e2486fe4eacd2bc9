import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCollectionSchema } from './geojson-schemas.ts';

/** Context outlines (district, towns) drawn under the grids; never used for routing. */
const boundaries: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/boundaries',
    {
      schema: {
        tags: ['grids'],
        summary: 'District and town outlines as GeoJSON',
        description: 'Levels 1–2, for context under the grids. An empty FeatureCollection when none were loaded.',
        response: { 200: AreaCollectionSchema },
      },
    },
    async () => (await app.store.areas.boundariesCollection()) as never,
  );
};

export default boundaries;
