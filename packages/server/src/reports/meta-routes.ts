import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LoadedLevelsSchema } from '../areas/boundary-schemas.ts';
import { MetaSchema } from './meta-schemas.ts';

// The levels are the areas feature's; the answer is one object so the viewer starts with one request.
const MetaWithLevelsSchema = Type.Object({ ...MetaSchema.properties, levels: LoadedLevelsSchema });

/** What the viewer builds its filters and first view from. */
const meta: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/meta',
    {
      schema: {
        tags: ['meta'],
        summary: 'Categories, sources, time range, counts, extent and the boundary levels loaded',
        response: { 200: MetaWithLevelsSchema },
      },
    },
    async () => ({ ...(await app.store.reports.meta()), levels: await app.store.areas.levels() }),
  );
};

export default meta;
