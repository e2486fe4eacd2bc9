import { describe, expect, it } from 'vitest';
import { createApi, decodePoints, filterToQuery, isoToCstDate, type Filter } from '../../src/api/index.ts';

describe('filterToQuery', () => {
  const cases: [Filter, Record<string, string>, string][] = [
    [{ categories: [], from: '', to: '' }, {}, 'an empty filter asks for everything'],
    [{ categories: ['06010'], from: '', to: '' }, { category: '06010' }, 'one category'],
    [{ categories: ['06010', '09006'], from: '', to: '' }, { category: '06010,09006' }, 'several categories, comma-separated'],
    [
      { categories: [], from: '2024-03-01', to: '2024-03-31' },
      { from: '2024-03-01T00:00:00+08:00', to: '2024-04-01T00:00:00+08:00' },
      'the last day is included: to = start of the next day (the API is exclusive)',
    ],
    [{ categories: [], from: '', to: '2024-12-31' }, { to: '2025-01-01T00:00:00+08:00' }, 'across a year end'],
    [{ categories: [], from: '', to: '2024-02-28' }, { to: '2024-02-29T00:00:00+08:00' }, 'leap day'],
  ];
  it.each(cases)('%j → %j (%s)', (filter, expected) => {
    expect(Object.fromEntries(new URLSearchParams(filterToQuery(filter)))).toEqual(expected);
  });
  it('encodes the + of the zone (a bare + would read as a space)', () => {
    expect(filterToQuery({ categories: [], from: '2024-03-01', to: '' })).toBe('from=2024-03-01T00%3A00%3A00%2B08%3A00');
  });
  it('throws on a date that is not YYYY-MM-DD', () => {
    expect(() => filterToQuery({ categories: [], from: '03/01/2024', to: '' })).toThrow(/expected a date like 2024-03-01/);
  });
});

describe('isoToCstDate', () => {
  it('gives the calendar day in China Standard Time', () => {
    expect(isoToCstDate('2024-03-31T15:59:59Z')).toBe('2024-03-31');
    expect(isoToCstDate('2024-03-31T16:00:00Z')).toBe('2024-04-01');
    expect(isoToCstDate('2024-04-01T00:30:00+08:00')).toBe('2024-04-01');
  });
});

describe('decodePoints', () => {
  it('wraps the body without copying and checks the count header', () => {
    const body = new Float32Array([109.01, 32.7, 109.02, 32.71]).buffer;
    const p = decodePoints(body, '2');
    expect(p.count).toBe(2);
    expect(p.positions.buffer).toBe(body);
    expect(() => decodePoints(body, '3')).toThrow(/says 3 reports, body holds 2/);
    expect(() => decodePoints(new ArrayBuffer(12), null)).toThrow(/multiple of 8 bytes/);
  });
});

describe('createApi', () => {
  it('asks the page origin only, with the filter as query', async () => {
    const urls: string[] = [];
    const body = new Float32Array([109, 32.7]).buffer;
    const api = createApi({
      fetch: async (input) => {
        urls.push(String(input));
        return String(input).startsWith('/api/reports/points')
          ? new Response(body, { headers: { 'x-citygrid-count': '1' } })
          : Response.json({ total: 0, outside: 0, grids: [] });
      },
    });
    const filter = { categories: ['06010'], from: '', to: '' };
    await api.stats(filter);
    const points = await api.points(filter);
    await api.meta();
    expect(points.count).toBe(1);
    expect(urls).toEqual(['/api/stats/grids?category=06010', '/api/reports/points?category=06010', '/api/meta']);
  });
  it('reports the status and body of a failed request', async () => {
    const api = createApi({ fetch: async () => new Response('{"code":"CG_ERR_X"}', { status: 400 }) });
    await expect(api.grids()).rejects.toThrow(/GET \/api\/grids: HTTP 400 \{"code":"CG_ERR_X"\}/);
  });
});
