import { describe, expect, test } from 'vitest';
import { parseGrids } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import type { FastifyInstance } from 'fastify';
import type { CategoryStats, Stats } from '../../src/stats/stats-schemas.ts';
import { build, fixture, loadFixture, sharedApp } from '../helper.ts';

interface MonthReport {
  id: string;
  category: string;
  source: string;
  created_at: string;
}

// grids-unit.geojson: the 2×2 grids as unit grids (level 4), A1 A2 in community C1, B1 B2 in C2,
// both in street T1 (boundaries-communities.geojson). Written out here, not asked of the server,
// so the brute-force count below does not reuse the grouping it checks.
const COMMUNITY: Record<string, string> = { A1: 'C1', A2: 'C1', B1: 'C2', B2: 'C2' };
const inUnit = (level: string, unit: string | undefined, grid: string | null) =>
  unit === undefined ||
  (grid !== null && (level === 'grid' ? grid === unit : level === 'community' ? COMMUNITY[grid] === unit : unit === 'T1'));

/** Loads the unit grids, their communities and street, and the month of reports; returns the reports with the grid each was routed to. */
async function loadMonth(app: FastifyInstance): Promise<(MonthReport & { grid: string | null })[]> {
  const parsed = parseGrids(fixture<FeatureCollection>('grid-2x2/grids-unit.geojson'));
  if (!parsed.ok) throw new Error('fixture does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries-communities.geojson'));
  const { reports } = fixture<{ reports: MonthReport[] }>('grid-2x2/reports-month.json');
  const res = await app.inject({ method: 'POST', url: '/api/reports', payload: reports });
  if (res.statusCode !== 201) throw new Error(`reports refused: ${res.body}`);
  const routed = res.json<{ reports: { id: string; grid_id: string | null }[] }>().reports;
  return reports.map((r, i) => ({ ...r, grid: routed[i].grid_id }));
}

/** What the answer must be, counted report by report: per category and in total, in the window and the one before it. */
function bruteForce(reports: (MonthReport & { grid: string | null })[], params: URLSearchParams) {
  const level = params.get('level') ?? 'grid';
  const unit = params.get('unit') ?? undefined;
  const categories = params.get('category')?.split(',');
  const sources = params.get('source')?.split(',');
  const times = reports.map((r) => Date.parse(r.created_at));
  const fromMs = params.has('from') ? Date.parse(params.get('from')!) : Math.min(...times);
  const toMs = params.has('to') ? Date.parse(params.get('to')!) : Math.max(...times) + 1;
  const prevMs = fromMs - (toMs - fromMs);
  const byCode = new Map<string, { count: number; previous: number }>();
  let total = 0;
  let previousTotal = 0;
  for (const r of reports) {
    const t = Date.parse(r.created_at);
    if (!inUnit(level, unit, r.grid) || (categories && !categories.includes(r.category)) || (sources && !sources.includes(r.source)))
      continue;
    if (t < prevMs || t >= toMs) continue;
    const c = byCode.get(r.category) ?? { count: 0, previous: 0 };
    byCode.set(r.category, c);
    if (t >= fromMs) c.count++, total++;
    else c.previous++, previousTotal++;
  }
  return { total, previousTotal, byCode: Object.fromEntries(byCode) };
}

describe('GET /api/stats/categories', () => {
  let month: (MonthReport & { grid: string | null })[] = [];
  const app = sharedApp(async (a) => {
    month = await loadMonth(a);
  });
  const get = async (query: string) => {
    const res = await app().inject(`/api/stats/categories?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CategoryStats>();
  };

  test('the fixture puts reports in every unit and outside, so each unit below is a real check', () => {
    for (const grid of ['A1', 'A2', 'B1', 'B2', null]) expect(month.filter((r) => r.grid === grid).length).toBeGreaterThan(3);
  });

  const units = ['unit=A1', 'unit=B2&level=grid', 'unit=C1&level=community', 'unit=C2&level=community', 'unit=T1&level=street', ''];
  const filters = [
    '',
    'from=2024-05-16&to=2024-05-31',
    'category=06010,09009',
    'source=12345',
    'category=09006&source=app,patrol&from=2024-05-11T08:00:00%2B08:00&to=2024-05-21',
  ];
  test.for(units.flatMap((u) => filters.map((f) => [u, f] as const)))(
    '%s %s: counts equal a brute-force count over the inserted reports',
    async ([unit, filter]) => {
      const query = [unit, filter].filter(Boolean).join('&');
      const s = await get(query);
      const expected = bruteForce(month, new URLSearchParams(query));
      expect([s.total, s.previous_total]).toEqual([expected.total, expected.previousTotal]);
      expect(Object.fromEntries(s.categories.map((c) => [c.code, { count: c.count, previous: c.previous }]))).toEqual(expected.byCode);
      expect(s.change).toBe(expected.previousTotal ? (expected.total - expected.previousTotal) / expected.previousTotal : null);
      for (const c of s.categories) {
        expect(c.count + c.previous).toBeGreaterThan(0);
        expect(c.change).toBe(c.previous ? (c.count - c.previous) / c.previous : null);
      }
      const order = s.categories.map((c) => [c.count, c.previous]);
      expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || b[1] - a[1])); // most first
    },
  );

  test('names the unit counted, and null for the whole city', async () => {
    expect((await get('unit=A1')).unit).toEqual({ id: 'A1', name: '西南网格', level: 4 });
    expect((await get('unit=C2&level=community')).unit).toEqual({ id: 'C2', name: '北社区', level: 3 });
    expect((await get('unit=T1&level=street')).unit).toEqual({ id: 'T1', name: '示例街道', level: 2 });
    expect((await get('')).unit).toBeNull();
  });

  test('the whole city counts outside reports too; the street, its four grids; a community, its two', async () => {
    const city = await get('');
    expect(city.total).toBe(month.length);
    const stats = (await app().inject('/api/stats?level=community')).json<Stats>();
    expect(city.total).toBe(stats.total);
    expect((await get('unit=T1&level=street')).total).toBe(stats.total - stats.outside);
    for (const u of stats.units) expect((await get(`unit=${u.id}&level=community`)).total).toBe(u.count);
  });

  test('names each category as GET /api/meta does', async () => {
    const meta = (await app().inject('/api/meta')).json<{ categories: { code: string; name: string }[] }>();
    const names = Object.fromEntries(meta.categories.map((c) => [c.code, c.name]));
    const s = await get('');
    expect(s.categories.length).toBe(5);
    for (const c of s.categories) expect(c.name).toBe(names[c.code]);
  });

  test('gives the window and the previous one of the same length', async () => {
    const s = await get('unit=A2&from=2024-05-16&to=2024-05-31');
    expect(s.window).toEqual({ from: '2024-05-16T00:00:00.000Z', to: '2024-05-31T00:00:00.000Z' });
    expect(s.previous).toEqual({ from: '2024-05-01T00:00:00.000Z', to: '2024-05-16T00:00:00.000Z' });
  });

  test.for([
    'unit=A1&bucket=day',
    'unit=C1&level=community&bucket=week&tz=Z',
    'bucket=month&category=06010',
    'unit=T1&level=street&bucket=day&tz=-03:30&from=2024-05-10&to=2024-05-20',
  ])('%s: the series sums to the total, in the buckets GET /api/stats cuts', async (query) => {
    const s = await get(query);
    expect(s.series!.total.reduce((a, b) => a + b, 0)).toBe(s.total);
    const stats = (await app().inject(`/api/stats?${query.replace(/unit=\w+&?/, '')}`)).json<Stats>();
    expect(s.series!.starts).toEqual(stats.series!.starts);
    expect([s.bucket, s.tz]).toEqual([stats.bucket, stats.tz]);
  });

  test('without a bucket there is no series', async () => {
    expect((await get('unit=A1')).series).toBeNull();
  });

  test.for([
    ['an unknown grid', 'unit=ZZ', 'grid "ZZ"'],
    ['a grid id given as a community', 'unit=A1&level=community', 'community "A1"'],
    ['a community id given as a grid', 'unit=C1', 'grid "C1"'],
  ] as const)('answers 404 CG_ERR_NOT_FOUND for %s', async ([, query, named]) => {
    const res = await app().inject(`/api/stats/categories?${query}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_NOT_FOUND',
      message: expect.stringContaining(named),
      problems: [{ code: 'CG_ERR_NOT_FOUND' }],
    });
  });

  test.for([
    ['to before from', 'unit=A1&from=2024-05-05&to=2024-05-01', 'querystring/to'],
    ['more than 1000 buckets even by month', 'from=1900-01-01&to=2024-01-01&bucket=day', 'querystring/bucket'],
    ['a bad offset', 'tz=CST', 'querystring/tz'],
    ['a bad level', 'unit=T1&level=district', 'querystring/level'],
    ['a bad date', 'from=yesterday', 'querystring/from'],
  ] as const)('refuses %s with 400 naming the parameter', async ([, query, name]) => {
    const res = await app().inject(`/api/stats/categories?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(name);
  });
});

describe('GET /api/stats/categories on the 2×2 fixture', () => {
  test('level-3 grids are their own community: unit A1 as a grid and as a community count the same', async (t) => {
    const app = await build(t);
    await loadFixture(app);
    const grid = (await app.inject('/api/stats/categories?unit=A1')).json<CategoryStats>();
    const community = (await app.inject('/api/stats/categories?unit=A1&level=community')).json<CategoryStats>();
    expect(grid.categories).toEqual([
      { code: '06010', name: '暴露垃圾', count: 1, previous: 0, change: null },
      { code: '09006', name: '占道经营', count: 1, previous: 0, change: null },
    ]);
    expect(community.categories).toEqual(grid.categories);
    expect(community.unit).toEqual({ id: 'A1', name: '西南网格', level: 3 });
  });

  test('with no reports the window is null and there are no categories', async (t) => {
    const app = await build(t);
    await loadFixture(app, false);
    const s = (await app.inject('/api/stats/categories?unit=B1&bucket=day')).json<CategoryStats>();
    expect([s.window, s.previous, s.total, s.categories, s.series]).toEqual([null, null, 0, [], null]);
  });

  test('before any grids a unit is unknown, and the whole city still counts', async (t) => {
    const app = await build(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: { lon: 109.005, lat: 32.685, category: '06010', source: 'app' } });
    expect((await app.inject('/api/stats/categories?unit=A1')).statusCode).toBe(404);
    const s = (await app.inject('/api/stats/categories')).json<CategoryStats>();
    expect([s.version, s.total, s.categories.map((c) => c.code)]).toEqual([null, 1, ['06010']]);
  });

  test('answers 304 to a matching If-None-Match, and a new ETag once a report arrives', async (t) => {
    const app = await build(t);
    await loadFixture(app);
    const url = '/api/stats/categories?unit=A1&bucket=day';
    const first = await app.inject(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    expect((await app.inject({ url: `${url}&category=06010`, headers: { 'if-none-match': etag } })).statusCode).toBe(200); // another query, another tag
    await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { lon: 109.005, lat: 32.685, category: '06010', source: 'app', created_at: '2024-05-02T00:00:00Z' },
    });
    const after = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().total).toBe(3);
  });
});
