import { Type, type Static } from 'typebox';
import { ROLES } from './roles.ts';

const RoleSchema = Type.Enum([...ROLES], {
  description:
    'viewer: read; reporter: also post reports; planner: also import drafts, validate, repair, diff, impact; admin: also publish and manage keys. ' +
    'Case roles (docs/cases.md): operator 受理员 and supervisor 值班长 (read, post reports, open cases, read contacts), dispatcher 派遣员 (read, act on cases), ' +
    "department 专业部门 (read, act on its department's cases only: needs `department`), inspector 监督员 (read, post reports, act on its grids' cases only: needs `grids`)",
});

const DepartmentScope = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "a department key's department code (one of the profile's departments): it sees and acts on that department's cases only",
  examples: ['cgj'],
});
const GridsScope = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
  minItems: 1,
  maxItems: 10000,
  description: "an inspector key's grid ids: it sees and acts on the cases in them only",
  examples: [['A1', 'A2']],
});

const PersonLink = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'the id of the person (GET /api/people) using the key: the field app stores their patrols and shows their grids',
  examples: ['P1'],
});

export const ApiKeyInfoSchema = Type.Object({
  id: Type.String({ description: 'the 12 hex digits in cg_<id>_<secret>: names the key in lists and logs', examples: ['3f2a9c01d4e7'] }),
  role: RoleSchema,
  label: Type.Union([Type.String(), Type.Null()], { description: 'who or what uses it' }),
  department: Type.Union([DepartmentScope, Type.Null()]),
  grids: Type.Union([GridsScope, Type.Null()]),
  created_at: Type.String({ description: 'ISO 8601 UTC' }),
  revoked_at: Type.Union([Type.String(), Type.Null()], { description: 'ISO 8601 UTC; null while the key works' }),
  person: Type.Union([PersonLink, Type.Null()]),
});

export const CreateKeyBodySchema = Type.Object(
  {
    role: RoleSchema,
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['12345 hotline bridge'] })),
    department: Type.Optional(DepartmentScope),
    grids: Type.Optional(GridsScope),
    person: Type.Optional(PersonLink),
  },
  { additionalProperties: false },
);

export type CreateKeyBody = Static<typeof CreateKeyBodySchema>;

export const CreatedKeySchema = Type.Object({
  ...ApiKeyInfoSchema.properties,
  key: Type.String({
    description: 'the key, cg_<id>_<secret>: shown this once, stored only as a SHA-256 hash',
    examples: ['cg_3f2a9c01d4e7_Vb3…'],
  }),
});

export const KeyListSchema = Type.Object({ keys: Type.Array(ApiKeyInfoSchema, { description: 'oldest first, revoked keys included' }) });

export const KeyParamsSchema = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{12}$', description: "the key's id (12 hex digits)" }) });
