import type { TimeLimit, Urgency } from './profile-schema.ts';

/**
 * The shipped time limits, one per stage of DEFAULT_WORKFLOW that has a clock. All are
 * **local defaults**: no standard fixes 处置时限 (STANDARDS.md §6; implementations tier them
 * by area and subcategory), so a city sets its own in `time_limits`.
 *
 * @example DEFAULT_TIME_LIMITS.find((l) => l.stage === 'dispatched' && !l.urgency)?.limit // { working_days: 2 }
 */
export const DEFAULT_TIME_LIMITS: TimeLimit[] = [
  { stage: 'reported', limit: { working_hours: 1 } }, // to accept (local default)
  { stage: 'accepted', limit: { working_hours: 2 } }, // to register or reject (local default)
  { stage: 'registered', limit: { working_hours: 1 } }, // to dispatch (local default)
  { stage: 'dispatched', limit: { working_days: 2 } }, // to handle and report back (local default)
  { stage: 'dispatched', urgency: 'urgent', limit: { working_hours: 4 } }, // urgent: same day (local default)
  { stage: 'handled', limit: { working_days: 1 } }, // to verify on site (local default)
  { stage: 'verified', limit: { working_hours: 2 } }, // to close (local default)
];

/**
 * The shipped urgencies: the first is a new case's default.
 *
 * @example DEFAULT_URGENCIES[0].code // 'normal'
 */
export const DEFAULT_URGENCIES: Urgency[] = [
  { code: 'normal', name: '一般', en: 'Normal' },
  { code: 'urgent', name: '紧急', en: 'Urgent' },
];

/**
 * The shipped working day, 08:30–12:00 and 14:30–18:00 (local default: a common 城管 schedule).
 *
 * @example DEFAULT_WORKING_HOURS[1] // ['14:30', '18:00']
 */
export const DEFAULT_WORKING_HOURS: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['14:30', '18:00'],
];
