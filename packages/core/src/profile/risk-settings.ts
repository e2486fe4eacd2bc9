import { Type, type Static } from 'typebox';

// The profile's `risk` key (docs/risk.md). No standard fixes weights, thresholds or patrol
// frequencies (STANDARDS.md §6: N), so every number here is a labelled default a city overrides.

const Weight = (description: string) => Type.Number({ minimum: 0, maximum: 1000, description });
const Reference = (description: string) => Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description });

/** One colour level (风险颜色等级): the score it starts at and how often its grids are patrolled. */
export const RiskLevelSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'e.g. red' }),
    name: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 红' }),
    en: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'e.g. Red' })),
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'fill colour on the wall, #rrggbb' }),
    min_score: Type.Number({ minimum: 0, maximum: 100, description: 'a grid scoring at least this (0–100) is at this level or higher' }),
    patrol_every_days: Type.Integer({ minimum: 1, maximum: 366, description: 'inspect a grid at this level every this many days' }),
  },
  { additionalProperties: false },
);

/** The profile's `risk` key; any part left out takes its default (DEFAULT_RISK). */
export const RiskSettingsSchema = Type.Object(
  {
    weights: Type.Optional(
      Type.Object(
        {
          density: Weight('weight of recent report density (default 0.4)'),
          overdue: Weight('weight of overdue cases (default 0.35)'),
          repeated: Weight('weight of repeated cases (default 0.25)'),
        },
        { additionalProperties: false, description: 'relative weights; the score divides by their sum' },
      ),
    ),
    reference: Type.Optional(
      Type.Object(
        {
          density: Reference('reports per km² per 30 days that make the density component 1 (default 400)'),
          overdue: Reference('overdue cases per grid per 30 days that make the overdue component 1 (default 20)'),
          repeated: Reference('repeated cases per grid per 30 days that make the repeated component 1 (default 20)'),
        },
        {
          additionalProperties: false,
          description: 'the value of each input that counts as full risk (component = min(1, value / reference))',
        },
      ),
    ),
    levels: Type.Optional(
      Type.Array(RiskLevelSchema, {
        minItems: 2,
        maxItems: 10,
        description: 'highest risk first, min_score falling; the last starts at 0 (default 红/橙/黄/蓝)',
      }),
    ),
    margin: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 50,
        description: 'hysteresis: a grid leaves its level downward only once its score is this many points under the level (default 5)',
      }),
    ),
    look_back: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 24,
        description: 'periods replayed before the asked one, the first with no previous level (default 6)',
      }),
    ),
  },
  { additionalProperties: false },
);

export type RiskLevelSetting = Static<typeof RiskLevelSchema>;
export type RiskSettingsInput = Static<typeof RiskSettingsSchema>;
/** Risk settings with every default filled in. */
export type RiskSettings = Required<RiskSettingsInput>;

/**
 * The shipped risk settings: four colour levels (seed 003: 风险(颜色)等级) in ColorBrewer's
 * colour-blind-safe RdYlBu, red patrolled daily, orange every 2 days, yellow every 3, blue weekly.
 */
export const DEFAULT_RISK: RiskSettings = {
  weights: { density: 0.4, overdue: 0.35, repeated: 0.25 },
  reference: { density: 400, overdue: 20, repeated: 20 },
  levels: [
    { code: 'red', name: '红', en: 'Red', color: '#d73027', min_score: 60, patrol_every_days: 1 },
    { code: 'orange', name: '橙', en: 'Orange', color: '#fc8d59', min_score: 40, patrol_every_days: 2 },
    { code: 'yellow', name: '黄', en: 'Yellow', color: '#fee090', min_score: 20, patrol_every_days: 3 },
    { code: 'blue', name: '蓝', en: 'Blue', color: '#4575b4', min_score: 0, patrol_every_days: 7 },
  ],
  margin: 5,
  look_back: 6,
};

/**
 * A profile's risk settings with the defaults filled in (a part given replaces that part whole).
 *
 * @example riskSettings({ risk: { margin: 8 } }).levels[0].code // 'red'
 */
export function riskSettings(profile: { risk?: RiskSettingsInput }): RiskSettings {
  return { ...DEFAULT_RISK, ...profile.risk };
}

/**
 * What the schema cannot say about the `risk` key: level codes are unique, min_score falls
 * strictly from the first level to the last, which starts at 0 (every score has a level), and
 * the weights are not all 0.
 *
 * @example riskSettingsProblems({ margin: 5 }, fail) // fail is never called
 */
export function riskSettingsProblems(risk: RiskSettingsInput | undefined, fail: (path: string, complaint: string) => void): void {
  if (!risk) return;
  const w = risk.weights;
  if (w && w.density + w.overdue + w.repeated === 0) fail('/risk/weights', 'are all 0: give at least one a positive weight');
  const levels = risk.levels ?? [];
  const seen = new Map<string, number>();
  levels.forEach((l, i) => {
    const first = seen.get(l.code);
    if (first !== undefined) fail(`/risk/levels/${i}/code`, `${JSON.stringify(l.code)} is also /risk/levels/${first}: keep one`);
    seen.set(l.code, i);
    if (i > 0 && !(l.min_score < levels[i - 1].min_score))
      fail(`/risk/levels/${i}/min_score`, `must be below the level before it (${levels[i - 1].min_score}): list levels highest risk first`);
  });
  const last = levels.length - 1;
  if (last >= 0 && levels[last].min_score !== 0)
    fail(`/risk/levels/${last}/min_score`, 'must be 0: the last level holds every score below the others');
}
