import { describe, expect, it } from 'vitest';
import { changeText, countBy, countByDay, seriesPath } from '../../src/wall/chart.ts';

describe('wall chart', () => {
  it('draws a series from the bottom (0) to the top (max)', () => {
    expect(seriesPath([0, 2, 1], { width: 100, height: 50, pad: 0 })).toBe('M0 50 L50 0 L100 25');
    expect(seriesPath([], { width: 100, height: 50 })).toBe('');
    expect(seriesPath([0, 0], { width: 10, height: 10, pad: 0 })).toBe('M0 10 L10 10');
  });

  it.each([
    [0.125, '▲', '+12.5%', 'up'],
    [-0.5, '▼', '-50%', 'down'],
    [0, '▬', '0%', 'flat'],
    [null, '●', '–', 'new'],
  ] as const)('change %s reads %s %s', (change, arrow, text, dir) => {
    expect(changeText(change)).toEqual({ arrow, text, dir });
  });

  it('counts per China Standard Time day, including DuckDB-style timestamps', () => {
    const ts = ['2024-03-01T00:30:00+08:00', '2024-02-29T16:10:00Z', '2024-03-02 01:00:00+00', '2024-03-05T00:00:00+08:00'];
    expect(countByDay(ts, '2024-03-01', 3)).toEqual([2, 1, 0]);
  });

  it('counts by key, most first', () => {
    expect(countBy(['b', 'a', 'b'], (x) => x)).toEqual([{ key: 'b', count: 2 }, { key: 'a', count: 1 }]);
  });
});
