import { CitygridError } from '../errors.ts';
import type { Limit } from '../profile/profile-schema.ts';
import type { WorkingCalendar } from './working-calendar.ts';

const HOUR = 3_600_000;
// Working time is searched for at most ten years ahead: a calendar without a working day
// that long is a broken profile, not a long wait.
const MAX_DAYS = 3660;

/**
 * When a clock started at `startMs` (UTC ms) runs out under `limit`:
 * - `{ hours: n }`: n wall-clock hours later, nights and holidays included;
 * - `{ working_hours: n }`: n hours counted only inside the working periods of working days;
 *   a start outside them waits for the next period (a Friday 17:00 start of 2 working hours
 *   under 08:30–12:00, 14:30–18:00 is due Monday 09:30 — or the next working day);
 * - `{ working_days: n }`: at the end of the last working period of the n-th working day
 *   after the start's local day. The start day never counts, as 期间开始之日不计算在内 in
 *   Chinese administrative law: dispatched Friday 10:00 with 2 working days → Tuesday 18:00.
 *
 * @example dueAt(Date.parse('2026-09-30T09:00:00+08:00'), { working_days: 1 }, cal) // 2026-10-08T18:00+08:00 (国庆 in between)
 */
export function dueAt(startMs: number, limit: Limit, cal: WorkingCalendar): number {
  if (limit.hours !== undefined) return startMs + limit.hours * HOUR;
  if (limit.working_hours !== undefined) return addWorkingMs(startMs, limit.working_hours * HOUR, cal);
  const n = limit.working_days ?? 0;
  let day = cal.dayOf(startMs);
  for (let counted = 0, i = 0; counted < n; i++) {
    if (i > MAX_DAYS) throw noWorkingTime();
    day++;
    if (cal.periodsOn(day).length) counted++;
  }
  const periods = cal.periodsOn(day);
  return periods.length ? periods[periods.length - 1][1] : startMs;
}

/**
 * Whether a limit counts working time (`working_hours`, `working_days`) or wall-clock time.
 *
 * @example limitClock({ working_days: 2 }) // 'working'
 */
export function limitClock(limit: Limit): 'working' | 'wall' {
  return limit.hours !== undefined ? 'wall' : 'working';
}

/**
 * The instant `ms` milliseconds of working time after `startMs` (UTC ms). An end that falls
 * exactly on the end of a working period stays there (it does not jump to the next period).
 *
 * @throws CitygridError (CG_ERR_PROFILE) if the calendar has no working time within ten years
 * @example addWorkingMs(Date.parse('2026-06-05T17:00:00+08:00'), 2 * 3_600_000, cal) // Monday 2026-06-08T09:30+08:00
 */
export function addWorkingMs(startMs: number, ms: number, cal: WorkingCalendar): number {
  if (ms <= 0) return startMs;
  let left = ms;
  const first = cal.dayOf(startMs);
  for (let day = first; day <= first + MAX_DAYS; day++) {
    for (const [from, to] of cal.periodsOn(day)) {
      const s = Math.max(from, startMs);
      if (s >= to) continue;
      if (left <= to - s) return s + left;
      left -= to - s;
    }
  }
  throw noWorkingTime();
}

/**
 * The working time (ms) between two instants: the parts of [a, b] inside working periods of
 * working days; negative when b is before a. What a clock that stops outside working hours,
 * or while a case is suspended, has used.
 *
 * @example workingMsBetween(Date.parse('2026-09-30T17:00:00+08:00'), Date.parse('2026-10-08T09:30:00+08:00'), cal) // 2 h (国庆 in between)
 */
export function workingMsBetween(a: number, b: number, cal: WorkingCalendar): number {
  if (b < a) return -workingMsBetween(b, a, cal);
  let total = 0;
  for (let day = cal.dayOf(a), last = cal.dayOf(b); day <= last; day++) {
    for (const [from, to] of cal.periodsOn(day)) total += Math.max(0, Math.min(to, b) - Math.max(from, a));
  }
  return total;
}

function noWorkingTime(): CitygridError {
  return CitygridError.of(
    'CG_ERR_PROFILE',
    {},
    '/calendar',
    'leaves no working day within ten years: check working_hours and calendar.holidays',
  );
}
