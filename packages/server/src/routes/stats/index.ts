import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reportFilterFromQuery } from '../../query/report-filter-from-query.ts';
import { errorResponses } from '../../schemas/errors.ts';
import { ReportFilterQuerySchema } from '../../schemas/reports.ts';
import { GridStatsSchema } from '../../schemas/stats.ts';

/** Aggregations for the command centre's choropleth and rankings. */
const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/stats/grids',
    {
      schema: {
        tags: ['stats'],
        summary: 'Reports per grid',
        description: 'Every grid with its report count and density (per km² of ellipsoidal area) over the filter, grids with 0 included, plus the total and how many fell outside every grid.',
        querystring: ReportFilterQuerySchema,
        response: { 200: GridStatsSchema, ...errorResponses(400) },
      },
    },
    async (request) => app.store.gridStats(reportFilterFromQuery(request.query)),
  );
};

export default stats;
