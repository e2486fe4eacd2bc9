import { Type, type Static } from 'typebox';
import { INDICATORS } from '@citygrid/core';
import { ASSESSMENT_LEVELS } from './assessment-units.ts';

const Level = Type.String({
  description: `what is ranked: ${ASSESSMENT_LEVELS.join(' | ')}`,
  examples: ['grid'],
});
const PeriodCode = Type.String({
  description: 'a month 2026-11, a quarter 2026-Q4, a year 2026 or an ISO week 2026-W47, cut at local midnight of the profile timezone',
  examples: ['2026-11'],
});

/** GET /api/assessment's query. */
export const AssessmentQuerySchema = Type.Object(
  {
    level: Level,
    period: PeriodCode,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { description: 'json (default), csv or xlsx' }),
    ),
  },
  { additionalProperties: false },
);

/** GET /api/assessment/{level}/{id}'s query. */
export const ExplainQuerySchema = Type.Object({ period: PeriodCode }, { additionalProperties: false });

/** One indicator of a unit: value = numerator / denominator, null (n/a) when the denominator is 0. */
export const IndicatorValueSchema = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Number(),
  denominator: Type.Number(),
});

const Indicators = Type.Object(Object.fromEntries(INDICATORS.map((i) => [i.name, IndicatorValueSchema])), {
  description: INDICATORS.map((i) => `${i.name} ${i.zh}`).join(', '),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** One ranked unit. */
export const AssessedUnitSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  indicators: Indicators,
  score: Nullable(Type.Number({ description: '0–100, null when no counted indicator has a value' })),
  grade: Nullable(Type.String({ description: 'from the profile thresholds (A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below by default)' })),
  rank: Nullable(Type.Integer({ description: 'ties share a rank (1, 1, 3); units without a score are not ranked' })),
  previous: Type.Object({ score: Nullable(Type.Number()), rank: Nullable(Type.Integer()) }),
  flags: Type.Array(Type.String({ description: 'three-fails: below the pass grade three periods in a row; n/a: nothing to grade' })),
});

/** One indicator's formula as served. */
export const FormulaSchema = Type.Object({
  zh: Type.String(),
  en: Type.String(),
  seed: Type.String(),
  numerator: Type.String(),
  denominator: Type.String(),
  weight: Type.Number({ description: 'its weight in the score; 0 when it does not count' }),
  lower_is_better: Type.Boolean(),
});

/** GET /api/assessment's answer. */
export const AssessmentSchema = Type.Object({
  period: Type.Object({
    code: Type.String(),
    kind: Type.String(),
    first_day: Type.String(),
    last_day: Type.String(),
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    timezone: Type.String(),
  }),
  level: Type.String(),
  units: Type.Array(AssessedUnitSchema),
  formulas: Type.Record(Type.String(), FormulaSchema),
  grades: Type.Array(Type.Object({ grade: Type.String(), min: Type.Number() })),
  pass_grade: Type.String(),
});

/** One indicator of an explained unit: its fraction and the cases (or days) behind each side. */
export const ExplainedIndicatorSchema = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Number(),
  denominator: Type.Number(),
  numerator_cases: Type.Array(Type.String()),
  denominator_cases: Type.Array(Type.String()),
  days: Type.Optional(Type.Array(Type.String({ description: 'local days with a check-in (attendance)' }))),
});

/** GET /api/assessment/{level}/{id}'s answer. */
export const ExplainSchema = Type.Object({
  period: AssessmentSchema.properties.period,
  level: Type.String(),
  unit: Type.Object({ id: Type.String(), name: Type.String(), grids: Type.Optional(Type.Array(Type.String())) }),
  indicators: Type.Record(Type.String(), ExplainedIndicatorSchema),
});

export type Assessment = Static<typeof AssessmentSchema>;
export type AssessedUnitRow = Static<typeof AssessedUnitSchema>;
export type AssessmentExplained = Static<typeof ExplainSchema>;
export type AssessmentQuery = Static<typeof AssessmentQuerySchema>;
