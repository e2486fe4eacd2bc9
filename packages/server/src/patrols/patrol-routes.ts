import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { hasRole } from '../auth/roles.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import { PatrolBodySchema, PatrolListSchema, PatrolQuerySchema, PatrolSchema } from './patrol-schemas.ts';

// A day's track at 5 s is ~17,000 points of ~50 bytes.
const PATROL_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * Whose patrol a request is about: the key's person; an admin key, or a server without keys,
 * names it. A key without a person may not patrol (CG_ERR_NO_PERSON), nor act for another.
 */
function personOf(request: FastifyRequest, named: string | undefined): string {
  const key = request.apiKey;
  if (key?.person) {
    if (named !== undefined && named !== key.person && !hasRole(key.role, 'admin'))
      throw serverError([
        problem(
          'CG_ERR_FORBIDDEN',
          {},
          `the key cg_${key.id}_… is carried by ${key.person} and cannot send or read the patrols of ${named}`,
        ),
      ]);
    return named ?? key.person;
  }
  if (named !== undefined && (key === null || hasRole(key.role, 'admin'))) return named;
  if (key === null) throw serverError([problem('CG_ERR_VALIDATION', {}, 'body/person', 'is required when the request carries no key')]);
  throw serverError([problem('CG_ERR_NO_PERSON', {}, key.id)]);
}

/** Patrols of the field app: a person's track and grid check-ins (出勤率), and their list for the desk. */
const patrols: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/patrols',
    {
      config: { role: ['reporter', 'inspector'] },
      bodyLimit: PATROL_BODY_LIMIT,
      schema: {
        tags: ['patrols'],
        summary: 'Store a patrol: its track and one check-in per grid entered',
        description:
          "Sent by the field app (/m) when a patrol ends, from its offline queue. The person is the key's (`citygrid keys create --person`); an admin key names it in `person`. " +
          'Each sample is routed to a grid of the current version; the first sample inside a grid is its check-in. Idempotent by `id`: a resend answers the stored patrol with 200 (201 when new); ' +
          'the same id for another person is 409. 400 names each bad item (`track/3`): positions, times out of order, before `started_at` or in the future, the crs.',
        body: PatrolBodySchema,
        response: { 200: PatrolSchema, 201: PatrolSchema, ...errorResponses(400, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const person = personOf(request, request.body.person);
      const { patrol, created } = await app.store.patrols.insert(request.body, person);
      return reply.code(created ? 201 : 200).send(patrol);
    },
  );

  app.get(
    '/api/patrols',
    {
      config: { role: ['operator', 'supervisor', 'dispatcher', 'inspector'] },
      schema: {
        tags: ['patrols'],
        summary: 'List patrols by person and time',
        description:
          "Newest first, with their check-ins. Tracks are where a person walked: desk roles (operator, supervisor, dispatcher, admin) read everyone's, an inspector key only its own person's.",
        querystring: PatrolQuerySchema,
        response: { 200: PatrolListSchema, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const key = request.apiKey;
      const desk = key === null || hasRole(key.role, ['operator', 'supervisor', 'dispatcher']);
      const person = desk ? request.query.person : personOf(request, request.query.person);
      return { patrols: await app.store.patrols.list({ ...request.query, person }) };
    },
  );
};

export default patrols;
