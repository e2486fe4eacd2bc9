import { Type, type Static } from 'typebox';
import { AssessmentSettingsSchema } from './assessment-settings.ts';
import { RiskSettingsSchema } from './risk-settings.ts';

// The city profile's JSON Schema: the single source for validation (checkProfile), the
// TypeScript types (Static<>) and the documentation (GET /api/profile/schema, docs/profile.md).
// Structure is checked here; what a schema cannot say (a rule naming an unknown department,
// a duplicate code) is checked by check-profile.ts, with the same JSON paths.

/** The administrative levels a case can be owned at, grid first (小事不出格: lowest first). */
export const LEVELS = ['grid', 'community', 'street', 'district', 'city'] as const;

const Code = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Chinese name shown to users' });
const En = Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'English name (the English switch)' }));
const Level = Type.Union(
  [Type.Literal('grid'), Type.Literal('community'), Type.Literal('street'), Type.Literal('district'), Type.Literal('city')],
  { description: 'administrative level: grid, community, street, district or city' },
);
const File = Type.String({ minLength: 1, maxLength: 1000, description: 'GeoJSON file, relative to the profile file' });

/** One attribute a category asks of a report (e.g. the area of an illegal building). */
export const AttributeSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$', description: 'field name in report.attributes' }),
    type: Type.Union([
      Type.Literal('number'),
      Type.Literal('integer'),
      Type.Literal('string'),
      Type.Literal('boolean'),
      Type.Literal('enum'),
    ]),
    name: Name,
    en: En,
    required: Type.Optional(Type.Boolean({ description: 'the report is refused without it (default false)' })),
    min: Type.Optional(Type.Number({ description: 'number/integer: smallest value allowed' })),
    max: Type.Optional(Type.Number({ description: 'number/integer: largest value allowed' })),
    unit: Type.Optional(Type.String({ maxLength: 20, description: 'unit shown beside the value, e.g. m²' })),
    options: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, description: 'enum: the allowed values' }),
    ),
    max_length: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'string: longest value allowed (default 1000)' })),
  },
  { additionalProperties: false },
);

/** A category of the city: its own code, or a standard code it renames or gives attributes. */
export const CategorySchema = Type.Object(
  {
    code: Code('the code reports carry: a GB/T 47678.5 code (e.g. 06010) or any string of the city (e.g. "Bulky Items")'),
    name: Name,
    en: En,
    standard: Type.Optional(
      Type.String({ pattern: '^\\d{5}$', description: 'the GB/T 47678.5 matter code it counts as in national statistics' }),
    ),
    group: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'heading it is listed under (default: its standard 大类)' }),
    ),
    attributes: Type.Optional(Type.Array(AttributeSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

/** Where reports come from: the shipped list is extended or renamed by these. */
export const SourceSchema = Type.Object(
  {
    code: Code('the code reports carry in "source", e.g. 12319'),
    name: Name,
    en: En,
    discovery: Type.Optional(
      Type.Union([Type.Literal('patrol'), Type.Literal('public'), Type.Literal('device')], {
        description: 'who found it: patrol staff (counts for 发现率), the public, or a device (camera, vehicle: off-site)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A department (专业部门) that cases are dispatched to. */
export const DepartmentSchema = Type.Object(
  { code: Code('short code keys and rules use, e.g. cgj'), name: Name, en: En, level: Level },
  { additionalProperties: false },
);

const Comparison = Type.Object(
  {
    '>': Type.Optional(Type.Number()),
    '>=': Type.Optional(Type.Number()),
    '<': Type.Optional(Type.Number()),
    '<=': Type.Optional(Type.Number()),
    '==': Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Boolean()])),
    '!=': Type.Optional(Type.Union([Type.Number(), Type.String(), Type.Boolean()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A dispatch rule: which department and level own reports of a category (and condition). */
export const DispatchRuleSchema = Type.Object(
  {
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'a category code or code prefix (大类 "06"); absent = every category' }),
    ),
    when: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), Comparison, {
        description: 'conditions on report attributes, all must hold, e.g. { "area_m2": { ">": 500 } }',
      }),
    ),
    within: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "only reports inside this boundary or grid id (a district's own 4+X table)",
      }),
    ),
    department: Code('the department code (one of departments)'),
    level: Type.Optional(Level),
  },
  { additionalProperties: false },
);

/** A linear jurisdiction: reports within half_width_m of its lines go to its department. */
export const CorridorSchema = Type.Object(
  {
    file: File,
    half_width_m: Type.Number({ exclusiveMinimum: 0, maximum: 10000, description: 'metres either side of the centre line' }),
    department: Code('the department code (one of departments)'),
    level: Type.Optional(Level),
    categories: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        minItems: 1,
        description: 'codes or prefixes it owns; absent = every category',
      }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'e.g. 八纵八横主干道' })),
  },
  { additionalProperties: false },
);

/** A boundary file for one administrative level. */
export const BoundaryFileSchema = Type.Object(
  {
    file: File,
    level: Type.Union([Type.Literal('community'), Type.Literal('street'), Type.Literal('district'), Type.Literal('city')]),
    id_field: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'property holding the unit id (default id)' })),
    name_field: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'property holding the name (default name)' })),
    parent_field: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'property holding the parent unit id (default: found by location)' }),
    ),
  },
  { additionalProperties: false },
);

/** A role in a grid's team (seed 001's 1+1+1+5+X). */
export const TeamRoleSchema = Type.Object(
  {
    code: Code('e.g. grid-head'),
    name: Name,
    en: En,
    department: Type.Optional(Type.Boolean({ description: 'a member of this role belongs to a department' })),
  },
  { additionalProperties: false },
);

const CaseRoleSchema = Type.Union(
  [
    Type.Literal('operator'),
    Type.Literal('supervisor'),
    Type.Literal('dispatcher'),
    Type.Literal('department'),
    Type.Literal('inspector'),
    Type.Literal('admin'),
  ],
  { description: 'a case role: operator 受理员, supervisor 值班长, dispatcher 派遣员, department 专业部门, inspector 监督员, admin' },
);
const EffectSchema = Type.Union(
  [
    Type.Literal('dispatch'),
    Type.Literal('transfer'),
    Type.Literal('return'),
    Type.Literal('request-extension'),
    Type.Literal('extend'),
    Type.Literal('suspend'),
    Type.Literal('resume'),
    Type.Literal('rework'),
    Type.Literal('escalate'),
    Type.Literal('merge'),
    Type.Literal('reopen'),
  ],
  { description: 'what it does besides moving the stage: see docs/cases.md' },
);
const NeedSchema = Type.Union([Type.Literal('department'), Type.Literal('hours'), Type.Literal('note'), Type.Literal('target')], {
  description: 'an event field',
});
const constants = <T>(union: { anyOf: Array<{ const: unknown }> }) => Object.freeze(union.anyOf.map((s) => s.const as T));

/**
 * The roles a case action may name (STANDARDS.md §5); `admin` may take every action.
 *
 * @example CASE_ROLES.includes('dispatcher') // true
 */
export const CASE_ROLES: readonly CaseRole[] = constants<CaseRole>(CaseRoleSchema);

/**
 * What an action does besides moving the stage: each is implemented in cases/apply-action.ts.
 *
 * @example ACTION_EFFECTS.includes('escalate') // true
 */
export const ACTION_EFFECTS: readonly ActionEffect[] = constants<ActionEffect>(EffectSchema);

/**
 * Event fields an action may require besides those its effect needs.
 *
 * @example ACTION_NEEDS // ['department', 'hours', 'note', 'target']
 */
export const ACTION_NEEDS: readonly ActionNeed[] = constants<ActionNeed>(NeedSchema);

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a local date, YYYY-MM-DD' });
const Clock = Type.String({
  pattern: '^([01]\\d|2[0-4]):[0-5]\\d$',
  description: 'local time of day, HH:MM (24:00 = midnight at the end of the day)',
});

/** A stage of the case loop (上报, 受理, 立案 …). */
export const WorkflowStageSchema = Type.Object(
  {
    code: Code('e.g. dispatched'),
    name: Name,
    en: En,
    terminal: Type.Optional(Type.Boolean({ description: 'the case is finished here: no clock runs, Open311 says closed (default false)' })),
  },
  { additionalProperties: false },
);

/** An action: who may take it, from which stages, where it leads and what else it does. */
export const WorkflowActionSchema = Type.Object(
  {
    code: Code('e.g. dispatch; what events carry in "action"'),
    name: Name,
    en: En,
    from: Type.Array(Code('a stage code'), { minItems: 1, description: 'the stages it may be taken in' }),
    to: Type.Optional(Code('the stage it leads to; absent = the stage stays (and its clock keeps running)')),
    roles: Type.Array(CaseRoleSchema, { minItems: 1, description: 'who may take it (admin always may)' }),
    effect: Type.Optional(EffectSchema),
    needs: Type.Optional(Type.Array(NeedSchema, { description: 'event fields it requires' })),
  },
  { additionalProperties: false },
);

/** The case loop as data: stages, actions and the stage a new case starts in. */
export const WorkflowSchema = Type.Object(
  {
    initial: Type.Optional(Code('the stage a new case starts in (default: the first stage)')),
    stages: Type.Array(WorkflowStageSchema, { minItems: 1, maxItems: 100 }),
    actions: Type.Array(WorkflowActionSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);

/** How long a case may stay in a stage: exactly one of working_hours, working_days, hours. */
export const LimitSchema = Type.Object(
  {
    working_hours: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 10000, description: 'counted only inside working_hours on working days' }),
    ),
    working_days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'due at the end of the n-th working day after the start day' }),
    ),
    hours: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'wall-clock hours, nights and holidays included' }),
    ),
  },
  // One object with exactly one member reads better in errors than a union of three objects.
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

/** A time limit for a stage, for every case or those of a category and/or urgency. */
export const TimeLimitSchema = Type.Object(
  {
    category: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'a category code or prefix; absent = every category' }),
    ),
    urgency: Type.Optional(Code('an urgency code (one of urgencies); absent = every urgency')),
    stage: Code('the stage the case is in while this clock runs'),
    limit: LimitSchema,
  },
  { additionalProperties: false },
);

/** An urgency a case may carry (一般, 紧急 …). */
export const UrgencySchema = Type.Object({ code: Code('e.g. urgent'), name: Name, en: En }, { additionalProperties: false });

/** The city profile: everything about a city that no standard fixes. */
export const ProfileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'the city or district, e.g. 汉滨区' }),
    timezone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'offset (+08:00) or IANA name (Asia/Shanghai): periods (day, month, quarter, year) are cut in it',
    }),
    division_code: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 county-level code, e.g. 610902' })),
    categories: Type.Optional(Type.Array(CategorySchema, { maxItems: 5000 })),
    include_standard_catalogue: Type.Optional(
      Type.Boolean({ description: 'the 250 GB/T 47678.5 matters are valid categories (default true)' }),
    ),
    unknown_category: Type.Optional(
      Type.Union([Type.Literal('reject'), Type.Literal('other')], {
        description: 'reject (422, default) or other: stored under its own text, flagged',
      }),
    ),
    report_times: Type.Optional(
      Type.Object(
        {
          since: Type.Optional(
            Type.String({
              pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              description:
                "the earliest local date a report may carry (default 2010-01-01): before it is a typo ('2006' for '2026'), refused with 400",
            }),
          ),
          ahead_minutes: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 10080,
              description: "how far past the server's clock a report's created_at may lie, minutes (default 15: a phone's clock drift)",
            }),
          ),
        },
        { additionalProperties: false, description: "the window a report's created_at must fall in" },
      ),
    ),
    sources: Type.Optional(Type.Array(SourceSchema, { maxItems: 200 })),
    departments: Type.Optional(Type.Array(DepartmentSchema, { maxItems: 1000 })),
    default_department: Type.Optional(Code('the department of a report no rule matches (default: the first department)')),
    dispatch: Type.Optional(Type.Array(DispatchRuleSchema, { maxItems: 5000 })),
    corridors: Type.Optional(Type.Array(CorridorSchema, { maxItems: 100 })),
    boundaries: Type.Optional(Type.Array(BoundaryFileSchema, { maxItems: 10 })),
    team_roles: Type.Optional(Type.Array(TeamRoleSchema, { maxItems: 50 })),
    workflow: Type.Optional(WorkflowSchema),
    urgencies: Type.Optional(Type.Array(UrgencySchema, { minItems: 1, maxItems: 20, description: "the first is a new case's default" })),
    time_limits: Type.Optional(Type.Array(TimeLimitSchema, { maxItems: 5000 })),
    working_hours: Type.Optional(
      Type.Array(Type.Tuple([Clock, Clock]), {
        minItems: 1,
        maxItems: 10,
        description: 'the working periods of a working day, e.g. [["08:30","12:00"],["14:30","18:00"]]',
      }),
    ),
    calendar: Type.Optional(
      Type.Object(
        {
          holidays: Type.Optional(Type.Array(Day, { maxItems: 1000, description: 'extra days off on top of the PRC calendar' })),
          workdays: Type.Optional(
            Type.Array(Day, { maxItems: 1000, description: 'extra working days (e.g. a 调休 the calendar package does not know yet)' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    duplicates: Type.Optional(
      Type.Object(
        {
          distance_m: Type.Number({
            exclusiveMinimum: 0,
            maximum: 10000,
            description: 'a new report this close (metres) to an open case of its category joins it',
          }),
          hours: Type.Number({
            exclusiveMinimum: 0,
            maximum: 8760,
            description: '… if that case was reported at most this many hours before',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    patrol: Type.Optional(
      Type.Object(
        {
          sample_every_s: Type.Integer({
            minimum: 5,
            maximum: 3600,
            description: "how often the field app (/m) samples the inspector's position while a patrol is on, seconds (default 30)",
          }),
        },
        { additionalProperties: false, description: 'patrols of the field app (城管通): tracks and check-ins for 出勤率' },
      ),
    ),
    auto_case_sources: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 200,
        description: 'source codes whose reports open a case at once',
      }),
    ),
    assessment: Type.Optional(AssessmentSettingsSchema),
    risk: Type.Optional(RiskSettingsSchema),
  },
  { additionalProperties: false },
);

/** A city profile as written (optional fields may be absent). */
export type CityProfile = Static<typeof ProfileSchema>;
export type ProfileCategory = Static<typeof CategorySchema>;
export type CategoryAttribute = Static<typeof AttributeSchema>;
export type ProfileSource = Static<typeof SourceSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type DispatchRule = Static<typeof DispatchRuleSchema>;
export type ProfileCorridor = Static<typeof CorridorSchema>;
export type BoundaryFile = Static<typeof BoundaryFileSchema>;
export type TeamRole = Static<typeof TeamRoleSchema>;
export type Level = (typeof LEVELS)[number];
export type Workflow = Static<typeof WorkflowSchema>;
export type WorkflowStage = Static<typeof WorkflowStageSchema>;
export type WorkflowAction = Static<typeof WorkflowActionSchema>;
export type TimeLimit = Static<typeof TimeLimitSchema>;
export type Limit = Static<typeof LimitSchema>;
export type Urgency = Static<typeof UrgencySchema>;
export type CaseRole = Static<typeof CaseRoleSchema>;
export type ActionEffect = Static<typeof EffectSchema>;
export type ActionNeed = Static<typeof NeedSchema>;
