import { Type, type Static } from 'typebox';

// A city's whole roster in one request: Lishui's 207 grids × a team of ~8 is ~1,700 people.
export const MAX_PEOPLE_PER_REQUEST = 10_000;

const Id = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: "the person's id: a staff number, or any stable text",
  examples: ['P001'],
});
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['王丽'] });
const Phone = Type.String({
  pattern: '^\\+?[0-9][0-9 -]{2,18}[0-9]$',
  description: 'digits, spaces and hyphens, optionally a leading +: 13800000000, 0915-3212345',
  examples: ['13800000000'],
});
const RoleCode = Type.String({
  minLength: 1,
  maxLength: 50,
  description:
    'a team role code of the city profile (team_roles): grid-head 网格长, instructor 网格指导员, full-time 专职网格员, specialist 专业网格员 (needs a department), optional 选配网格员',
  examples: ['full-time'],
});
const DepartmentCode = Type.String({
  minLength: 1,
  maxLength: 50,
  description: 'a department code of the city profile (departments), e.g. cgj 城管局',
  examples: ['cgj'],
});
const GridIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 1000,
  uniqueItems: true,
  description: 'the grids the person serves, ids of the current grid version: one person may serve many grids, a grid has many people',
});

/** One person as posted. */
export const PersonInputSchema = Type.Object(
  {
    id: Id,
    name: Name,
    phone: Type.Optional(Type.Union([Phone, Type.Null()], { description: 'shown only to admin keys, never in public reads' })),
    role: RoleCode,
    department: Type.Optional(Type.Union([DepartmentCode, Type.Null()])),
    active: Type.Optional(Type.Boolean({ default: true, description: 'false: kept on record, no longer serving' })),
    grids: Type.Optional(GridIds),
  },
  { additionalProperties: false },
);

export type PersonInput = Static<typeof PersonInputSchema>;

export const PeopleBodySchema = Type.Union(
  [PersonInputSchema, Type.Array(PersonInputSchema, { minItems: 1, maxItems: MAX_PEOPLE_PER_REQUEST })],
  {
    description: `one person, or an array of up to ${MAX_PEOPLE_PER_REQUEST}: stored all together or not at all`,
  },
);

/** A change to a person: only the fields given change; `grids` replaces the list. */
export const PersonPatchSchema = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Type.Union([Phone, Type.Null()], { description: 'null removes it' })),
    role: Type.Optional(RoleCode),
    department: Type.Optional(Type.Union([DepartmentCode, Type.Null()], { description: 'null removes it' })),
    active: Type.Optional(Type.Boolean()),
    grids: Type.Optional(GridIds),
  },
  { additionalProperties: false, minProperties: 1 },
);

export type PersonPatch = Static<typeof PersonPatchSchema>;

/** A stored person. `phone` only for admin keys. */
export const PersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phone: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'admin keys only; never in public reads' })),
  role: Type.String({ description: 'team role code' }),
  department: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  grids: Type.Array(Type.String(), { description: 'grid ids, sorted' }),
  created_at: Type.String({ description: 'ISO 8601 UTC' }),
});

export type Person = Static<typeof PersonSchema>;

export const PeopleListSchema = Type.Object({ people: Type.Array(PersonSchema, { description: 'ordered by id' }) });

export const PeopleQuerySchema = Type.Object(
  {
    grid: Type.Optional(Type.String({ minLength: 1, description: "people serving this grid: the grid panel's team" })),
    role: Type.Optional(Type.String({ minLength: 1, description: 'a team role code' })),
    department: Type.Optional(Type.String({ minLength: 1, description: 'a department code' })),
    active: Type.Optional(Type.Boolean({ description: 'only people serving (true) or no longer serving (false)' })),
  },
  { additionalProperties: false },
);

export type PeopleQuery = Static<typeof PeopleQuerySchema>;

export const PersonParamsSchema = Type.Object({ id: Id });

export const GridTeamParamsSchema = Type.Object({ id: Type.String({ minLength: 1, description: 'a grid id of the current version' }) });

export const GridTeamSchema = Type.Object({
  grid: Type.String(),
  people: Type.Array(PersonSchema, {
    description: 'active people serving the grid, ordered by team role (as the profile lists them), then id',
  }),
});
