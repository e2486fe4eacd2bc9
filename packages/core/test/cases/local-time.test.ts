import { describe, expect, it } from 'vitest';
import { wallToUtc } from '../../src/cases/local-time.ts';

describe('wallToUtc', () => {
  // One row per rule: the wall time (as if UTC), the zone, the instant it is, why.
  const cases: Array<[string, number, string, number]> = [
    ['Beijing has one offset all year', Date.UTC(2026, 0, 5, 8), '+08:00', Date.UTC(2026, 0, 5, 0)],
    ['an IANA name in winter (PST, UTC−8)', Date.UTC(2017, 11, 27, 13, 36, 22), 'America/Los_Angeles', Date.UTC(2017, 11, 27, 21, 36, 22)],
    ['the same zone in summer (PDT, UTC−7)', Date.UTC(2018, 6, 4, 12), 'America/Los_Angeles', Date.UTC(2018, 6, 4, 19)],
    ['a negative fixed offset', Date.UTC(2020, 0, 1, 0), '-05:00', Date.UTC(2020, 0, 1, 5)],
    ['Asia/Shanghai equals +08:00', Date.UTC(2026, 9, 1, 0, 30), 'Asia/Shanghai', Date.UTC(2026, 8, 30, 16, 30)],
  ];
  it.each(cases)('%s', (_why, wall, tz, utc) => {
    expect(wallToUtc(wall, tz)).toBe(utc);
  });
});
