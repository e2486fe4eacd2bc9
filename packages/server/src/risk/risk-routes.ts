import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { RiskQuerySchema, RiskSchema } from './risk-schemas.ts';

const DESCRIPTION =
  'A risk score (0–100) per grid of the current version over a period, from recent report density, cases overdue in the period and ' +
  'repeated cases, each normalised against a reference of the profile and weighted by the profile (`risk` key; docs/risk.md), mapped to ' +
  'colour levels (红/橙/黄/蓝 by default) that set how often a grid is patrolled. Levels move with hysteresis: up at once, down only past a ' +
  'margin, replayed from a few periods back, so a grid does not flicker. `components` are the normalised inputs and `formula` the weights: anyone can recompute a score. 400 CG_ERR_OPTION for a period that is not a month, quarter, year or ISO week.';

/** GET /api/risk: risk scores and colour levels per grid for a period. */
const risk: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/risk',
    {
      schema: {
        tags: ['risk'],
        summary: 'Risk score and colour level per grid, with patrol frequencies',
        description: DESCRIPTION,
        querystring: RiskQuerySchema,
        response: { 200: RiskSchema, ...errorResponses(400) },
      },
    },
    async (request) => app.store.risk.risk(request.query.period),
  );
};

export default risk;
