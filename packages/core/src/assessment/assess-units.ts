import type { AssessmentSettings } from '../profile/assessment-settings.ts';
import type { IndicatorName } from './indicators.ts';
import { rankScores } from './rank-units.ts';
import { gradeOf, scoreUnit } from './score-unit.ts';
import { unitFlags, type UnitFlag } from './unit-flags.ts';
import { unitIndicators, type IndicatorValue, type UnitCounts } from './unit-indicators.ts';

/** A unit and its counts over one period. */
export interface UnitInput {
  id: string;
  name: string;
  counts: UnitCounts;
}

/** One row of an assessment table (GET /api/assessment). */
export interface AssessedUnit {
  id: string;
  name: string;
  indicators: Record<IndicatorName, IndicatorValue>;
  score: number | null;
  grade: string | null;
  rank: number | null;
  previous: { score: number | null; rank: number | null };
  flags: UnitFlag[];
}

/**
 * The assessment table of a period: every unit's indicators, score, grade and rank, its
 * score and rank the period before, and its flags. `before` lists the earlier periods' units,
 * newest first (at least two for `three-fails`); a unit missing there counts as n/a. Rows come
 * ranked, best first, n/a units last by name.
 *
 * @example assessUnits(units, [october, september], DEFAULT_ASSESSMENT)[0].rank // 1
 */
export function assessUnits(
  units: readonly UnitInput[],
  before: ReadonlyArray<readonly UnitInput[]>,
  settings: AssessmentSettings,
): AssessedUnit[] {
  const now = scored(units, settings);
  const past = before.map((p) => new Map(scored(p, settings).map((u) => [u.id, u])));
  const rows = now.map((u): AssessedUnit => {
    const prev = past[0]?.get(u.id);
    const grades = [u.grade, ...past.map((p) => p.get(u.id)?.grade ?? null)];
    return {
      ...u,
      previous: { score: prev?.score ?? null, rank: prev?.rank ?? null },
      flags: unitFlags(grades, settings),
    };
  });
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

function scored(units: readonly UnitInput[], settings: AssessmentSettings) {
  const rows = units.map((u) => {
    const indicators = unitIndicators(u.counts);
    const score = scoreUnit(indicators, settings);
    return { id: u.id, name: u.name, indicators, score, grade: gradeOf(score, settings.grades) };
  });
  const ranks = rankScores(rows.map((r) => r.score));
  return rows.map((r, i) => ({ ...r, rank: ranks[i] }));
}
