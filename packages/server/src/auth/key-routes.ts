import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import { ApiKeyInfoSchema, CreatedKeySchema, CreateKeyBodySchema, KeyListSchema, KeyParamsSchema } from './key-schemas.ts';

/** API key management, for admins: make, list (no secrets), revoke. */
const keys: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/keys',
    {
      config: { role: 'admin' },
      bodyLimit: 4096,
      schema: {
        tags: ['access'],
        summary: 'Make an API key',
        description:
          'Answers the new key once, in `key`; the server keeps only the SHA-256 of its secret and cannot show it again. ' +
          'Send it as `Authorization: Bearer <key>` (or `X-API-Key: <key>`).',
        body: CreateKeyBodySchema,
        response: { 201: CreatedKeySchema, ...errorResponses(400, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { role, label, department, grids, person } = request.body;
      const made = await app.store.keys.create({ role, label, department, grids, person });
      request.log.info({ created: made.id, role: made.role }, 'API key created');
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/api/keys',
    {
      config: { role: 'admin' },
      schema: { tags: ['access'], summary: 'List the API keys (no secrets)', response: { 200: KeyListSchema } },
    },
    async () => ({ keys: app.store.keys.list() }),
  );

  app.delete(
    '/api/keys/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'Revoke an API key',
        description:
          'The next request carrying it is refused (401). The row stays, with `revoked_at`; revoking twice changes nothing. 404 for an unknown id.',
        params: KeyParamsSchema,
        response: { 200: ApiKeyInfoSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const revoked = await app.store.keys.revoke(request.params.id);
      request.log.info({ revoked: revoked.id }, 'API key revoked');
      return revoked;
    },
  );
};

export default keys;
