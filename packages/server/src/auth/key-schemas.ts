import { Type, type Static } from 'typebox';
import { ROLES } from './roles.ts';

const RoleSchema = Type.Union(
  [Type.Literal(ROLES[0]), Type.Literal(ROLES[1]), Type.Literal(ROLES[2]), Type.Literal(ROLES[3])],
  { description: 'viewer: read; reporter: also post reports; planner: also import drafts, validate, repair, diff, impact; admin: also publish and manage keys' },
);

export const ApiKeyInfoSchema = Type.Object({
  id: Type.String({ description: 'the 12 hex digits in cg_<id>_<secret>: names the key in lists and logs', examples: ['3f2a9c01d4e7'] }),
  role: RoleSchema,
  label: Type.Union([Type.String(), Type.Null()], { description: 'who or what uses it' }),
  created_at: Type.String({ description: 'ISO 8601 UTC' }),
  revoked_at: Type.Union([Type.String(), Type.Null()], { description: 'ISO 8601 UTC; null while the key works' }),
});

export const CreateKeyBodySchema = Type.Object(
  {
    role: RoleSchema,
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['12345 hotline bridge'] })),
  },
  { additionalProperties: false },
);

export type CreateKeyBody = Static<typeof CreateKeyBodySchema>;

export const CreatedKeySchema = Type.Object({
  ...ApiKeyInfoSchema.properties,
  key: Type.String({ description: 'the key, cg_<id>_<secret>: shown this once, stored only as a SHA-256 hash', examples: ['cg_3f2a9c01d4e7_Vb3…'] }),
});

export const KeyListSchema = Type.Object({ keys: Type.Array(ApiKeyInfoSchema, { description: 'oldest first, revoked keys included' }) });

export const KeyParamsSchema = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{12}$', description: 'the key\'s id (12 hex digits)' }) });
