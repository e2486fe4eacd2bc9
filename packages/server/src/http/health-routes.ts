import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthQuerySchema, HealthSchema } from './health-schemas.ts';

/**
 * Liveness, answered without touching the database: a load balancer polls it every few
 * seconds, and counting a million rows on each poll made it the slowest route. An operator
 * asks `?detail=1` for the counts (GET /api/meta has them too).
 */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      // Its answer is a few bytes: compression would only cost the poll a hook.
      compress: false,
      schema: {
        tags: ['meta'],
        summary: 'Liveness; with detail=1, row counts',
        querystring: HealthQuerySchema,
        response: { 200: HealthSchema },
      },
    },
    async (request) => {
      if (!request.query.detail) return { status: 'ok' as const };
      const counts = await app.store.counts();
      return { status: 'ok' as const, grids: counts.grids, reports: counts.reports };
    },
  );
};

export default health;
