import { describe, expect, it } from 'vitest';
import { localDay, localInstant, offsetMinutes } from '../../src/cases/local-time.ts';
import { prcWorkingDay, workingCalendar } from '../../src/cases/working-calendar.ts';

describe('prcWorkingDay', () => {
  // Dates from chinese-days' tables (State Council notices for 2026).
  const cases: Array<[string, boolean, string]> = [
    ['2026-09-18', true, 'an ordinary Friday'],
    ['2026-09-19', false, 'an ordinary Saturday'],
    ['2026-09-20', true, 'Sunday worked for 国庆 (调休)'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, '国庆 holiday, a Wednesday'],
    ['2026-10-08', true, 'first working day after 国庆'],
    ['2026-10-10', true, 'Saturday worked for 国庆 (调休)'],
    ['2026-02-14', true, 'Saturday worked for 春节 (调休)'],
    ['2026-02-16', false, '春节, a Monday'],
    ['2026-02-23', false, 'last day of 春节'],
    ['2026-02-24', true, 'back to work after 春节'],
    ['2026-02-28', true, 'Saturday worked for 春节 (调休)'],
    ['2026-01-01', false, '元旦'],
  ];
  it.each(cases)('%s is a working day: %s (%s)', (date, working) => {
    expect(prcWorkingDay(date)).toBe(working);
  });
});

describe('workingCalendar', () => {
  it("applies the profile's holidays and workdays on top of the PRC calendar", () => {
    const cal = workingCalendar({ timezone: '+08:00', calendar: { holidays: ['2026-06-30'], workdays: ['2026-06-27', '2026-10-01'] } });
    expect(cal.isWorkingDay('2026-06-30')).toBe(false); // a Tuesday made a day off
    expect(cal.isWorkingDay('2026-06-27')).toBe(true); // a Saturday made a working day
    expect(cal.isWorkingDay('2026-10-01')).toBe(true); // a holiday worked by this city
    expect(cal.isWorkingDay('2026-06-29')).toBe(true);
  });

  it("cuts days at the profile's midnight, not the runtime's or UTC's", () => {
    const instant = Date.parse('2026-09-30T16:30:00Z'); // 00:30 on 10-01 in Beijing
    const beijing = workingCalendar({ timezone: '+08:00' });
    const utc = workingCalendar({ timezone: '+00:00' });
    expect(beijing.periodsOn(beijing.dayOf(instant))).toEqual([]); // 国庆
    expect(utc.periodsOn(utc.dayOf(instant)).length).toBe(2); // still 09-30 in UTC
  });

  it('gives working periods as instants of the local day', () => {
    const cal = workingCalendar({
      timezone: 'Asia/Shanghai',
      working_hours: [
        ['08:30', '12:00'],
        ['14:30', '18:00'],
      ],
    });
    const day = cal.dayOf(Date.parse('2026-09-30T10:00:00+08:00'));
    expect(cal.periodsOn(day)).toEqual([
      [Date.parse('2026-09-30T08:30:00+08:00'), Date.parse('2026-09-30T12:00:00+08:00')],
      [Date.parse('2026-09-30T14:30:00+08:00'), Date.parse('2026-09-30T18:00:00+08:00')],
    ]);
  });
});

describe('local time', () => {
  it('reads fixed offsets and IANA names, daylight saving included', () => {
    expect(offsetMinutes('+08:00', 0)).toBe(480);
    expect(offsetMinutes('-03:30', 0)).toBe(-210);
    expect(offsetMinutes('Asia/Shanghai', Date.UTC(2026, 6, 1))).toBe(480);
    expect(offsetMinutes('America/New_York', Date.UTC(2026, 0, 15))).toBe(-300);
    expect(offsetMinutes('America/New_York', Date.UTC(2026, 6, 15))).toBe(-240);
  });

  it('round-trips a local day and minute through an instant', () => {
    for (const tz of ['+08:00', 'Asia/Shanghai', 'America/New_York', 'Europe/London']) {
      for (const iso of ['2026-03-08T09:15:00Z', '2026-10-01T00:00:00Z', '2026-11-01T12:00:00Z']) {
        const ms = Date.parse(iso);
        const day = localDay(ms, tz);
        const minute = Math.round((ms + offsetMinutes(tz, ms) * 60_000 - day * 86_400_000) / 60_000);
        expect(localInstant(day, minute, tz), `${tz} ${iso}`).toBe(ms);
      }
    }
  });
});
