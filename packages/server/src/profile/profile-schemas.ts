import { AttributeSchema, DepartmentSchema, ProfileSchema, TeamRoleSchema } from '@citygrid/core';
import { Type, type Static } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** The profile in use, as GET /api/profile answers. */
export const ProfileAnswerSchema = Type.Object({
  version: Type.Integer({ description: 'stored version; 0 = the shipped default, never stored' }),
  created_at: Nullable(Type.String({ description: 'ISO 8601, UTC' })),
  created_by: Nullable(Type.String({ description: 'the API key id (or cli) that stored it' })),
  profile: ProfileSchema,
});

export type ProfileAnswer = Static<typeof ProfileAnswerSchema>;

/** What PUT /api/profile answers. */
export const ProfileReplacedSchema = Type.Object({
  version: Type.Integer(),
  changed: Type.Boolean({ description: 'false when the profile sent equals the one in use: no new version' }),
});

/** A category as the catalogue lists it. */
export const CityCategorySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  en: Nullable(Type.String()),
  standard: Nullable(Type.String({ description: 'the GB/T 47678.5 matter code it counts as' })),
  group: Nullable(Type.String()),
  attributes: Type.Array(AttributeSchema),
  origin: Type.Union([Type.Literal('standard'), Type.Literal('city')]),
});

/** Everything a client (the wall, the field app, an integrator) needs to build its pickers. */
export const CatalogueAnswerSchema = Type.Object({
  version: Type.Integer({ description: 'the profile version this catalogue comes from' }),
  unknown_category: Type.Union([Type.Literal('reject'), Type.Literal('other')]),
  categories: Type.Array(CityCategorySchema),
  sources: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      en: Nullable(Type.String()),
      discovery: Type.Union([Type.Literal('patrol'), Type.Literal('public'), Type.Literal('device')]),
    }),
  ),
  departments: Type.Array(DepartmentSchema),
  team_roles: Type.Array(TeamRoleSchema),
});

export type CatalogueAnswer = Static<typeof CatalogueAnswerSchema>;

export const ProfileFileParamsSchema = Type.Object({
  name: Type.String({
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
    description: 'the file name the profile uses, e.g. main-roads.geojson',
  }),
});

export const ProfileFileStoredSchema = Type.Object({ name: Type.String(), sha256: Type.String() });
