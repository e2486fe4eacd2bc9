import { Type, type Static } from 'typebox';

export const RiskQuerySchema = Type.Object({
  period: Type.Optional(
    Type.String({
      description:
        "a month 2026-11, a quarter 2026-Q4, a year 2026 or an ISO week 2026-W47; default: the current month in the profile's timezone",
      examples: ['2026-11', '2026-Q4', '2026-W47'],
    }),
  ),
});

const Components = Type.Object(
  {
    density: Type.Number({ description: 'reports per km² per 30 days ÷ reference, capped at 1' }),
    overdue: Type.Number({ description: 'cases overdue at some moment of the period, per 30 days ÷ reference, capped at 1' }),
    repeated: Type.Number({ description: 'repeated cases per 30 days ÷ reference, capped at 1' }),
  },
  { description: 'the normalised inputs: score = 100 × Σ weight × component / Σ weight' },
);

export const RiskLevelInfoSchema = Type.Object({
  code: Type.String({ examples: ['red'] }),
  name: Type.String({ examples: ['红'] }),
  en: Type.String({ examples: ['Red'] }),
  color: Type.String({ examples: ['#d73027'] }),
  min_score: Type.Number({ description: 'a grid scoring at least this is at this level or higher (before hysteresis)' }),
  patrol_every_days: Type.Integer({ description: 'inspect a grid at this level every this many days' }),
});

export const RiskGridSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  score: Type.Number({ description: '0–100' }),
  level: Type.String({ description: 'a level code' }),
  previous_level: Type.Union([Type.String(), Type.Null()], {
    description: "the grid's level in the period before (null: the look-back's first period or a grid new since)",
  }),
  components: Components,
  counts: Type.Object(
    { reports: Type.Integer(), overdue: Type.Integer(), repeated: Type.Integer(), area_m2: Type.Number() },
    { description: 'the raw inputs of the period' },
  ),
  patrol_every_days: Type.Integer({ description: "its level's patrol frequency" }),
});

export const RiskSchema = Type.Object({
  period: Type.String({ description: 'the period code answered' }),
  first_day: Type.String({ description: 'its first local day, YYYY-MM-DD' }),
  last_day: Type.String({ description: 'its last local day, YYYY-MM-DD' }),
  days: Type.Number({ description: "days the counts are over: the period's, or the time so far while it runs (at least 1)" }),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid version scored; null before any import' }),
  levels: Type.Array(RiskLevelInfoSchema, { description: 'highest risk first' }),
  grids: Type.Array(RiskGridSchema, { description: 'every grid of the current version, in import order' }),
  formula: Type.Object({
    text: Type.String(),
    weights: Type.Object({ density: Type.Number(), overdue: Type.Number(), repeated: Type.Number() }),
    reference: Type.Object({ density: Type.Number(), overdue: Type.Number(), repeated: Type.Number() }),
    margin: Type.Number({ description: 'hysteresis margin, score points' }),
    look_back: Type.Integer({ description: 'periods replayed before this one' }),
  }),
});

export type RiskAnswer = Static<typeof RiskSchema>;
export type RiskGrid = Static<typeof RiskGridSchema>;
export type RiskLevelInfo = Static<typeof RiskLevelInfoSchema>;
