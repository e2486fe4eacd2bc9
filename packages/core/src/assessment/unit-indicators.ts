import type { IndicatorName } from './indicators.ts';

/** An indicator's value for a unit: value = numerator / denominator, null ("n/a") when nothing was due. */
export interface IndicatorValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

/**
 * The counts behind a unit's indicators over a period, as the store aggregates them from
 * case facts, ratings and check-ins (docs/assessment.md says which case counts where).
 */
export interface UnitCounts {
  registered: number;
  registered_by_patrol: number;
  reported: number;
  reported_registered: number;
  dispatched: number;
  dispatched_on_time: number;
  handle_due: number;
  handled_on_time: number;
  registered_closed: number;
  handled: number;
  handled_reworked: number;
  handled_verified: number;
  handled_offsite: number;
  checked: number;
  checked_on_time: number;
  ratings: number;
  ratings_satisfied: number;
  attended_days: number;
  required_days: number;
}

/** Every count at 0: a unit with nothing in the period. */
export const NO_COUNTS: Readonly<UnitCounts> = {
  registered: 0,
  registered_by_patrol: 0,
  reported: 0,
  reported_registered: 0,
  dispatched: 0,
  dispatched_on_time: 0,
  handle_due: 0,
  handled_on_time: 0,
  registered_closed: 0,
  handled: 0,
  handled_reworked: 0,
  handled_verified: 0,
  handled_offsite: 0,
  checked: 0,
  checked_on_time: 0,
  ratings: 0,
  ratings_satisfied: 0,
  attended_days: 0,
  required_days: 0,
};

/**
 * A unit's indicators from its counts: each a fraction with its numerator and denominator,
 * so anyone can recompute it; value null when the denominator is 0 (n/a, never 100 %).
 *
 * @example unitIndicators({ ...NO_COUNTS, handle_due: 4, handled_on_time: 3 }).timely_handling // { value: 0.75, numerator: 3, denominator: 4 }
 */
export function unitIndicators(c: UnitCounts): Record<IndicatorName, IndicatorValue> {
  const out = {} as Record<IndicatorName, IndicatorValue>;
  for (const [name, [num, den]] of Object.entries(INDICATOR_COUNTS) as [IndicatorName, [keyof UnitCounts, keyof UnitCounts]][])
    out[name] = fraction(c[num], c[den]);
  return out;
}

/**
 * The counts each indicator divides: [numerator, denominator].
 * @example INDICATOR_COUNTS.timely_handling // ['handled_on_time', 'handle_due']
 */
export const INDICATOR_COUNTS: Readonly<Record<IndicatorName, readonly [keyof UnitCounts, keyof UnitCounts]>> = {
  discovery: ['registered_by_patrol', 'registered'],
  registration: ['reported_registered', 'reported'],
  timely_dispatch: ['dispatched_on_time', 'dispatched'],
  timely_handling: ['handled_on_time', 'handle_due'],
  closure: ['registered_closed', 'registered'],
  rework: ['handled_reworked', 'handled'],
  rectification: ['handled_verified', 'handled'],
  timely_verification: ['checked_on_time', 'checked'],
  satisfaction: ['ratings_satisfied', 'ratings'],
  attendance: ['attended_days', 'required_days'],
  offsite: ['handled_offsite', 'handled'],
};

/**
 * numerator / denominator, or null when the denominator is 0.
 * @example fraction(0, 0) // { value: null, numerator: 0, denominator: 0 }
 */
export function fraction(numerator: number, denominator: number): IndicatorValue {
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

/**
 * Adds two units' counts (a street is the sum of its grids).
 * @example addCounts(a, NO_COUNTS) // a's counts
 */
export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof UnitCounts)[]) out[k] += b[k];
  return out;
}
