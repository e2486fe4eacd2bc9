import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { PersonSchema } from '../people/people-schemas.ts';
import { ApiKeyInfoSchema } from './key-schemas.ts';

export const MeSchema = Type.Object({
  key: Type.Union([Type.Pick(ApiKeyInfoSchema, ['id', 'role', 'label', 'department', 'grids', 'person']), Type.Null()], {
    description: 'the key the request carried (null on a server without access control)',
  }),
  person: Type.Union([PersonSchema, Type.Null()], {
    description: "the key's person with their grids (no phone), or null for a key no person carries",
  }),
});

export type Me = Static<typeof MeSchema>;

/** Who the caller is: the field app's sign-in (its role, person and grids). */
const me: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me',
    {
      config: { role: 'viewer', publicRead: false },
      schema: {
        tags: ['access'],
        summary: "The key's role, scope and person",
        description:
          "What the field app (/m) shows after sign-in: the key's role, its grid or department scope, and its person (`citygrid keys create --person`) with the grids they serve. " +
          'A key linked to a person since removed answers person null.',
        response: { 200: MeSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const key = request.apiKey;
      const person = key?.person ? await app.store.people.get(key.person, { phone: false }).catch(() => null) : null;
      return {
        key: key && { id: key.id, role: key.role, label: key.label, department: key.department, grids: key.grids, person: key.person },
        person,
      };
    },
  );
};

export default me;
