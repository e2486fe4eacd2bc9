import { findDuplicate, joinReport, openCase, type CaseContext, type CaseState } from '@citygrid/core';
import type { CityContext } from '../profile/city-context.ts';
import type { StoredReport } from '../reports/report-schemas.ts';
import { caseOpening } from './case-opening.ts';

/** What intake does with each new report: open a case for it, join it to one, or nothing. */
export type IntakeStep =
  | { kind: 'open'; report: StoredReport; state: CaseState }
  | { kind: 'join'; report: StoredReport; state: CaseState };

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
  const maxLat = Math.max(0, ...reports.map((r) => Math.abs(r.lat)), ...open.map((c) => Math.abs(c.lat ?? 0)));
  const cells = new Cells(duplicates.distance_m, maxLat);
  open.forEach((c) => {
    cells.put(c);
  });
  const steps: IntakeStep[] = [];
  for (const report of reports) {
    const probe = { lon: report.lon, lat: report.lat, category: report.category, at: Date.parse(report.created_at) };
    const match = findDuplicate(probe, cells.near(report.category, report.lon, report.lat), duplicates);
    if (match) {
      const state = joinReport(match, report.id);
      cells.put(state);
      steps.push({ kind: 'join', report, state });
    } else if (auto.has(report.source)) {
      const state = openCase(caseOpening(newId(), now, [report], city), ctx);
      cells.put(state);
      steps.push({ kind: 'open', report, state });
    }
  }
  return steps;
}

// Metres per degree of latitude (and of longitude at the equator), rounded down: a cell
// computed with it is at least as wide as asked.
const METRES_PER_DEGREE = 111_000;

/**
 * Open cases by category in square cells at least `distance_m` wide, so that a report
 * compares itself with the cases of its own and the 8 neighbouring cells rather than with
 * every open case: a batch of 40,000 patrol reports would otherwise cost 40,000² distances.
 * Cells are sized for the largest latitude in play, where a degree of longitude is shortest.
 */
class Cells {
  readonly #dLat: number;
  readonly #dLon: number;
  readonly #cells = new Map<string, Map<string, CaseState>>();
  readonly #cellOf = new Map<string, string>();

  constructor(distance_m: number, maxLat: number) {
    this.#dLat = distance_m / METRES_PER_DEGREE;
    this.#dLon = distance_m / (METRES_PER_DEGREE * Math.max(Math.cos((Math.min(maxLat, 89) * Math.PI) / 180), 0.01));
  }

  /** Adds a case, or replaces the one of its id; cases without a place are never duplicated. */
  put(c: CaseState): void {
    if (c.lon === null || c.lat === null) return;
    const key = this.#key(c.category, Math.floor(c.lon / this.#dLon), Math.floor(c.lat / this.#dLat));
    const before = this.#cellOf.get(c.id);
    if (before !== undefined && before !== key) this.#cells.get(before)?.delete(c.id);
    this.#cellOf.set(c.id, key);
    let cell = this.#cells.get(key);
    if (!cell) {
      cell = new Map();
      this.#cells.set(key, cell);
    }

    cell.set(c.id, c);
  }

  /** The cases of `category` in the 3×3 cells around a point. */
  *near(category: string, lon: number, lat: number): Generator<CaseState> {
    const x = Math.floor(lon / this.#dLon);
    const y = Math.floor(lat / this.#dLat);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) yield* this.#cells.get(this.#key(category, x + dx, y + dy))?.values() ?? [];
  }

  #key(category: string, x: number, y: number): string {
    return `${category}|${x}|${y}`;
  }
}
