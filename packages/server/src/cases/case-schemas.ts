import { Type, type Static } from 'typebox';
import { LEVELS } from '@citygrid/core';
import { ReportInputSchema, ReportSchema } from '../reports/report-schemas.ts';

const Iso = (description: string) => Type.String({ description: `${description}, ISO 8601 UTC` });
const IsoOrNull = (description: string) =>
  Type.Union([Type.String(), Type.Null()], { description: `${description}, ISO 8601 UTC; null when none` });
const StringOrNull = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const LevelSchema = Type.Enum([...LEVELS], {
  description: 'grid, community, street, district or city (小事不出格: a case starts low and goes up one at a time)',
});

/** A case as served: core's CaseState with ISO times, and what the answer adds at its time. */
export const CaseSchema = Type.Object({
  id: Type.String(),
  stage: Type.String({
    description: "a stage code of the profile's workflow (GET /api/profile: workflow.stages)",
    examples: ['dispatched'],
  }),
  version: Type.Integer({ minimum: 1, description: '1 when opened, +1 per action: send it back as expected_version' }),
  opened_at: Iso('when the case was opened'),
  updated_at: Iso('its last event'),
  stage_started_at: Iso('when it entered its stage'),
  due_at: IsoOrNull("when the stage's time limit runs out"),
  clock: Type.Union([Type.Literal('working'), Type.Literal('wall'), Type.Null()], {
    description: 'whether due_at counts working time or wall-clock time',
  }),
  suspended: Type.Boolean({ description: '挂账: the clock is stopped; only a resume is allowed' }),
  suspended_at: IsoOrNull('when it was suspended'),
  suspended_ms: Type.Number({ description: 'wall-clock ms spent suspended so far' }),
  department: StringOrNull('the department that owns it (专业部门), or null until dispatched'),
  owner_level: LevelSchema,
  grid_id: StringOrNull('the grid of its first report'),
  category: Type.String(),
  standard: StringOrNull('the GB/T 47678.5 matter code its category counts as'),
  urgency: Type.String({ description: 'an urgency code of the profile', examples: ['normal'] }),
  lon: Type.Union([Type.Number(), Type.Null()], { description: 'WGS84 degrees of its first report' }),
  lat: Type.Union([Type.Number(), Type.Null()], { description: 'WGS84 degrees of its first report' }),
  reports: Type.Array(Type.String(), { description: 'ids of its reports: the first, then duplicates that joined' }),
  reworks: Type.Integer(),
  returns: Type.Integer(),
  extensions: Type.Integer(),
  reopens: Type.Integer(),
  escalations: Type.Integer(),
  transfers: Type.Integer(),
  extension_requested: Type.Union([Type.Number(), Type.Null()], {
    description: 'hours a department asked for, until a supervisor extends',
  }),
  merged_into: StringOrNull('the case it was merged into'),
  overdue: Type.Boolean({ description: 'past due_at at the time of the answer (a suspended case: at its suspension)' }),
  time_left_ms: Type.Union([Type.Number(), Type.Null()], {
    description: 'due_at − now in ms, negative when overdue; null without a due time',
  }),
  allowed_actions: Type.Array(Type.String(), {
    description: "the actions the requesting key's role and scope may take now (all of them without access control)",
  }),
});

export type ServedCase = Static<typeof CaseSchema>;

/** An event of a case's log as served. */
export const CaseEventSchema = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'place in the log, across all cases' }),
  case_id: Type.String(),
  version: Type.Integer({ minimum: 1, description: "the case's version after it" }),
  action: Type.String({ description: 'a workflow action, or open (the case was opened) or join (a duplicate report joined it)' }),
  at: Iso('when it was taken'),
  actor: Type.Object({
    key_id: StringOrNull('the API key that took it; null for an import, or without access control'),
    role: Type.String({ description: 'operator, supervisor, dispatcher, department, inspector or admin' }),
    department: StringOrNull("a department actor's department"),
  }),
  department: Type.Optional(Type.String()),
  level: Type.Optional(LevelSchema),
  hours: Type.Optional(Type.Number()),
  note: Type.Optional(Type.String()),
  target: Type.Optional(Type.String({ description: 'merge: the case it joined' })),
  report_id: Type.Optional(Type.String({ description: 'join: the report that joined' })),
  prev_hash: Type.String({ description: 'hash of the event before it in the log (64 zeros for the first)' }),
  hash: Type.String({ description: "SHA-256 hex of prev_hash + the event's canonical JSON (docs/cases.md, Audit)" }),
});

export type ServedEvent = Static<typeof CaseEventSchema>;

const Urgency = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'an urgency code of the profile; default its first (normal)',
    examples: ['urgent'],
  }),
);

export const CreateCaseBodySchema = Type.Object(
  {
    report_ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
        minItems: 1,
        maxItems: 1000,
        description: 'stored reports: the first gives category, place and grid; none may belong to a case yet',
      }),
    ),
    report: Type.Optional(ReportInputSchema),
    urgency: Urgency,
  },
  {
    additionalProperties: false,
    description: 'either report_ids (reports already stored) or report (a new one, stored as POST /api/reports would)',
  },
);

export type CreateCaseBody = Static<typeof CreateCaseBodySchema>;

export const CaseCreatedSchema = Type.Object({ case: CaseSchema });

export const CaseEventBodySchema = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 64, description: 'an action code of the workflow', examples: ['dispatch'] }),
    expected_version: Type.Integer({ minimum: 1, description: "the case's version you acted on: 409 if someone acted first" }),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    department: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'dispatch, transfer, escalate: the department that takes it' }),
    ),
    level: Type.Optional(LevelSchema),
    hours: Type.Optional(Type.Number({ description: 'request-extension, extend: hours > 0' })),
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'merge: the id of the case it joins' })),
  },
  { additionalProperties: false },
);

export type CaseEventBody = Static<typeof CaseEventBodySchema>;

export const CaseActedSchema = Type.Object({ case: CaseSchema, event: CaseEventSchema });

export const CaseParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

export const CaseDetailSchema = Type.Object({
  case: CaseSchema,
  events: Type.Array(CaseEventSchema, { description: 'its whole history, oldest first' }),
  reports: Type.Array(ReportSchema, { description: 'its reports, in case.reports order' }),
});

export const CasesQuerySchema = Type.Object({
  stage: Type.Optional(Type.String({ description: 'stage code, or several separated by commas', examples: ['registered,dispatched'] })),
  grid: Type.Optional(Type.String({ description: 'grid id, or several separated by commas' })),
  level: Type.Optional(Type.String({ description: 'owner level, or several separated by commas', examples: ['grid,community'] })),
  department: Type.Optional(Type.String({ description: 'department code, or several separated by commas', examples: ['cgj'] })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: only overdue cases; false: only those that are not' })),
  from: Type.Optional(Type.String({ description: 'opened at or after: ISO 8601 date or date-time', examples: ['2026-03-01'] })),
  to: Type.Optional(Type.String({ description: 'opened before: ISO 8601 date or date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ description: '`next` of the previous page' })),
});

export type CasesQuery = Static<typeof CasesQuerySchema>;

export const CasesPageSchema = Type.Object({
  cases: Type.Array(CaseSchema, { description: 'overdue first, then by due time (none last), then id' }),
  next: Type.Union([Type.String(), Type.Null()], { description: 'cursor for the next page, null on the last' }),
});

export const ImportedSchema = Type.Object({ imported: Type.Integer({ description: 'cases imported' }) });

export const AuditSchema = Type.Object({
  ok: Type.Boolean(),
  events: Type.Integer({ description: 'events checked (all of them when ok; up to the first broken one otherwise)' }),
  first_broken: Type.Union(
    [
      Type.Object({
        seq: Type.Integer(),
        case_id: Type.String(),
        reason: Type.String({
          description: 'what does not match: the hash of its content, the link to the event before, or the numbering',
        }),
      }),
      Type.Null(),
    ],
    { description: 'the first event whose chain breaks, in seq order; null when ok' },
  ),
});

export type AuditAnswer = Static<typeof AuditSchema>;
