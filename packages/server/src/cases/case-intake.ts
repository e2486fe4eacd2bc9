import { findDuplicate, joinReport, openCase, type CaseContext, type CaseState } from '@citygrid/core';
import type { CityContext } from '../profile/city-context.ts';
import type { StoredReport } from '../reports/report-schemas.ts';
import { caseOpening } from './case-opening.ts';

/** What intake does with each new report: open a case for it, join it to one, or nothing. */
export type IntakeStep = { kind: 'open'; report: StoredReport; state: CaseState } | { kind: 'join'; report: StoredReport; state: CaseState };

/**
 * Decides, in order, what new reports do to cases: a report that duplicates an open case
 * (core's findDuplicate with the profile's `duplicates`) joins it, whatever its source; else a
 * report from one of `auto_case_sources` opens a case (which later reports of the batch may
 * join); else nothing (it waits for an operator). Pure: the caller stores the result.
 * @param open the open cases the reports may duplicate (readOpenCases)
 * @param newId makes the id of a new case
 * @example planIntake([patrolReport], [], city, ctx, now, randomUUID) // [{ kind: 'open', … }]
 */
export function planIntake(
  reports: readonly StoredReport[],
  open: readonly CaseState[],
  city: CityContext,
  ctx: CaseContext,
  now: number,
  newId: () => string,
  defaults: { duplicates: { distance_m: number; hours: number }; auto_case_sources: readonly string[] },
): IntakeStep[] {
  const duplicates = city.profile.duplicates ?? defaults.duplicates;
  const auto = new Set(city.profile.auto_case_sources ?? defaults.auto_case_sources);
  const cases = new Map(open.map((c) => [c.id, c]));
  const steps: IntakeStep[] = [];
  for (const report of reports) {
    const probe = { lon: report.lon, lat: report.lat, category: report.category, at: Date.parse(report.created_at) };
    const match = findDuplicate(probe, cases.values(), duplicates);
    if (match) {
      const state = joinReport(match, report.id);
      cases.set(state.id, state);
      steps.push({ kind: 'join', report, state });
    } else if (auto.has(report.source)) {
      const state = openCase(caseOpening(newId(), now, [report], city), ctx);
      cases.set(state.id, state);
      steps.push({ kind: 'open', report, state });
    }
  }
  return steps;
}
