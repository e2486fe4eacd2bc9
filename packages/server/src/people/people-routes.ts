import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { hasRole } from '../auth/roles.ts';
import { errorResponses } from '../errors/error-schemas.ts';
import {
  GridTeamParamsSchema,
  GridTeamSchema,
  PeopleBodySchema,
  PeopleListSchema,
  PeopleQuerySchema,
  PersonParamsSchema,
  PersonPatchSchema,
  PersonSchema,
} from './people-schemas.ts';
import { Type } from 'typebox';

// 10,000 people with a few grids each are ~2 MB of JSON.
const PEOPLE_BODY_LIMIT = 4 * 1024 * 1024;

const PHONE_NOTE = 'Phone numbers are shown to admin keys only: never to other roles, nor in public reads (serve --public-read).';

/** Whether the request may see phone numbers: an admin key, and nothing less (not even a server with access control off). */
function phoneShown(request: FastifyRequest): { phone: boolean } {
  return { phone: request.apiKey !== null && hasRole(request.apiKey.role, 'admin') };
}

/** People and the grid team: who serves which grids, in which team role (seed 001's 1+1+1+5+X). */
const people: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: 'List people, by grid, team role, department',
        description: `The grid panel's team is \`?grid=<id>\`. An unknown role or department is refused (400, naming the allowed codes), a grid not in the current version too (422). ${PHONE_NOTE}`,
        querystring: PeopleQuerySchema,
        response: { 200: PeopleListSchema, ...errorResponses(400, 422) },
      },
    },
    async (request) => ({ people: await app.store.people.list(request.query, phoneShown(request)) }),
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One person',
        description: PHONE_NOTE,
        params: PersonParamsSchema,
        response: { 200: PersonSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => app.store.people.get(request.params.id, phoneShown(request)),
  );

  app.post(
    '/api/people',
    {
      config: { role: 'admin' },
      bodyLimit: PEOPLE_BODY_LIMIT,
      schema: {
        tags: ['people'],
        summary: 'Add people (one or a batch, all or nothing)',
        description:
          'Each person: id, name, role (a team role code of the city profile), department (required for a role with `department: true`, e.g. specialist), ' +
          'phone, active, grids (ids of the current version). A person already stored with identical fields is left as it is, so a retry changes nothing; ' +
          'with different fields it is refused (409): change it with PATCH. 400 for bad fields, roles or departments (naming the allowed codes), 422 for unknown grids.',
        body: PeopleBodySchema,
        response: {
          201: Type.Object({ people: Type.Array(PersonSchema), created: Type.Integer({ description: 'how many were new' }) }),
          ...errorResponses(400, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const batch = Array.isArray(body);
      const stored = await app.store.people.insert(batch ? body : [body], { label: batch ? (i) => `body/${i}` : () => 'body' });
      return reply.code(201).send(stored);
    },
  );

  app.patch(
    '/api/people/:id',
    {
      config: { role: 'admin' },
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['people'],
        summary: 'Change a person',
        description:
          'Only the fields sent change; `grids` replaces the whole list; `phone` or `department` null removes it. The result is checked as a whole (a specialist keeps needing a department). 404 for an unknown id.',
        params: PersonParamsSchema,
        body: PersonPatchSchema,
        response: { 200: PersonSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => app.store.people.update(request.params.id, request.body),
  );

  app.get(
    '/api/grids/:id/team',
    {
      schema: {
        tags: ['people'],
        summary: 'The team of one grid',
        description: `The active people serving a grid of the current version, 网格长 first (team roles in the profile's order). 404 for a grid not in the current version. ${PHONE_NOTE}`,
        params: GridTeamParamsSchema,
        response: { 200: GridTeamSchema, ...errorResponses(404) },
      },
    },
    async (request) => ({ grid: request.params.id, people: await app.store.people.team(request.params.id, phoneShown(request)) }),
  );
};

export default people;
