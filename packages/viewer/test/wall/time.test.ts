import { describe, expect, it } from 'vitest';
import { addDays, clip, daysBetween, frameInterval, nextWindow, slideWindow, stepWindow } from '../../src/wall/time.ts';

const RANGE = { from: '2024-01-01', to: '2024-06-30' };

describe('wall time window', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
  });

  it.each([
    ['2024-02-10', 'day', { from: '2024-02-10', to: '2024-02-10' }],
    ['2024-02-10', 'month', { from: '2024-02-01', to: '2024-02-29' }],
    ['2023-12-31', 'month', { from: '2023-12-01', to: '2023-12-31' }],
  ] as const)('one %s step of %s', (date, step, expected) => {
    expect(stepWindow(date, step)).toEqual(expected);
  });

  it('plays month by month and loops at the end of the range', () => {
    expect(nextWindow({ from: '2024-01-01', to: '2024-01-31' }, RANGE, 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(nextWindow({ from: '2024-06-01', to: '2024-06-30' }, RANGE, 'month')).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(nextWindow({ from: '2024-03-05', to: '2024-03-05' }, RANGE, 'day')).toEqual({ from: '2024-03-06', to: '2024-03-06' });
  });

  it('clips a month to the data range', () => {
    expect(clip({ from: '2023-12-01', to: '2024-01-31' }, RANGE)).toEqual({ from: '2024-01-01', to: '2024-01-31' });
  });

  it('slides a window keeping its length, clipped at the end', () => {
    expect(slideWindow({ from: '2024-01-01', to: '2024-01-07' }, '2024-03-01', RANGE)).toEqual({ from: '2024-03-01', to: '2024-03-07' });
    expect(slideWindow({ from: '2024-01-01', to: '2024-01-31' }, '2024-06-20', RANGE)).toEqual({ from: '2024-06-20', to: '2024-06-30' });
  });

  it('throws on a bad date or speed', () => {
    expect(() => addDays('2024/01/01', 1)).toThrow(/expected a date like 2024-03-01/);
    expect(() => frameInterval(0)).toThrow(/expected a speed > 0/);
    expect(frameInterval(4)).toBe(250);
  });
});
