import type { AssessmentSettings } from '../profile/assessment-settings.ts';
import { failsGrade } from './score-unit.ts';

/** A flag on a unit's row: `three-fails` (seed 004: consequences after three failures in a row), `n/a` (nothing to grade). */
export type UnitFlag = 'three-fails' | 'n/a';

/**
 * A unit's flags from its grades, this period first then the ones before it (newest first):
 * `three-fails` when this period and the two before it are all graded below the pass grade
 * (an n/a period breaks the run), `n/a` when this period has no grade.
 *
 * @example unitFlags(['D', 'E', 'D'], DEFAULT_ASSESSMENT) // ['three-fails']
 * @example unitFlags(['D', null, 'D'], DEFAULT_ASSESSMENT) // []
 */
export function unitFlags(grades: readonly (string | null)[], settings: Pick<AssessmentSettings, 'grades' | 'pass_grade'>): UnitFlag[] {
  const flags: UnitFlag[] = [];
  if (grades.length >= 3 && grades.slice(0, 3).every((g) => failsGrade(g, settings))) flags.push('three-fails');
  if (grades[0] === null || grades[0] === undefined) flags.push('n/a');
  return flags;
}
