import PRC from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { DEFAULT_WORKING_HOURS } from '../profile/default-time-limits.ts';
import type { CityProfile } from '../profile/profile-schema.ts';
import { dayNumber, isoDate, localDay, localInstant } from './local-time.ts';

// chinese-days' data, not its functions: those read dates with the runtime's own timezone
// (a server in UTC-8 would see 2026-02-28 as the 27th); the tables are plain YYYY-MM-DD keys.
// `holidays` are the State Council's days off, `workdays` the 调休 weekend days worked.
const { holidays: PRC_HOLIDAYS, workdays: PRC_WORKDAYS } = PRC as { holidays: Record<string, string>; workdays: Record<string, string> };

/** When a city works: its working days and, on each, its working periods, in its timezone. */
export interface WorkingCalendar {
  /** The profile's timezone: days are cut at its midnight. */
  readonly timezone: string;
  /** The working periods of a working day, in minutes after local midnight, in order. */
  readonly hours: ReadonlyArray<readonly [number, number]>;
  /** Whether a local date (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(date: string): boolean;
  /** The local day number (days since 1970-01-01) of an instant (UTC ms). */
  dayOf(ms: number): number;
  /** The working periods of a local day number as UTC ms intervals; none on a day off. */
  periodsOn(day: number): Array<[number, number]>;
}

/**
 * The working calendar of a profile: the PRC calendar (Monday to Friday, minus the public
 * holidays, plus the 调休 make-up weekend days, from the maintained `chinese-days` tables),
 * then the profile's `calendar.holidays` (extra days off) and `calendar.workdays` (extra
 * working days, e.g. a year the package does not know yet: past its tables every weekday
 * works), with `working_hours` (default 08:30–12:00, 14:30–18:00) in `timezone`.
 *
 * @example workingCalendar({ timezone: '+08:00' }).isWorkingDay('2026-10-01') // false (国庆节)
 * @example workingCalendar({ timezone: '+08:00' }).isWorkingDay('2026-09-20') // true (a Sunday worked for 国庆)
 */
export function workingCalendar(profile: Pick<CityProfile, 'timezone' | 'working_hours' | 'calendar'>): WorkingCalendar {
  const tz = profile.timezone;
  const hours = (profile.working_hours ?? DEFAULT_WORKING_HOURS).map(([from, to]) => [minutes(from), minutes(to)] as const);
  const off = new Set(profile.calendar?.holidays ?? []);
  const on = new Set(profile.calendar?.workdays ?? []);
  const isWorkingDay = (date: string) => on.has(date) || (!off.has(date) && prcWorkingDay(date));
  // Day numbers repeat across every clock computation; a day's answer never changes.
  const periods = new Map<number, Array<[number, number]>>();
  return {
    timezone: tz,
    hours,
    isWorkingDay,
    dayOf: (ms) => localDay(ms, tz),
    periodsOn(day) {
      let p = periods.get(day);
      if (!p) {
        p = isWorkingDay(isoDate(day))
          ? hours.map(([from, to]) => [localInstant(day, from, tz), localInstant(day, to, tz)] as [number, number])
          : [];
        periods.set(day, p);
      }
      return p;
    },
  };
}

/**
 * Whether a date is a working day of the PRC calendar alone (no profile overrides).
 *
 * @example prcWorkingDay('2026-02-28') // true (Saturday, 春节 调休)
 * @example prcWorkingDay('2026-02-16') // false (春节)
 */
export function prcWorkingDay(date: string): boolean {
  if (PRC_WORKDAYS[date] !== undefined) return true;
  if (PRC_HOLIDAYS[date] !== undefined) return false;
  const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday (4)
  return weekday >= 1 && weekday <= 5;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
