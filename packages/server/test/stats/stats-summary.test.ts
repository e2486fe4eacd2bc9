import { describe, expect, test } from 'vitest';
import { parseGrids } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import type { Stats } from '../../src/stats/stats-schemas.ts';
import { build, fixture, fixtureReports, loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

// The answer's type comes from its schema, the one source of validation and documentation.
const byId = (s: Stats) => Object.fromEntries(s.units.map((u) => [u.id, u]));

// The 2×2 fixture: A1 r1 r2, A2 r3 r5, B1 r4, B2 r6 r7, outside r8; one report a day from
// 2024-05-01T00:00Z (r1) to 2024-05-08T15:00Z (r8).
describe('GET /api/stats', () => {
  const app = sharedApp(async (a) => {
    await loadFixture(a);
    await loadBoundaries(a);
  });
  const get = async (query: string) => {
    const res = await app().inject(`/api/stats?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Stats>();
  };

  test('counts every grid over the span of the stored reports by default, outside reports apart', async () => {
    const s = await get('');
    expect(s.level).toBe('grid');
    expect(s.window).toEqual({ from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T15:00:00.001Z' });
    expect([s.total, s.outside, s.previous_total, s.change]).toEqual([8, 1, 0, null]);
    const u = byId(s);
    expect(Object.fromEntries(Object.entries(u).map(([id, x]) => [id, x.count]))).toEqual({ A1: 2, A2: 2, B1: 1, B2: 2 });
    for (const x of s.units) expect(x.per_km2).toBeCloseTo(x.count / (x.area_m2 / 1e6), 12);
  });

  test('ranks by density, equal densities sharing a rank, and lists units in rank order', async () => {
    const s = await get('');
    const u = byId(s);
    // B1, B2 lie north of A1, A2: their 0.01° squares are slightly smaller, so B2's 2 reports are the densest.
    expect(u.B2.rank).toBe(1);
    expect(u.B1.rank).toBe(4);
    expect(u.A1.per_km2 === u.A2.per_km2 ? [u.A1.rank, u.A2.rank] : [2, 2]).toEqual([2, 2]);
    expect(s.units.map((x) => x.rank)).toEqual([...s.units.map((x) => x.rank)].sort((a, b) => a - b));
  });

  test('compares with the previous window of the same length: change = (count − previous) / previous', async () => {
    const s = await get('from=2024-05-05&to=2024-05-09');
    expect(s.previous).toEqual({ from: '2024-05-01T00:00:00.000Z', to: '2024-05-05T00:00:00.000Z' });
    expect([s.total, s.outside, s.previous_total, s.change]).toEqual([4, 1, 4, 0]);
    const u = byId(s);
    expect([u.A1.count, u.A1.previous, u.A1.change]).toEqual([0, 2, -1]);
    expect([u.A2.count, u.A2.previous, u.A2.change]).toEqual([1, 1, 0]);
    expect([u.B2.count, u.B2.previous, u.B2.change]).toEqual([2, 0, null]); // nothing to compare with
  });

  test('filters by category and source', async () => {
    const s = await get('category=06010&source=12345');
    expect([s.total, s.outside]).toEqual([3, 1]); // r1 (A1), r5 (A2), r8 (outside)
    expect(byId(s).A2.count).toBe(1);
  });

  test.for([
    ['day in UTC', 'bucket=day&tz=Z', 8, [1, 1, 1, 1, 1, 1, 1, 1], '2024-05-01T00:00:00+00:00'],
    ['day in China Standard Time (the default)', 'bucket=day', 8, [1, 1, 1, 1, 1, 1, 1, 1], '2024-05-01T00:00:00+08:00'],
    ['ISO week (Monday)', 'bucket=week&tz=Z', 2, [5, 3], '2024-04-29T00:00:00+00:00'],
    ['month', 'bucket=month', 1, [8], '2024-05-01T00:00:00+08:00'],
  ] as const)('series by %s', async ([, query, buckets, total, first]) => {
    const s = await get(query);
    expect(s.series!.starts).toHaveLength(buckets);
    expect(s.series!.starts[0]).toBe(first);
    expect(s.series!.total).toEqual(total);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const u of s.units) expect(sum(u.series!)).toBe(u.count);
  });

  test("a unit's series places each report on its local day", async () => {
    const s = await get('bucket=day&tz=Z');
    expect(byId(s).A1.series).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(byId(s).B2.series).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
  });

  test('level=street: the grids of each town as one unit, its area the sum of theirs', async () => {
    const s = await get('level=street');
    expect(s.units).toHaveLength(1);
    const grids = (await get('')).units;
    expect(s.units[0]).toMatchObject({ id: 'T1', name: '示例街道', level: 2, grids: 4, count: 7, rank: 1 });
    expect(s.units[0].area_m2).toBeCloseTo(
      grids.reduce((a, g) => a + g.area_m2, 0),
      6,
    );
  });

  test('level=community: a level-3 grid is its own community (一村一格)', async () => {
    const s = await get('level=community');
    expect(s.units.map((u) => [u.id, u.level, u.grids]).sort()).toEqual([
      ['A1', 3, 1],
      ['A2', 3, 1],
      ['B1', 3, 1],
      ['B2', 3, 1],
    ]);
  });

  test.for([
    ['to before from', 'from=2024-05-05&to=2024-05-01', 'querystring/to'],
    ['more than 1000 buckets even by month', 'from=1900-01-01&to=2024-01-01&bucket=day', 'querystring/bucket'],
    ['a bad offset', 'tz=CST', 'querystring/tz'],
    ['a bad level', 'level=district', 'querystring/level'],
    ['a bad date', 'from=yesterday', 'querystring/from'],
  ] as const)('refuses %s with 400 naming the parameter', async ([, query, name]) => {
    const res = await app().inject(`/api/stats?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(name);
  });
});

describe('GET /api/stats with unit grids under communities', () => {
  test('level=community groups level-4 grids by their parent community; level=street by its town', async (t) => {
    const app = await build(t);
    const fc = fixture<FeatureCollection>('grid-2x2/grids.geojson');
    for (const f of fc.features) Object.assign(f.properties!, { level: 4, parent: f.properties!.id.startsWith('A') ? 'C1' : 'C2' });
    const parsed = parseGrids(fc);
    if (!parsed.ok) throw new Error('fixture does not parse');
    await app.store.replaceGrids(parsed.gridSet);
    const outlines = fixture<FeatureCollection>('grid-2x2/boundaries.geojson');
    const half = (id: string, y0: number, y1: number) => ({
      type: 'Feature' as const,
      properties: { id, name: `社区${id}`, level: 3, parent: 'T1' },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [109.0, y0],
            [109.02, y0],
            [109.02, y1],
            [109.0, y1],
            [109.0, y0],
          ],
        ],
      },
    });
    outlines.features.push(half('C1', 32.68, 32.69), half('C2', 32.69, 32.7));
    await app.store.replaceBoundaries(outlines);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const community = (await app.inject('/api/stats?level=community')).json<Stats>();
    expect(Object.fromEntries(community.units.map((u) => [u.id, [u.name, u.level, u.grids, u.count]]))).toEqual({
      C1: ['社区C1', 3, 2, 4],
      C2: ['社区C2', 3, 2, 3],
    });
    const street = (await app.inject('/api/stats?level=street')).json<Stats>();
    expect(street.units.map((u) => [u.id, u.grids, u.count])).toEqual([['T1', 4, 7]]);
    const reports = (await app.inject('/api/reports?level=community&grid=C2')).json();
    expect(reports.reports.map((r: { id: string }) => r.id)).toEqual(['r4', 'r6', 'r7']);
  });

  test('without boundaries a grid with an unknown parent is grouped under that parent, named by its id', async (t) => {
    const app = await build(t);
    await loadFixture(app);
    const s = (await app.inject('/api/stats?level=street')).json<Stats>();
    expect(s.units.map((u) => [u.id, u.name, u.level, u.grids])).toEqual([['T1', 'T1', 2, 4]]);
  });

  test('before any grids every report is outside and there are no units', async (t) => {
    const app = await build(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const s = (await app.inject('/api/stats')).json<Stats>();
    expect([s.version, s.total, s.outside, s.units.length]).toEqual([null, 8, 8, 0]);
  });

  test('with no reports at all the window is null and every count 0', async (t) => {
    const app = await build(t);
    await loadFixture(app, false);
    const s = (await app.inject('/api/stats?bucket=day')).json<Stats>();
    expect([s.window, s.total, s.series]).toEqual([null, 0, null]);
    expect(s.units.every((u) => u.count === 0)).toBe(true);
  });
});

describe('statistics caching', () => {
  test('answers 304 to a matching If-None-Match, and a new ETag once a report arrives', async (t) => {
    const app = await build(t);
    await loadFixture(app);
    for (const url of ['/api/stats?bucket=day', '/api/stats/bins?zoom=12', '/api/stats/hotspots']) {
      const first = await app.inject(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/"[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const again = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const other = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}category=06010`, headers: { 'if-none-match': etag } });
      expect(other.statusCode).toBe(200); // another query, another tag
    }
    const etag = (await app.inject('/api/stats')).headers.etag as string;
    await app.inject({ method: 'POST', url: '/api/reports', payload: { lon: 109.005, lat: 32.685, category: '06010', source: 'app' } });
    const after = await app.inject({ url: '/api/stats', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().total).toBe(9);
  });

  test('a publish changes the ETag even though no report was added', async (t) => {
    const app = await build(t);
    await loadFixture(app);
    const etag = (await app.inject('/api/stats')).headers.etag as string;
    await app.inject({ method: 'POST', url: '/api/grids?publish=true', payload: fixture('grid-2x2/grids-moved.geojson') });
    const after = await app.inject({ url: '/api/stats', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().version).toBe(2);
  });
});
