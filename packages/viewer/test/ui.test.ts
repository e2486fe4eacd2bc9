import { describe, expect, it } from 'vitest';
import { categoryOptions, defaultDateRange, readFilter } from '../src/ui/filters.ts';
import { formatDensity, topGrids } from '../src/ui/panel.ts';
import { cssColor } from '../src/ui/legend.ts';
import { gridTooltipText } from '../src/ui/tooltip.ts';
import { BASE_STYLE } from '../src/base-style.ts';
import { ReadyFlag } from '../src/ready.ts';
import { GRIDS, stat } from './layers/fixtures.ts';

describe('filters', () => {
  it('offers 全部 then every category as 名称（代码）', () => {
    const opts = categoryOptions({ categories: [{ code: '06010', name: '暴露垃圾', en: 'Exposed rubbish', count: 3 }] });
    expect(opts).toEqual([
      { value: '', label: '全部' },
      { value: '06010', label: '暴露垃圾（06010）' },
    ]);
  });
  it('defaults the dates to the data range, in China Standard Time', () => {
    expect(defaultDateRange({ time: { min: '2024-01-01T03:00:00.000Z', max: '2024-06-30T20:00:00.000Z' } })).toEqual({
      from: '2024-01-01',
      to: '2024-07-01',
    });
    expect(defaultDateRange({ time: null })).toEqual({ from: '', to: '' });
  });
  it('reads the controls into a filter, swapping a reversed range', () => {
    expect(readFilter('', '2024-01-01', '2024-02-01')).toEqual({ categories: [], from: '2024-01-01', to: '2024-02-01' });
    expect(readFilter('06010', '2024-02-01', '2024-01-01')).toEqual({ categories: ['06010'], from: '2024-01-01', to: '2024-02-01' });
  });
});

describe('panel', () => {
  it('ranks grids by count, then density, leaving out empty ones', () => {
    const stats = { total: 20, outside: 1, grids: [stat('A', 5), stat('B', 9, 3), stat('C', 0), stat('D', 9, 4)] };
    expect(topGrids(stats).map((g) => g.id)).toEqual(['D', 'B', 'A']);
    expect(topGrids(stats, 1).map((g) => g.id)).toEqual(['D']);
  });
  it('formats densities: one decimal under 10, integers above', () => {
    expect([formatDensity(3.24), formatDensity(12.6), formatDensity(1234.4)]).toEqual(['3.2', '13', '1234']);
  });
  it('writes the tooltip in Chinese with count, density and area', () => {
    expect(gridTooltipText(GRIDS.features[0], stat('A', 12))).toBe('新城一网格\n编号 A\n上报 12 件 · 12 件/平方公里\n面积 1.00 平方公里');
  });
  it('turns deck colours into CSS', () => {
    expect(cssColor([255, 0, 0, 51])).toBe('rgba(255, 0, 0, 0.2)');
  });
});

describe('BASE_STYLE', () => {
  it('asks no server for anything: no glyphs, sprite or sources', () => {
    expect(BASE_STYLE.glyphs).toBeUndefined();
    expect(BASE_STYLE.sprite).toBeUndefined();
    expect(BASE_STYLE.sources).toEqual({});
    expect(BASE_STYLE.layers.map((l) => l.type)).toEqual(['background']);
  });
});

describe('ReadyFlag', () => {
  it('turns true only on the first frame after the current generation’s layers are set', () => {
    const el = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    const flag = new ReadyFlag(el, () => 1234.4);
    const g1 = flag.begin();
    flag.afterRender();
    expect(el.dataset.ready).toBe('false');
    const g2 = flag.begin();
    flag.layersSet(g1); // overtaken by g2: ignored
    flag.afterRender();
    expect(el.dataset.ready).toBe('false');
    expect(flag.stale(g1)).toBe(true);
    flag.layersSet(g2);
    flag.afterRender();
    expect(el.dataset.ready).toBe('true');
    expect(el.dataset.firstFrameMs).toBe('1234');
  });
});
