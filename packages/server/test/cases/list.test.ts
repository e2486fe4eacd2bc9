import { describe, expect, test } from 'vitest';
import { as, caseApp, openOne, REPORT } from './helpers.ts';

type Served = { id: string; overdue: boolean; due_at: string | null; time_left_ms: number | null; stage: string };

const stale = (id: string, at: string, department = 'cgj') => ({
  opening: { id, at, category: '06010', grid_id: 'A1', department },
  events: [],
});
const closed = {
  opening: { id: 'done', at: '2025-01-06T01:00:00Z', category: '06010', grid_id: 'A1' },
  events: [
    { action: 'accept', at: '2025-01-06T01:05:00Z', actor: { role: 'operator' } },
    { action: 'reject', at: '2025-01-06T01:10:00Z', actor: { role: 'supervisor' }, note: '重复' },
  ],
};

async function seeded(t: Parameters<typeof caseApp>[0]) {
  const { app, keys } = await caseApp(t);
  const body = [
    stale('old-2', '2025-03-04T01:00:00Z', 'gajj'),
    closed,
    stale('old-1', '2025-03-03T01:00:00Z'),
    stale('old-3', '2025-03-05T01:00:00Z'),
  ]
    .map((l) => JSON.stringify(l))
    .join('\n');
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases/import',
    headers: { ...as(keys.admin), 'content-type': 'application/x-ndjson' },
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const fresh = [await openOne(app, keys.operator), await openOne(app, keys.operator, { ...REPORT, lon: 109.015 })];
  return { app, keys, fresh };
}

describe('GET /api/cases', () => {
  test('overdue first (most overdue first), then by due time, cases without one last; paged by cursor', async (t) => {
    const { app, keys, fresh } = await seeded(t);
    const seen: Served[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.inject({ url: `/api/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: as(keys.viewer) });
      expect(res.statusCode).toBe(200);
      const page: { cases: Served[]; next: string | null } = res.json();
      expect(page.cases.length).toBeLessThanOrEqual(2);
      seen.push(...page.cases);
      cursor = page.next;
    } while (cursor);
    expect(seen.map((c) => c.id).slice(0, 3)).toEqual(['old-1', 'old-2', 'old-3']);
    expect(
      seen
        .slice(3, 5)
        .map((c) => c.id)
        .sort(),
    ).toEqual(fresh.map((c) => c.id).sort());
    expect(seen[5].id).toBe('done');
    expect(seen.map((c) => c.overdue)).toEqual([true, true, true, false, false, false]);
    expect(seen[0].time_left_ms).toBeLessThan(0);
    expect(seen[3].time_left_ms).toBeGreaterThan(0);
    expect(Date.parse(seen[3].due_at!)).toBeLessThanOrEqual(Date.parse(seen[4].due_at!));
    expect(seen[5]).toMatchObject({ stage: 'rejected', due_at: null, time_left_ms: null });
  });

  test.for([
    ['overdue=true', ['old-1', 'old-2', 'old-3']],
    ['overdue=true&department=cgj', ['old-1', 'old-3']],
    ['stage=rejected', ['done']],
    ['stage=reported&from=2025-03-04&to=2025-03-05', ['old-2']],
    ['grid=B2', []],
    ['level=city', []],
  ] as const)('?%s filters', async ([query, ids], t) => {
    const { app, keys } = await seeded(t);
    const res = await app.inject({ url: `/api/cases?${query}`, headers: as(keys.viewer) });
    expect(res.json().cases.map((c: Served) => c.id)).toEqual(ids);
  });

  test('a bad cursor or time is 400 naming the parameter', async (t) => {
    const { app, keys } = await caseApp(t);
    expect((await app.inject({ url: '/api/cases?cursor=abc', headers: as(keys.viewer) })).json()).toMatchObject({
      error: 'CG_ERR_VALIDATION',
      message: expect.stringContaining('querystring/cursor'),
    });
    expect((await app.inject({ url: '/api/cases?from=March', headers: as(keys.viewer) })).json()).toMatchObject({
      error: 'CG_ERR_VALIDATION',
      message: expect.stringContaining('querystring/from'),
    });
  });
});
