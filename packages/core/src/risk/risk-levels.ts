import type { RiskSettings } from '../profile/risk-settings.ts';

/** A grid's level in one period and the level it came from (null: none, the look-back's first period). */
export interface RiskLevelStep {
  id: string;
  level: string;
  previous_level: string | null;
}

/** Index of the highest-risk level whose min_score the score reaches (levels run highest risk first). */
function plainLevel(score: number, levels: RiskSettings['levels']): number {
  const i = levels.findIndex((l) => score >= l.min_score);
  return i === -1 ? levels.length - 1 : i;
}

/**
 * A grid's colour level from its score and its previous level, with hysteresis: it moves up
 * at once to the level its score reaches, but moves down only when the score falls more than
 * `margin` points under its current level's min_score, and then to the level that score plus
 * the margin reaches. So scores wobbling within the margin of a threshold never flicker, and
 * for a given previous level a higher score never gives a lower level.
 *
 * @example riskLevel(58, 'red', DEFAULT_RISK) // 'red' (60 − 5 ≤ 58: stays)
 * @example riskLevel(58, null, DEFAULT_RISK) // 'orange'
 */
export function riskLevel(score: number, previous: string | null, settings: Pick<RiskSettings, 'levels' | 'margin'>): string {
  const { levels, margin } = settings;
  const plain = plainLevel(score, levels);
  const before = previous === null ? -1 : levels.findIndex((l) => l.code === previous);
  if (before === -1) return levels[plain].code;
  // Lower index = higher risk: up to `plain` if riskier, else hold `before` unless the score clears the margin.
  return levels[Math.min(plain, Math.max(before, plainLevel(score + margin, levels)))].code;
}

/**
 * Levels of grids over consecutive periods, oldest first: the first period's from its scores
 * alone, each later one's from its scores and the period before (a grid missing from a period
 * starts afresh). Levels are always recomputed this way from a bounded look-back, never stored.
 *
 * @example riskLevelSeries([[{ id: 'g', score: 70 }], [{ id: 'g', score: 57 }]], DEFAULT_RISK)[1] // [{ id: 'g', level: 'red', previous_level: 'red' }]
 */
export function riskLevelSeries(
  periods: readonly (readonly { id: string; score: number }[])[],
  settings: Pick<RiskSettings, 'levels' | 'margin'>,
): RiskLevelStep[][] {
  let before = new Map<string, string>();
  return periods.map((scores) => {
    const steps = scores.map(({ id, score }) => {
      const previous_level = before.get(id) ?? null;
      return { id, level: riskLevel(score, previous_level, settings), previous_level };
    });
    before = new Map(steps.map((s) => [s.id, s.level]));
    return steps;
  });
}
