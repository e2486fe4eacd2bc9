import type { AssessmentSettings } from '../profile/assessment-settings.ts';
import { INDICATORS, type IndicatorName } from './indicators.ts';
import type { IndicatorValue } from './unit-indicators.ts';

const LOWER_IS_BETTER = new Set<string>(INDICATORS.filter((i) => 'lower_is_better' in i).map((i) => i.name));

/**
 * A unit's score, 0–100: the weighted mean of its counted indicators that have a value (an
 * n/a indicator drops out and the others' weights are scaled up to fill its place), 返工率
 * counted as 1 − value. Null when no counted indicator has a value: nothing to grade.
 *
 * @example scoreUnit({ timely_handling: { value: 0.5, numerator: 1, denominator: 2 }, … }, DEFAULT_ASSESSMENT) // 50 when it is the only one with a value
 */
export function scoreUnit(
  indicators: Readonly<Record<IndicatorName, IndicatorValue>>,
  settings: Pick<AssessmentSettings, 'indicators' | 'weights'>,
): number | null {
  let sum = 0;
  let weight = 0;
  for (const name of settings.indicators) {
    const { value } = indicators[name];
    const w = settings.weights[name];
    if (value === null || w <= 0) continue;
    sum += w * (LOWER_IS_BETTER.has(name) ? 1 - value : value);
    weight += w;
  }
  // Rounded to 0.01 so that two units with the same counts tie exactly despite float order.
  return weight > 0 ? Math.round((sum / weight) * 10000) / 100 : null;
}

/**
 * The grade of a score: the first grade (best first) whose `min` it reaches; null for no score.
 * @example gradeOf(76, DEFAULT_ASSESSMENT.grades) // 'B'
 */
export function gradeOf(score: number | null, grades: AssessmentSettings['grades']): string | null {
  if (score === null) return null;
  return grades.find((g) => score >= g.min)?.grade ?? grades.at(-1)!.grade;
}

/**
 * Whether a grade fails: below the pass grade in the best-first list. No grade (n/a) never fails.
 * @example failsGrade('D', DEFAULT_ASSESSMENT) // true
 */
export function failsGrade(grade: string | null, settings: Pick<AssessmentSettings, 'grades' | 'pass_grade'>): boolean {
  if (grade === null) return false;
  const letters = settings.grades.map((g) => g.grade);
  return letters.indexOf(grade) > letters.indexOf(settings.pass_grade);
}
