import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from './health-schemas.ts';

/** Liveness plus row counts: a load balancer checks the status, an operator the numbers. */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['meta'], summary: 'Liveness and row counts', response: { 200: HealthSchema } } }, async () => {
    const counts = await app.store.counts();
    return { status: 'ok' as const, grids: counts.grids, reports: counts.reports };
  });
};

export default health;
