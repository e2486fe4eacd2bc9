import type { UnitCounts } from '@citygrid/core';

/** `col` inside the window [$s, $e) (UTC ms). */
export const IN = (col: string) => `(${col} >= $s AND ${col} < $e)`;

/**
 * When a case counts towards each case count of a unit (docs/assessment.md), as SQL over the
 * rows of {@link factsInWindow}: the count query and a unit's explanation read the same text,
 * so the cases listed behind a number are exactly the ones it counted.
 */
export const CASE_CONDITIONS = {
  registered: IN('registered_at'),
  registered_by_patrol: `${IN('registered_at')} AND list_contains($patrol, source)`,
  reported: `${IN('opened_at')} AND NOT merged`,
  reported_registered: `${IN('opened_at')} AND NOT merged AND registered_at IS NOT NULL`,
  dispatched: IN('dispatched_at'),
  // A stage with no time limit is never late.
  dispatched_on_time: `${IN('dispatched_at')} AND (dispatch_due IS NULL OR dispatched_at <= dispatch_due)`,
  handle_due: IN('handle_due'),
  handled_on_time: `${IN('handle_due')} AND handled_at IS NOT NULL AND handled_at <= handle_due`,
  registered_closed: `${IN('registered_at')} AND closed_at IS NOT NULL`,
  handled: IN('handled_at'),
  handled_reworked: `${IN('handled_at')} AND reworks > 0`,
  handled_verified: `${IN('handled_at')} AND verified_at IS NOT NULL`,
  handled_offsite: `${IN('handled_at')} AND list_contains($device, source) AND unvisited`,
  checked: IN('checked_at'),
  checked_on_time: `${IN('checked_at')} AND (check_due IS NULL OR checked_at <= check_due)`,
} as const satisfies Partial<Record<keyof UnitCounts, string>>;

/** The case counts (all but ratings and attendance). */
export type CaseCountName = keyof typeof CASE_CONDITIONS;

/**
 * `WITH … w AS (…)`: the facts of cases with any milestone in the window whose `key` is set
 * (and that pass `only`, a further SQL condition on `f`), each with `unvisited`: no patrol check-in in its grid between dispatch and handling (非现场).
 * @example `${factsInWindow('grid_id')} SELECT count(*) FROM w`
 */
export function factsInWindow(key: 'grid_id' | 'department', only = 'TRUE'): string {
  return `WITH f AS (
    SELECT f.* FROM case_facts f
    WHERE f.${key} IS NOT NULL AND ${only} AND (${IN('f.opened_at')} OR ${IN('f.registered_at')} OR ${IN('f.dispatched_at')}
      OR ${IN('f.handle_due')} OR ${IN('f.handled_at')} OR ${IN('f.checked_at')})),
  visited AS (
    SELECT DISTINCT f.case_id FROM f JOIN patrol_checkins p ON p.grid_id = f.grid_id
      AND epoch_ms(p.checked_in_at) BETWEEN f.dispatched_at AND f.handled_at
    WHERE ${IN('f.handled_at')} AND list_contains($device, f.source)),
  w AS (SELECT f.*, v.case_id IS NULL AS unvisited FROM f LEFT JOIN visited v USING (case_id))`;
}
