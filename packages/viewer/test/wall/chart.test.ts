import { describe, expect, it } from 'vitest';
import { changeText, seriesPath } from '../../src/wall/chart.ts';

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
});
