import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod, periodOf, previousPeriod, shiftPeriod } from '../../src/index.ts';

const H = 3_600_000;

describe('parsePeriod', () => {
  it('cuts a month at local midnight in the city timezone', () => {
    const p = parsePeriod('2026-11', '+08:00');
    expect(p).toMatchObject({ kind: 'month', first_day: '2026-11-01', last_day: '2026-11-30' });
    expect(p.start).toBe(Date.UTC(2026, 10, 1) - 8 * H);
    expect(p.end).toBe(Date.UTC(2026, 11, 1) - 8 * H);
  });

  it('reads quarters, years and December', () => {
    expect(parsePeriod('2026-Q4', '+08:00')).toMatchObject({ first_day: '2026-10-01', last_day: '2026-12-31' });
    expect(parsePeriod('2026-12', 'UTC')).toMatchObject({ last_day: '2026-12-31', end: Date.UTC(2027, 0, 1) });
    expect(parsePeriod('2024', '+08:00')).toMatchObject({ kind: 'year', first_day: '2024-01-01', last_day: '2024-12-31' });
  });

  it('reads ISO weeks: Monday first, week 1 holds the first Thursday', () => {
    expect(parsePeriod('2026-W47', '+08:00')).toMatchObject({ first_day: '2026-11-16', last_day: '2026-11-22' });
    expect(parsePeriod('2021-W01', 'UTC')).toMatchObject({ first_day: '2021-01-04' });
    expect(parsePeriod('2020-W53', 'UTC')).toMatchObject({ first_day: '2020-12-28', last_day: '2021-01-03' });
    expect(parsePeriod('2026-W53', 'UTC')).toMatchObject({ first_day: '2026-12-28' }); // 2026 starts on a Thursday
    expect(() => parsePeriod('2025-W53', 'UTC')).toThrow(/last ISO week of 2025 \(W52\)/);
  });

  it('follows daylight saving time in an IANA zone', () => {
    const p = parsePeriod('2026-03', 'America/Los_Angeles');
    expect(p.start).toBe(Date.UTC(2026, 2, 1, 8)); // PST
    expect(p.end).toBe(Date.UTC(2026, 3, 1, 7)); // PDT
  });

  it('names the accepted forms when it refuses one', () => {
    for (const bad of ['2026-13', '2026-Q5', '26-11', '2026-11-01', '', 'W47'])
      expect(() => parsePeriod(bad, '+08:00')).toThrow(/write a month 2026-11, a quarter 2026-Q4/);
  });
});

describe('previousPeriod and shiftPeriod', () => {
  it('step across year ends', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026')).toBe('2025');
    expect(previousPeriod('2026-W01')).toBe('2025-W52');
    expect(previousPeriod('2021-W01')).toBe('2020-W53');
    expect(shiftPeriod('2026-Q4', 1)).toBe('2027-Q1');
  });

  it('consecutive periods tile time without gap or overlap (property)', () => {
    const code = fc.oneof(
      fc.tuple(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
      fc.integer({ min: 1990, max: 2090 }).map(String),
      fc
        .tuple(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 52 }))
        .map(([y, w]) => `${y}-W${String(w).padStart(2, '0')}`),
    );
    const tz = fc.constantFrom('+08:00', 'UTC', '-05:30', 'Asia/Shanghai', 'America/Los_Angeles');
    fc.assert(
      fc.property(code, tz, (c, z) => {
        const p = parsePeriod(c, z);
        const next = parsePeriod(shiftPeriod(c, 1), z);
        expect(next.start).toBe(p.end);
        expect(p.end).toBeGreaterThan(p.start);
        expect(shiftPeriod(shiftPeriod(c, 1), -1)).toBe(c);
        expect(periodOf(p.first_day, p.kind)).toBe(c);
        expect(periodOf(p.last_day, p.kind)).toBe(c);
      }),
    );
  });
});
