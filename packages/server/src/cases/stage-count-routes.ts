import { Type, type Static } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { requesterOf } from './requester.ts';
import { countOpenByStage } from './stage-count-rows.ts';

/** `GET /api/cases-by-stage`: open cases per stage of the workflow, in its order (the wall's funnel). */
export const StageCountsSchema = Type.Object({
  at: Type.String({ description: 'when overdue was judged, ISO 8601 UTC' }),
  total: Type.Integer({ minimum: 0, description: 'open cases, all stages' }),
  stages: Type.Array(
    Type.Object({
      stage: Type.String({ description: "a non-terminal stage code of the profile's workflow", examples: ['dispatched'] }),
      name: Type.String({ description: "the stage's name in the profile", examples: ['派遣'] }),
      en: Type.String({ description: 'its English name (the code when the profile gives none)' }),
      count: Type.Integer({ minimum: 0, description: 'open cases in the stage' }),
      overdue: Type.Integer({ minimum: 0, description: 'of them, past their time limit' }),
    }),
    { description: "every non-terminal stage in the workflow's order, with 0 where none is open" },
  ),
});
/** The answer of `GET /api/cases-by-stage`. */
export type StageCounts = Static<typeof StageCountsSchema>;

/**
 * Open cases counted per stage. Its own path, not `/api/cases/…`, where it would shadow a case
 * of that id. The wall's funnel asks it after each live `case` event: a count over every open
 * case, where GET /api/cases pages 500 at a time.
 */
const stageCounts: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cases-by-stage',
    {
      schema: {
        tags: ['cases'],
        summary: "Open cases per stage, in the workflow's order",
        description:
          "Counts the open (non-terminal) cases of each stage of the profile's workflow and how many are overdue, judged as GET /api/cases judges it. " +
          "A department key counts only its department's cases, an inspector key only its grids'.",
        response: { 200: StageCountsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request): Promise<StageCounts> => {
      const now = Date.now();
      const { workflow } = app.store.cases.context();
      const counted = new Map(
        (await app.store.db.read((conn) => countOpenByStage(conn, requesterOf(request).scope, now))).map((c) => [c.stage, c]),
      );
      const stages = workflow.stages
        .filter((s) => !s.terminal)
        .map((s) => ({
          stage: s.code,
          name: s.name,
          en: s.en || s.code,
          count: counted.get(s.code)?.count ?? 0,
          overdue: counted.get(s.code)?.overdue ?? 0,
        }));
      return { at: new Date(now).toISOString(), total: stages.reduce((n, s) => n + s.count, 0), stages };
    },
  );
};

export default stageCounts;
