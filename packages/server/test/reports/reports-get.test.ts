import { describe, expect, test } from 'vitest';
import { buildWithGrids, loadFixture, sharedApp } from '../helper.ts';

const ids = (body: { reports: { id: string }[] }) => body.reports.map((r) => r.id);

describe('GET /api/reports', () => {
  const app = sharedApp(loadFixture);

  test('lists reports ordered by created_at with their stored fields', async () => {
    const res = await app().inject('/api/reports');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(ids(body)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    expect(body.next).toBeNull();
    expect(body.reports[0]).toEqual({
      id: 'r1',
      lon: 109.005,
      lat: 32.685,
      category: '06010',
      source: '12345',
      created_at: '2024-05-01T00:00:00.000Z',
      grid_id: 'A1',
      routed_version: 1,
      routed_grid_id: 'A1',
      // What it carries and who owns it by the shipped profile's dispatch (06 市容环境类 → 城管局).
      description: null,
      address: null,
      attributes: null,
      department: 'cgj',
      owner_level: 'district',
      dispatch_rule: '/dispatch/4',
      category_known: true,
    });
  });

  test('pages with a keyset cursor: every report once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/reports?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = (await app().inject(url)).json();
      seen.push(...ids(body));
      cursor = body.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
  });

  test('orders reports with the same created_at by id across pages', async (t) => {
    const app = await buildWithGrids(t); // its own app: it adds reports
    const created_at = '2024-06-01T00:00:00Z';
    const payload = ['c', 'a', 'd', 'b'].map((id) => ({ id, lon: 109.005, lat: 32.685, category: '06010', source: 'app', created_at }));
    await app.inject({ method: 'POST', url: '/api/reports', payload });
    const first = (await app.inject('/api/reports?limit=2')).json();
    const second = (await app.inject(`/api/reports?limit=2&cursor=${first.next}`)).json();
    expect([...ids(first), ...ids(second)]).toEqual(['a', 'b', 'c', 'd']);
    expect(second.next).toBeNull();
  });

  test.for([
    ['bbox', 'bbox=109.0,32.68,109.009,32.689', ['r1', 'r2']],
    ['bbox edges included', 'bbox=109.01,32.69,109.01,32.69', ['r6']],
    ['from inclusive, to exclusive', 'from=2024-05-03T10:00:00Z&to=2024-05-05T12:00:00Z', ['r3', 'r4']],
    ['dates as days', 'from=2024-05-07&to=2024-05-08', ['r7']],
    ['a zone offset', 'to=2024-05-02T17:00:00%2B08:00', ['r1']],
    ['one category', 'category=09006', ['r2', 'r6']],
    ['several categories', 'category=09006,07001', ['r2', 'r4', 'r6']],
    ['grid', 'grid=A2', ['r3', 'r5']],
    ['combined filters', 'grid=B2&category=06010', ['r7']],
  ] as const)('filters by %s', async ([, query, expected]) => {
    const res = await app().inject(`/api/reports?${query}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res.json())).toEqual(expected);
  });

  test.for([
    ['bbox with three numbers', 'bbox=1,2,3', 'querystring/bbox'],
    ['bbox with text', 'bbox=a,b,c,d', 'querystring/bbox'],
    ['bbox with min after max', 'bbox=110,32,109,33', 'querystring/bbox'],
    ['bbox outside degrees', 'bbox=500000,3600000,510000,3610000', 'querystring/bbox'],
    ['from not a date', 'from=yesterday', 'querystring/from'],
    ['to not a date', 'to=2024-13-01', 'querystring/to'],
    ['limit over 1000', 'limit=1001', 'querystring/limit'],
    ['limit not a number', 'limit=many', 'querystring/limit'],
    ['a forged cursor', 'cursor=bm9wZQ', 'querystring/cursor'],
  ] as const)('refuses %s with 400 naming the parameter', async ([, query, name]) => {
    const res = await app().inject(`/api/reports?${query}`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('CG_ERR_VALIDATION');
    expect(body.message).toContain(name);
  });
});
