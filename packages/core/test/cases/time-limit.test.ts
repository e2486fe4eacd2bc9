import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingMs, dueAt, workingMsBetween } from '../../src/cases/time-limit.ts';
import { workingCalendar, type WorkingCalendar } from '../../src/cases/working-calendar.ts';
import type { Limit } from '../../src/profile/profile-schema.ts';

const H = 3_600_000;
const cal = workingCalendar({ timezone: '+08:00' }); // 08:30–12:00, 14:30–18:00 (local default)
const bj = (local: string) => Date.parse(`${local}:00+08:00`);

describe('dueAt', () => {
  // One row per rule: start (Beijing time), limit, calendar, due (Beijing time), why.
  const rows: Array<[string, Limit, WorkingCalendar, string, string]> = [
    ['2026-06-01T09:00', { working_hours: 2 }, cal, '2026-06-01T11:00', 'inside a morning period'],
    ['2026-06-01T11:00', { working_hours: 2 }, cal, '2026-06-01T15:30', 'the lunch break does not count'],
    ['2026-06-01T12:30', { working_hours: 1 }, cal, '2026-06-01T15:30', 'a start in the lunch break waits for 14:30'],
    ['2026-06-01T07:00', { working_hours: 1 }, cal, '2026-06-01T09:30', 'a start before work waits for 08:30'],
    ['2026-06-05T17:00', { working_hours: 2 }, cal, '2026-06-08T09:30', 'the weekend does not count'],
    ['2026-06-01T08:30', { working_hours: 7 }, cal, '2026-06-01T18:00', 'a full day ends on the period end, not the next morning'],
    ['2026-09-30T17:30', { working_hours: 1 }, cal, '2026-10-08T09:00', '国庆: seven days off'],
    ['2026-09-18T17:00', { working_hours: 2 }, cal, '2026-09-20T09:30', 'a 调休 Sunday is a working day'],
    ['2026-09-18T10:00', { working_days: 2 }, cal, '2026-09-21T18:00', 'day 1 is the 调休 Sunday 09-20, day 2 Monday'],
    ['2026-09-30T09:00', { working_days: 1 }, cal, '2026-10-08T18:00', 'the start day never counts; 国庆 skipped'],
    ['2026-10-09T11:00', { working_days: 1 }, cal, '2026-10-10T18:00', 'a 调休 Saturday counts'],
    ['2026-02-13T10:00', { working_days: 1 }, cal, '2026-02-14T18:00', '春节 调休 Saturday'],
    ['2026-02-13T10:00', { working_days: 2 }, cal, '2026-02-24T18:00', '春节: 02-15 to 02-23 off'],
    ['2026-10-03T10:00', { working_days: 1 }, cal, '2026-10-08T18:00', 'a start on a holiday: the next working day is day 1'],
    ['2026-09-30T09:00', { hours: 24 }, cal, '2026-10-01T09:00', 'wall-clock hours run through holidays'],
    [
      '2026-06-29T10:00',
      { working_days: 1 },
      workingCalendar({ timezone: '+08:00', calendar: { holidays: ['2026-06-30'] } }),
      '2026-07-01T18:00',
      'profile holiday',
    ],
    [
      '2026-06-26T10:00',
      { working_days: 1 },
      workingCalendar({ timezone: '+08:00', calendar: { workdays: ['2026-06-27'] } }),
      '2026-06-27T18:00',
      'profile workday',
    ],
    [
      '2026-06-01T16:30',
      { working_hours: 1 },
      workingCalendar({ timezone: '+08:00', working_hours: [['09:00', '17:00']] }),
      '2026-06-02T09:30',
      'profile working hours',
    ],
    [
      '2026-09-30T17:30',
      { working_hours: 1 },
      workingCalendar({ timezone: 'Asia/Shanghai' }),
      '2026-10-08T09:00',
      'an IANA timezone gives the same as +08:00',
    ],
  ];
  it.each(rows)('%s + %j → %s', (start, limit, calendar, due, _why) => {
    expect(new Date(dueAt(bj(start), limit, calendar)).toISOString()).toBe(new Date(bj(due)).toISOString());
  });

  it('refuses a calendar with no working time rather than looping', () => {
    const never: WorkingCalendar = { ...cal, periodsOn: () => [] };
    expect(() => dueAt(0, { working_hours: 1 }, never)).toThrow(/no working day within ten years/);
    expect(() => dueAt(0, { working_days: 1 }, never)).toThrow(/no working day/);
  });
});

describe('workingMsBetween', () => {
  it('counts only working periods of working days', () => {
    expect(workingMsBetween(bj('2026-09-30T17:00'), bj('2026-10-08T09:30'), cal)).toBe(2 * H);
    expect(workingMsBetween(bj('2026-10-02T00:00'), bj('2026-10-05T23:59'), cal)).toBe(0);
    expect(workingMsBetween(bj('2026-06-01T00:00'), bj('2026-06-02T00:00'), cal)).toBe(7 * H);
    expect(workingMsBetween(bj('2026-06-01T11:00'), bj('2026-06-01T15:00'), cal)).toBe(1.5 * H);
  });

  it('is negative when the end comes first', () => {
    expect(workingMsBetween(bj('2026-06-01T15:00'), bj('2026-06-01T11:00'), cal)).toBe(-1.5 * H);
  });

  const instant = fc.integer({ min: Date.UTC(2025, 11, 1), max: Date.UTC(2026, 11, 31) });
  it('measures exactly what addWorkingMs adds (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 * H }), (a, ms) => {
        expect(workingMsBetween(a, addWorkingMs(a, ms, cal), cal)).toBe(ms);
      }),
    );
  });

  it('is additive over consecutive intervals (property)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        expect(workingMsBetween(a, c, cal)).toBe(workingMsBetween(a, b, cal) + workingMsBetween(b, c, cal));
      }),
    );
  });
});
