import { describe, expect, it } from 'vitest';
import type { StatsUnit } from '../../src/api/index.ts';
import { createApi, filterToQuery } from '../../src/api/index.ts';
import { otherLang, t } from '../../src/wall/i18n.ts';
import { livePulses, PULSE_MS } from '../../src/wall/live.ts';
import { rankRows } from '../../src/wall/ranking.ts';
import { densityByGrid, unitForGrid } from '../../src/wall/units.ts';

const unit = (id: string, rank: number, count: number, change: number | null, name = id): StatsUnit => ({
  id,
  name,
  level: 2,
  grids: 1,
  area_m2: 1e6,
  count,
  per_km2: count,
  previous: 0,
  change,
  rank,
});

describe('wall i18n', () => {
  it('speaks zh-CN and English; an unknown key shows itself', () => {
    expect(t('zh-CN', 'total')).toBe('上报总数（件）');
    expect(t('en', 'src.wechat')).toBe('WeChat');
    expect(t('en', 'nope')).toBe('nope');
    expect(otherLang('zh-CN')).toBe('en');
  });
});

describe('wall ranking', () => {
  it('keeps the first 10 units with reports in rank order, with arrows and hot flags', () => {
    const units = [unit('c', 3, 5, -0.2), unit('a', 1, 50, 0.5), unit('z', 4, 0, null), unit('b', 2, 20, null)];
    const rows = rankRows(units, 10, new Set(['a']));
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]).toMatchObject({ arrow: '▲', change: '+50%', hot: true });
    expect(rows[2]).toMatchObject({ arrow: '▼', dir: 'down', hot: false });
    expect(
      rankRows(
        Array.from({ length: 30 }, (_, i) => unit(`u${i}`, i + 1, 30 - i, 0)),
        10,
      ),
    ).toHaveLength(10);
  });
});

describe('wall level switch', () => {
  const streets = [unit('S1', 1, 10, 0, '老城街道'), unit('S2', 2, 5, 0, '新城街道')];
  it("finds a grid's street by parent, else by its town name", () => {
    const byId = new Map(streets.map((u) => [u.id, u]));
    expect(unitForGrid({ id: 'g1', level: 3, parent: 'S1', town: null }, 'street', byId)).toBe('S1');
    expect(unitForGrid({ id: 'g2', level: 4, parent: 'C9', town: '新城街道' }, 'street', byId, new Map([['新城街道', 'S2']]))).toBe('S2');
    expect(unitForGrid({ id: 'g3', level: 4, parent: 'C9', town: null }, 'street', byId)).toBeNull();
  });
  it("gives every grid its unit's density", () => {
    const m = densityByGrid(
      [
        { id: 'g1', level: 3, parent: 'S1', town: null },
        { id: 'g2', level: 3, parent: 'X', town: '新城街道' },
      ],
      'street',
      streets,
    );
    expect(m.get('g1')).toEqual({ count: 10, per_km2: 10, unit: 'S1' });
    expect(m.get('g2')?.unit).toBe('S2');
  });
});

describe('wall live pulses', () => {
  it('shows a pulse for PULSE_MS, growing and fading', () => {
    const p = [{ lon: 109, lat: 32.7, t: 1000 }];
    expect(livePulses(p, 500)).toEqual([]);
    const [props] = livePulses(p, 1000 + PULSE_MS / 2);
    expect((props.getRadius as (x: unknown) => number)(p[0])).toBe(28);
    expect(livePulses(p, 1000 + PULSE_MS)).toEqual([]);
  });
});

describe('wall api additions', () => {
  it('sends sources as source=', () => {
    expect(filterToQuery({ categories: [], from: '', to: '', sources: ['12345', 'wechat'] })).toBe('source=12345%2Cwechat');
  });
  it("asks one unit's categories with its level, bucket and China Standard Time", async () => {
    const urls: string[] = [];
    const api = createApi({ fetch: async (input) => (urls.push(String(input)), new Response('{"categories":[]}')) });
    await api.categories({ categories: ['06010'], from: '2024-03-01', to: '2024-03-31' }, 'HB-1-1', 'grid', 'day');
    const q = new URL(urls[0], 'http://x').searchParams;
    expect(new URL(urls[0], 'http://x').pathname).toBe('/api/stats/categories');
    expect(Object.fromEntries(q)).toEqual({
      category: '06010',
      from: '2024-03-01T00:00:00+08:00',
      to: '2024-04-01T00:00:00+08:00',
      unit: 'HB-1-1',
      level: 'grid',
      bucket: 'day',
      tz: '+08:00',
    });
  });
});

describe('wall bins', () => {
  it('turns the server bins into weighted points the heatmap sums', async () => {
    const { binsToPoints } = await import('../../src/api/index.ts');
    const { heatmapProps } = await import('../../src/layers/heatmap/props.ts');
    const pts = binsToPoints({ bins: 2, count: [5, 1], lon: [109, 109.1], lat: [32.7, 32.8] });
    expect([...pts.positions]).toEqual([109, 32.70000076293945, 109.0999984741211, 32.79999923706055]);
    expect([...pts.weights!]).toEqual([5, 1]);
    expect(heatmapProps(pts).data.attributes.getWeight?.value).toBe(pts.weights);
    expect(() => binsToPoints({ bins: 2, count: [1], lon: [1, 2], lat: [1, 2] })).toThrow(/expected 2 bins/);
  });
});
