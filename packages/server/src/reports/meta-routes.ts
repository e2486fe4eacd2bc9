import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MetaSchema } from './meta-schemas.ts';

/** What the viewer builds its filters and first view from. */
const meta: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/meta',
    { schema: { tags: ['meta'], summary: 'Categories, sources, time range, counts and extent', response: { 200: MetaSchema } } },
    async () => app.store.reports.meta(),
  );
};

export default meta;
