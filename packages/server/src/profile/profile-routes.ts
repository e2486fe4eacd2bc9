import { CitygridError, DEFAULT_PROFILE, ProfileSchema } from '@citygrid/core';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../errors/error-schemas.ts';
import {
  CatalogueAnswerSchema,
  ProfileAnswerSchema,
  ProfileFileParamsSchema,
  ProfileFileStoredSchema,
  ProfileReplacedSchema,
} from './profile-schemas.ts';

// A profile is a few hundred KB at most (5,000 categories); a corridor file a few MB.
const PROFILE_LIMIT = 4 * 1024 * 1024;
const FILE_LIMIT = 32 * 1024 * 1024;

/** The city profile: read it, its schema and catalogue; replace it (admin). docs/profile.md. */
const profile: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/profile',
    { schema: { tags: ['profile'], summary: 'The city profile in use', response: { 200: ProfileAnswerSchema } } },
    async () => ({ ...app.store.profiles.stored(), profile: app.store.profiles.current().profile }) as never,
  );

  app.get(
    '/api/profile/schema',
    {
      schema: {
        tags: ['profile'],
        summary: 'The JSON Schema a city profile is checked against',
        description:
          'Point a profile\'s "$schema" at it and editors complete and check the file as it is typed. docs/profile.md describes each field.',
      },
    },
    async () => ProfileSchema,
  );

  app.get(
    '/api/profile/catalogue',
    {
      schema: {
        tags: ['profile'],
        summary: 'Categories (with attributes), sources, departments and team roles under the profile in use',
        response: { 200: CatalogueAnswerSchema },
      },
    },
    async () => {
      const city = app.store.profiles.current();
      return {
        version: city.version,
        unknown_category: city.profile.unknown_category ?? 'reject',
        categories: city.catalogue.categories,
        sources: city.catalogue.sources,
        departments: city.profile.departments ?? [],
        team_roles: city.profile.team_roles ?? DEFAULT_PROFILE.team_roles ?? [],
      } as never;
    },
  );

  app.put(
    '/api/profile',
    {
      config: { role: 'admin' },
      bodyLimit: PROFILE_LIMIT,
      schema: {
        tags: ['profile'],
        summary: 'Replace the city profile',
        description:
          'The body is a profile (GET /api/profile/schema). It is checked whole — the schema, then unique codes, known departments, ' +
          'matching categories, the files it names (uploaded with PUT /api/profile/files/{name}, or kept from the profile in use) — and ' +
          'every problem is answered at once with its JSON pointer (400); nothing changes then. An identical profile stores no new version.',
        body: Type.Unknown({ description: 'a city profile' }),
        response: { 200: ProfileReplacedSchema, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const done = await app.store.replaceProfile(request.body, {}, request.apiKey?.id ?? null);
      if (done.changed) request.log.info({ version: done.version }, 'city profile replaced');
      return done;
    },
  );

  app.put(
    '/api/profile/files/:name',
    {
      config: { role: 'admin' },
      bodyLimit: FILE_LIMIT,
      schema: {
        tags: ['profile'],
        summary: 'Upload a file (GeoJSON) a profile names',
        description:
          'Corridor lines or boundary polygons, under the name the profile uses in `file`; used by the next PUT /api/profile that names it.',
        params: ProfileFileParamsSchema,
        body: Type.Unknown({ description: 'a GeoJSON FeatureCollection' }),
        response: { 200: ProfileFileStoredSchema, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => {
      const body = request.body as { type?: unknown; features?: unknown } | null;
      if (body === null || typeof body !== 'object' || body.type !== 'FeatureCollection' || !Array.isArray(body.features)) {
        throw CitygridError.of(
          'CG_ERR_NOT_FEATURE_COLLECTION',
          {},
          body === null || typeof body !== 'object' ? typeof body : JSON.stringify(body.type),
        );
      }
      const sha256 = await app.store.profiles.upload(request.params.name, body);
      return { name: request.params.name, sha256 };
    },
  );
};

export default profile;
