import { describe, expect, test } from 'vitest';
import { toWgs84 } from '@citygrid/core';
import { build, buildWithGrids, FIXTURE_PATH, fixtureReports, loadBoundaries, loadFixture, sharedApp } from '../helper.ts';

const good = { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Read as WGS84 this lies in A2 (SE); read as GCJ-02 it is ~450 m west and ~230 m north of
// that in WGS84, in B1 (NW), 200 m and 70 m from its nearest edges.
const MARS = { lon: 109.012, lat: 32.6885 };

describe('POST /api/reports', () => {
  // Only for requests that must be refused: it must stay empty.
  const refusing = sharedApp((app) => loadFixture(app, false));

  test('routes each report of a batch to the grid the fixture expects, borders by the east-then-north rule', async (t) => {
    const app = await buildWithGrids(t);
    const { inputs, expected } = fixtureReports();
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: inputs });
    expect(res.statusCode).toBe(201);
    const got = res.json().reports as { id: string; grid_id: string | null; match: string }[];
    // r5 on the A1|A2 edge → A2 (east); r6 on the shared vertex → B2 (north-east); r7 on A2|B2 → B2.
    expect(got.map((r) => [r.id, r.grid_id, r.match])).toEqual(expected.map((r) => [r.id, r.expect, r.match]));
  });

  test('answers each report with its path, town then district, from the loaded boundaries', async (t) => {
    const app = await buildWithGrids(t);
    await loadBoundaries(app);
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
    const got = res.json().reports as { id: string; grid_id: string | null; path: unknown[] }[];
    for (const r of got) expect(r.path).toEqual(r.grid_id === null ? [] : FIXTURE_PATH);
  });

  test('converts a gcj02 report to WGS84, routes and stores it there', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...good, ...MARS, id: 'mars', crs: 'gcj02' },
        { ...good, ...MARS, id: 'gps' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().reports.map((r: { grid_id: string }) => r.grid_id)).toEqual(['B1', 'A2']);
    const stored = (await app.inject('/api/reports?grid=B1')).json().reports;
    const [lon, lat] = toWgs84(MARS.lon, MARS.lat, 'gcj02');
    expect(stored).toEqual([expect.objectContaining({ id: 'mars', lon, lat })]);
    expect(stored[0]).not.toHaveProperty('crs');
  });

  test('reads crs in the spellings parsePointCrs accepts', async (t) => {
    const app = await buildWithGrids(t);
    const spellings = ['GCJ-02', 'Gaode', '高德', 'wgs84', 'EPSG:4490', 'CGCS2000'];
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: spellings.map((crs) => ({ ...good, ...MARS, crs })) });
    expect(res.statusCode).toBe(201);
    expect(res.json().reports.map((r: { grid_id: string }) => r.grid_id)).toEqual(['B1', 'B1', 'B1', 'A2', 'A2', 'A2']);
  });

  test('a gcj02 retry is idempotent; the same numbers as WGS84 are different content (409)', async (t) => {
    const app = await buildWithGrids(t);
    const item = { ...good, ...MARS, id: 'mars', crs: 'gcj02' };
    const first = await app.inject({ method: 'POST', url: '/api/reports', payload: item });
    const again = await app.inject({ method: 'POST', url: '/api/reports', payload: item });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const asGps = await app.inject({ method: 'POST', url: '/api/reports', payload: { ...item, crs: undefined } });
    expect(asGps.statusCode).toBe(409);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(1);
  });

  test('accepts a single object and generates a UUID and created_at when absent', async (t) => {
    const app = await buildWithGrids(t);
    const before = Date.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { lon: 109.015, lat: 32.695, category: '09006', source: 'wechat' },
    });
    expect(res.statusCode).toBe(201);
    const [routed] = res.json().reports;
    expect(routed).toMatchObject({ id: expect.stringMatching(UUID), grid_id: 'B2' });
    const [stored] = (await app.inject('/api/reports')).json().reports;
    expect(Date.parse(stored.created_at)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(stored.created_at)).toBeLessThanOrEqual(Date.now());
  });

  test('stores reports with grid_id null when no grids are loaded', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: { ...good, id: 'x' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ reports: [{ id: 'x', grid_id: null, version: null, match: 'outside', path: [] }] });
  });

  test('converts created_at with a zone offset to UTC', async (t) => {
    const app = await build(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: { ...good, id: 'tz' } });
    expect((await app.inject('/api/reports')).json().reports[0].created_at).toBe('2024-05-01T00:00:00.000Z');
  });

  test.for([
    ['lon as a string', { ...good, lon: '109.005' }, 400, 'CG_ERR_VALIDATION', 'body/0/lon must be number'],
    ['lat missing', { lon: 109, category: '06010', source: 'app' }, 400, 'CG_ERR_VALIDATION', 'body/0/lat is required'],
    ['swapped lon/lat', { ...good, lon: 32.685, lat: 109.005 }, 400, 'CG_ERR_COORD_SWAPPED', 'look like [lat, lon]'],
    ['lat out of range', { ...good, lon: 150, lat: 120 }, 400, 'CG_ERR_COORD_OUT_OF_RANGE', 'body/0'],
    ['projected metres', { ...good, lon: 500000, lat: 3600000 }, 400, 'CG_ERR_COORD_OUT_OF_RANGE', 'outside'],
    ['unknown category', { ...good, category: '99999' }, 422, 'CG_ERR_UNKNOWN_CATEGORY', 'body/0/category: unknown category "99999"'],
    ['unknown source', { ...good, source: 'fax' }, 400, 'CG_ERR_VALIDATION', 'body/0/source must be one of'],
    ['created_at not ISO 8601', { ...good, created_at: '05/01/2024' }, 400, 'CG_ERR_VALIDATION', 'body/0/created_at must be an ISO 8601'],
    ['impossible date', { ...good, created_at: '2024-02-30' }, 400, 'CG_ERR_VALIDATION', 'body/0/created_at'],
    ['empty id', { ...good, id: '' }, 400, 'CG_ERR_VALIDATION', 'body/0/id'],
    ['an unknown crs', { ...good, crs: 'EPSG:3857' }, 400, 'CG_ERR_CRS_UNKNOWN', 'body/0/crs: coordinate system "EPSG:3857"'],
    ['crs as a number', { ...good, crs: 4326 }, 400, 'CG_ERR_VALIDATION', 'body/0/crs must be string'],
    [
      'swapped lon/lat in gcj02 (checked as given)',
      { ...good, crs: 'gcj02', lon: 32.685, lat: 109.005 },
      400,
      'CG_ERR_COORD_SWAPPED',
      'body/0',
    ],
  ] as const)('refuses %s', async ([, item, status, code, text]) => {
    const app = refusing();
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: [item] });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body).toMatchObject({ error: code, fix: expect.any(String) });
    expect(body.problems[0]).toMatchObject({ code, index: 0, message: expect.stringContaining(text), fix: expect.any(String) });
    expect(body).not.toHaveProperty('stack');
    expect((await app.inject('/health?detail=1')).json().reports).toBe(0);
  });

  test('a batch with one bad item stores nothing and names that item', async (t) => {
    const app = await buildWithGrids(t);
    const { inputs } = fixtureReports();
    inputs[5] = { ...inputs[5], lon: inputs[5].lat, lat: inputs[5].lon };
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: inputs });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      expect.objectContaining({ code: 'CG_ERR_COORD_SWAPPED', index: 5, id: 'r6', message: expect.stringContaining('body/5') }),
    ]);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(0);
  });

  test('lists every bad item, with 400 when anything besides a category is wrong', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [{ ...good, category: 'nope' }, good, { ...good, lat: 95, lon: 10 }, { ...good, source: '' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems.map((p: { code: string; index: number }) => [p.code, p.index])).toEqual([
      ['CG_ERR_COORD_SWAPPED', 2],
      ['CG_ERR_VALIDATION', 3],
      ['CG_ERR_UNKNOWN_CATEGORY', 0],
    ]);
  });

  test('lists schema errors of every item, not only the first', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [good, { ...good, lon: null }, { ...good, lat: 'north', id: 'n' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([
      expect.objectContaining({ index: 1, message: 'body/1/lon must be number' }),
      expect.objectContaining({ index: 2, id: 'n', message: 'body/2/lat must be number' }),
    ]);
  });

  test('repeating a report with the same id and content returns the stored result without duplicating', async (t) => {
    const app = await buildWithGrids(t);
    const first = await app.inject({ method: 'POST', url: '/api/reports', payload: { ...good, id: 'same' } });
    const again = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...good, id: 'same' },
        { ...good, id: 'new' },
      ],
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().reports).toEqual([
      { id: 'same', grid_id: 'A1', version: 1, match: 'inside', path: [{ id: 'T1', name: 'T1', level: 2 }] },
      { id: 'new', grid_id: 'A1', version: 1, match: 'inside', path: [{ id: 'T1', name: 'T1', level: 2 }] },
    ]);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(2);
  });

  test('a retry without created_at is still idempotent', async (t) => {
    const app = await build(t);
    const item = { lon: 109, lat: 32, category: '06010', source: 'app', id: 'retry' };
    await app.inject({ method: 'POST', url: '/api/reports', payload: item });
    await new Promise((r) => setTimeout(r, 5));
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: item })).statusCode).toBe(201);
  });

  test('the same id with different content is 409 and stores nothing from the batch', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: { ...good, id: 'dup' } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...good, id: 'other' },
        { ...good, id: 'dup', category: '09006' },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_DUPLICATE_REPORT',
      problems: [{ code: 'CG_ERR_DUPLICATE_REPORT', index: 1, id: 'dup' }],
    });
    expect((await app.inject('/health?detail=1')).json().reports).toBe(1);
  });

  test('an id repeated inside one batch with different content is 409', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...good, id: 'twice' },
        { ...good, id: 'twice', lon: 109.1 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(0);
  });

  test('an id repeated inside one batch with the same content is stored once', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...good, id: 'twice' },
        { ...good, id: 'twice' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().reports).toHaveLength(2);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(1);
  });

  test('refuses more than 10,000 items', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: Array.from({ length: 10_001 }, () => good) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('10000');
  });

  test('accepts 10,000 items in one request', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: Array.from({ length: 10_000 }, () => ({ ...good, created_at: undefined })),
    });
    expect(res.statusCode).toBe(201);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(10_000);
  });

  test('refuses a payload over the body limit with 413 from the catalogue', async (t) => {
    const app = await build(t);
    const payload = JSON.stringify({ ...good, padding: 'x'.repeat(5 * 1024 * 1024) });
    const res = await app.inject({ method: 'POST', url: '/api/reports', headers: { 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_PAYLOAD_TOO_LARGE',
      fix: 'send fewer items per request',
      message: expect.stringContaining(String(4 * 1024 * 1024)),
    });
  });

  test('refuses malformed JSON with 400 CG_ERR_NOT_JSON', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': 'application/json' },
      payload: '[{"lon": 109,',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_JSON', problems: [{ code: 'CG_ERR_NOT_JSON' }] });
  });

  test('refuses an empty JSON body with 400 CG_ERR_NOT_JSON', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/reports', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_JSON', message: 'not valid JSON: the body is empty' });
  });

  test('refuses a non-JSON content type with 415', async (t) => {
    const app = await build(t);
    const res = await app.inject({ method: 'POST', url: '/api/reports', headers: { 'content-type': 'text/plain' }, payload: 'lon=109' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toBe('CG_ERR_UNSUPPORTED_MEDIA');
  });

  test('refuses prototype poisoning without a stack trace', async (t) => {
    const app = await build(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"x": 1}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('CG_ERR_NOT_JSON');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  test('concurrent batches are each stored whole', async (t) => {
    const app = await buildWithGrids(t);
    const batch = (n: number) => Array.from({ length: 50 }, (_, i) => ({ ...good, id: `b${n}-${i}` }));
    // Batch 3 clashes with batch 0 on one id: it must fail whole while the others land whole.
    const bad = [...batch(3).slice(1), { ...good, id: 'b0-7', category: '09006' }];
    const results = await Promise.all(
      [batch(0), batch(1), batch(2), bad].map((payload) => app.inject({ method: 'POST', url: '/api/reports', payload })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses[3]).toBe(409);
    expect((await app.inject('/health?detail=1')).json().reports).toBe(150);
  });
});
