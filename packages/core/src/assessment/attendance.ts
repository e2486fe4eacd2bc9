import type { Period } from '../period/period.ts';
import { dayNumber } from '../cases/local-time.ts';

/**
 * Patrol days a grid needs in a period: `perWeek` days for every 7 days, rounded up (seed
 * 001: 每周不少于2天 — a 30-day month needs 9, a quarter of 92 days 27, an ISO week 2).
 *
 * @example requiredDays(parsePeriod('2026-11', '+08:00'), 2) // 9
 */
export function requiredDays(period: Pick<Period, 'first_day' | 'last_day'>, perWeek: number): number {
  const days = dayNumber(period.last_day) - dayNumber(period.first_day) + 1;
  return Math.ceil((days * perWeek) / 7 - 1e-9);
}

/**
 * A grid's attendance counts: the local days with a check-in, at most the required days (a
 * busy week does not make up for an empty one beyond the period's need).
 *
 * @example attendanceCounts(12, 9) // { attended_days: 9, required_days: 9 }
 */
export function attendanceCounts(days: number, required: number): { attended_days: number; required_days: number } {
  return { attended_days: Math.min(days, required), required_days: required };
}
