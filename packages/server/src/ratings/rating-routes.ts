import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { RatingBodySchema, RatingSchema } from './rating-schemas.ts';

/** Ratings of closed cases (满意度): what the assessment's satisfaction reads. */
const ratings: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/cases/:id/rating',
    {
      // An operator or supervisor records a follow-up call (回访); an intake client (reporter
      // key: the hotline, the WeChat form) relays the reporter's own rating.
      config: { role: ['reporter', 'operator', 'supervisor'] },
      schema: {
        tags: ['cases'],
        summary: "Rate a closed case: the reporter's satisfaction (满意度)",
        description:
          "One rating per case and reporter (the reporter of `report_id`, by default the case's first report), 1 to the profile's scale (5). " +
          'Sending the same rating again answers 200 with it; a different one is refused (409 CG_ERR_ALREADY_RATED). ' +
          '409 CG_ERR_CASE_NOT_CLOSED before the case is closed. Open311 clients rate through POST /open311/v2/requests/{id}/rating.json.',
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        body: RatingBodySchema,
        response: { 200: RatingSchema, 201: RatingSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { rating, created } = await app.store.ratings.rate(request.params.id, request.body, 'api');
      return reply.code(created ? 201 : 200).send(rating);
    },
  );
};

export default ratings;
