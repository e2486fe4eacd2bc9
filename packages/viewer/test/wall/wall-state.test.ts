import { describe, expect, it } from 'vitest';
import { controlsFilter, hotGrids, isBinned, liveReportCounts, parseDomain, playStart, withOneMore } from '../../src/wall/wall-state.ts';
import { stat } from '../layers/fixtures.ts';

const range = { from: '2024-01-01', to: '2024-06-30' };

describe('wall state', () => {
  it('turns the controls into a report filter, empty selects meaning all', () => {
    expect(controlsFilter({ category: '06010', source: 'app', window: { from: '2024-03-01', to: '' } })).toEqual({
      categories: ['06010'],
      from: '2024-03-01',
      to: '',
      sources: ['app'],
    });
    expect(controlsFilter({ category: '', source: '', window: { from: '', to: '' } })).toEqual({
      categories: [],
      from: '',
      to: '',
      sources: [],
    });
  });

  it('bins the heatmap only above the threshold of stored reports', () => {
    expect([isBinned({ reports: 300_001 }, 300_000), isBinned({ reports: 300_000 }, 300_000), isBinned(undefined, 0)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('starts playback at the data start, or resumes from a step-sized window past it', () => {
    expect(playStart(range, range, 'month')).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(playStart(range, { from: '2024-03-01', to: '2024-03-31' }, 'day')).toEqual({ from: '2024-03-01', to: '2024-03-01' });
    expect(playStart({ from: '2024-01-01', to: '2024-01-10' }, { from: '2024-01-01', to: '2024-01-10' }, 'month')).toEqual({
      from: '2024-01-01',
      to: '2024-01-10',
    });
  });

  it('counts a live report only when it matches the filter and falls in the window (China Standard Time days)', () => {
    const r = { category: '06010', source: 'app', created_at: '2024-03-31T16:30:00Z' }; // 2024-04-01 in CST
    expect(liveReportCounts(r, { categories: [], from: '', to: '' })).toBe(true);
    expect(liveReportCounts(r, { categories: [], from: '2024-03-01', to: '2024-03-31' })).toBe(false);
    expect(liveReportCounts(r, { categories: ['09006'], from: '', to: '' })).toBe(false);
    expect(liveReportCounts(r, { categories: [], from: '', to: '', sources: ['wechat'] })).toBe(false);
  });

  it('adds a live report to its grid, density following', () => {
    const s = withOneMore(stat('A', 1, 1e6));
    expect([s.count, s.per_km2]).toEqual([2, 2]);
  });

  it('marks only the hot grids, none when the hot spots failed', () => {
    const grids = [
      { id: 'A', class: 'hot' },
      { id: 'B', class: 'cold' },
    ] as NonNullable<Parameters<typeof hotGrids>[0]>['grids'];
    expect([...hotGrids({ grids })]).toEqual(['A']);
    expect(hotGrids(null).size).toBe(0);
  });

  it('reads ?heat=lo,hi only as two increasing non-negative numbers', () => {
    expect([parseDomain('0.5,40'), parseDomain('40,1'), parseDomain('x,1'), parseDomain('1'), parseDomain(null)]).toEqual([
      [0.5, 40],
      null,
      null,
      null,
      null,
    ]);
  });
});
