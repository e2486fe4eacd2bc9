import { Type, type Static } from 'typebox';
import { INDICATOR_NAMES, isIndicatorName, type IndicatorName } from '../assessment/indicators.ts';

const Grade = Type.String({ minLength: 1, maxLength: 8, description: 'a grade letter, e.g. A' });
const StageCode = (what: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: what }));

/** The profile's `assessment` key (docs/assessment.md): which indicators count, how much, and the grades. */
export const AssessmentSettingsSchema = Type.Object(
  {
    indicators: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 20,
        description: 'the indicators that count towards the score (default: all but offsite, which is reported only)',
      }),
    ),
    weights: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Type.Number({ minimum: 0, maximum: 100 }), {
        description: 'weight of each counted indicator; the counted weights sum to 100',
      }),
    ),
    grades: Type.Optional(
      Type.Array(Type.Object({ grade: Grade, min: Type.Number({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 10,
        description: 'grades from the best down, each with the lowest score it takes; the last (min 0) is the floor',
      }),
    ),
    pass_grade: Type.Optional(Type.String({ minLength: 1, maxLength: 8, description: 'the lowest passing grade (default C)' })),
    attendance_days_per_week: Type.Optional(
      Type.Number({ minimum: 0, maximum: 7, description: 'patrol days a grid needs each week (default 2, seed 001)' }),
    ),
    satisfaction: Type.Optional(
      Type.Object(
        {
          scale: Type.Integer({ minimum: 2, maximum: 10, description: 'ratings run 1..scale (default 5)' }),
          satisfied_from: Type.Integer({ minimum: 1, maximum: 10, description: 'a rating at least this is satisfied (default 4)' }),
        },
        { additionalProperties: false },
      ),
    ),
    stages: Type.Optional(
      Type.Object(
        {
          registered: StageCode('the stage a case enters when registered (立案, default registered)'),
          dispatched: StageCode('… when dispatched (派遣, default dispatched)'),
          handled: StageCode('… when reported handled (处置反馈, default handled)'),
          verified: StageCode('… when verification passes (核查, default verified)'),
          closed: StageCode('… when closed (结案, default closed)'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The `assessment` key as written. */
export type AssessmentSettingsInput = Static<typeof AssessmentSettingsSchema>;

/** The assessment settings with every default filled in. */
export interface AssessmentSettings {
  indicators: IndicatorName[];
  weights: Record<IndicatorName, number>;
  grades: Array<{ grade: string; min: number }>;
  pass_grade: string;
  attendance_days_per_week: number;
  satisfaction: { scale: number; satisfied_from: number };
  stages: { registered: string; dispatched: string; handled: string; verified: string; closed: string };
}

/** The shipped assessment settings: every default, one line each (docs/assessment.md). */
export const DEFAULT_ASSESSMENT: AssessmentSettings = {
  // offsite is reported, not scored: seed 003 sets it as a floor (≥ 10 %), not a grade.
  indicators: INDICATOR_NAMES.filter((n) => n !== 'offsite'),
  // Timely handling and closure weigh most: seed 001 lists them first after discovery.
  weights: {
    discovery: 10,
    registration: 5,
    timely_dispatch: 10,
    timely_handling: 20,
    closure: 15,
    rework: 10,
    rectification: 10,
    timely_verification: 5,
    satisfaction: 10,
    attendance: 5,
    offsite: 0,
  },
  // The example thresholds: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.
  grades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 75 },
    { grade: 'C', min: 60 },
    { grade: 'D', min: 40 },
    { grade: 'E', min: 0 },
  ],
  pass_grade: 'C',
  // Seed 001: 网格员每周巡查不少于2天.
  attendance_days_per_week: 2,
  satisfaction: { scale: 5, satisfied_from: 4 },
  stages: { registered: 'registered', dispatched: 'dispatched', handled: 'handled', verified: 'verified', closed: 'closed' },
};

/**
 * The assessment settings of a profile's `assessment` key, defaults filled in. A key that
 * lists `indicators` but no `weights` weighs them equally.
 * @example assessmentSettings(undefined).pass_grade // 'C'
 */
export function assessmentSettings(input: AssessmentSettingsInput | undefined): AssessmentSettings {
  const d = DEFAULT_ASSESSMENT;
  if (!input) return d;
  const indicators = (input.indicators?.filter(isIndicatorName) ?? d.indicators) as IndicatorName[];
  const equal = input.indicators && !input.weights ? 100 / Math.max(1, indicators.length) : null;
  const weights = { ...d.weights };
  for (const n of INDICATOR_NAMES) weights[n] = input.weights?.[n] ?? equal ?? d.weights[n];
  return {
    indicators,
    weights,
    grades: input.grades ? [...input.grades].sort((a, b) => b.min - a.min) : d.grades,
    pass_grade: input.pass_grade ?? d.pass_grade,
    attendance_days_per_week: input.attendance_days_per_week ?? d.attendance_days_per_week,
    satisfaction: input.satisfaction ?? d.satisfaction,
    stages: { ...d.stages, ...input.stages },
  };
}

/**
 * What the schema cannot say about the `assessment` key: indicator names exist, the counted
 * weights sum to 100, grades are distinct and end at 0, the pass grade is a grade, the
 * satisfied mark is on the scale, and stage codes are stages of the workflow.
 * @example assessmentProblems({ weights: { speed: 5 } }, ['registered'], fail) // fail('/assessment/weights/speed', …)
 */
export function assessmentProblems(
  a: AssessmentSettingsInput,
  stages: readonly string[],
  fail: (path: string, complaint: string) => void,
): void {
  const known = INDICATOR_NAMES.join(', ');
  (a.indicators ?? []).forEach((n, i) => {
    if (!isIndicatorName(n)) fail(`/assessment/indicators/${i}`, `${JSON.stringify(n)} is not an indicator: use one of ${known}`);
  });
  for (const n of Object.keys(a.weights ?? {}))
    if (!isIndicatorName(n)) fail(`/assessment/weights/${n}`, `${JSON.stringify(n)} is not an indicator: use one of ${known}`);
  const s = assessmentSettings(a);
  const sum = s.indicators.reduce((t, n) => t + s.weights[n], 0);
  if (Math.abs(sum - 100) > 1e-6)
    fail('/assessment/weights', `the counted indicators' weights sum to ${sum}, not 100: scale them so they add up to 100`);
  const letters = s.grades.map((g) => g.grade);
  if (new Set(letters).size !== letters.length) fail('/assessment/grades', `grade letters repeat (${letters.join(', ')}): give each once`);
  if (s.grades.at(-1)!.min !== 0) fail('/assessment/grades', 'the lowest grade must start at 0 so every score has a grade');
  if (!letters.includes(s.pass_grade))
    fail('/assessment/pass_grade', `${JSON.stringify(s.pass_grade)} is not a grade: use one of ${letters.join(', ')}`);
  if (s.satisfaction.satisfied_from > s.satisfaction.scale)
    fail('/assessment/satisfaction/satisfied_from', `must be on the scale 1..${s.satisfaction.scale}`);
  for (const [key, code] of Object.entries(a.stages ?? {}))
    if (!stages.includes(code))
      fail(`/assessment/stages/${key}`, `${JSON.stringify(code)} is not a stage of the workflow: use one of ${stages.join(', ')}`);
}
