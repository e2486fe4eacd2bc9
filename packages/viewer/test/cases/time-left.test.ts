import { describe, expect, it } from 'vitest';
import { cstTime, formatSpan, formatTimeLeft, timeLeftNow } from '../../src/cases/time-left.ts';

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

describe('formatTimeLeft', () => {
  const rows: [number | null, string, string, string][] = [
    [2 * H + 15 * MIN, '剩余 2小时15分', '2 h 15 min left', 'hours and minutes'],
    [2 * H, '剩余 2小时', '2 h left', 'a zero second unit is left out'],
    [45 * MIN + 59_000, '剩余 45分', '45 min left', 'under an hour: minutes, rounded down'],
    [-(D + 3 * H + 20 * MIN), '超时 1天3小时', '1 d 3 h overdue', 'overdue: days and hours, the minutes dropped'],
    [-3 * D, '超时 3天', '3 d overdue', 'whole days'],
    [30_000, '剩余 不足1分', '< 1 min left', 'under a minute'],
    [-30_000, '超时 不足1分', '< 1 min overdue', 'just overdue'],
    [null, '不限时', 'no time limit', 'a stage without a limit'],
  ];
  it.each(rows)('%s ms → %s / %s (%s)', (ms, zh, en) => {
    expect(formatTimeLeft(ms, 'zh-CN')).toBe(zh);
    expect(formatTimeLeft(ms, 'en')).toBe(en);
  });
  it('formats a span without sign words', () => {
    expect(formatSpan(D + H, 'zh-CN')).toBe('1天1小时');
    expect(formatSpan(D + 5 * MIN, 'en')).toBe('1 d');
  });
});

describe('timeLeftNow', () => {
  it('counts down from the answer by the time since it came', () => {
    expect(timeLeftNow(60_000, 1000, 31_000)).toBe(30_000);
    expect(timeLeftNow(10_000, 0, 70_000)).toBe(-60_000);
    expect(timeLeftNow(null, 0, 70_000)).toBeNull();
  });
});

describe('cstTime', () => {
  it('prints the instant in China Standard Time', () => {
    expect(cstTime('2026-09-30T02:00:00Z')).toBe('2026-09-30 10:00');
    expect(cstTime('2026-09-30T16:30:00.000Z')).toBe('2026-10-01 00:30');
  });
  it('gives back what it cannot read', () => expect(cstTime('soon')).toBe('soon'));
});
