import { describe, expect, test } from 'vitest';
import { DEFAULT_PROFILE } from '@citygrid/core';
import { buildWithGrids } from '../helper.ts';

const report = { lon: 109.005, lat: 32.685, category: '06010', source: '12345' };
const year = (y: number) => `${y}-05-01T08:00:00+08:00`;

describe("a report's created_at must fall in the profile's window", () => {
  test('a typo year (2006, 9999) is 400 naming the report and the window; nothing of the batch is stored', async (t) => {
    const app = await buildWithGrids(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...report, id: 'ok', created_at: year(2024) },
        { ...report, id: 'old', created_at: year(2006) },
        { ...report, id: 'far', created_at: year(9999) },
      ],
    });
    expect(res.statusCode).toBe(400);
    const problems = res.json().problems as { id: string; index: number; message: string }[];
    expect(problems.map((p) => [p.index, p.id])).toEqual([
      [1, 'old'],
      [2, 'far'],
    ]);
    expect(problems[0].message).toMatch(/body\/1\/created_at must lie on or after 2010-01-01 .*report_times/);
    expect((await app.inject('/api/reports/ok')).statusCode).toBe(404);
  });

  test('a phone a few minutes fast is accepted; an hour fast is not', async (t) => {
    const app = await buildWithGrids(t);
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, created_at: at(5 * 60_000) } })).statusCode).toBe(
      201,
    );
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, created_at: at(3600_000) } })).statusCode).toBe(
      400,
    );
  });

  test("the profile's report_times moves the window", async (t) => {
    const app = await buildWithGrids(t);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/profile',
      payload: { ...DEFAULT_PROFILE, report_times: { since: '2000-01-01' } },
    });
    expect(put.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, created_at: year(2006) } })).statusCode).toBe(
      201,
    );
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, created_at: year(1999) } })).statusCode).toBe(
      400,
    );
  });
});

describe('one old report does not take the wall down', () => {
  test('bucket=day over 15 years answers weeks and says so; an admin deletes the report and days come back', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'PUT', url: '/api/profile', payload: { ...DEFAULT_PROFILE, report_times: { since: '2010-01-01' } } });
    const stored = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: [
        { ...report, id: 'typo', created_at: year(2011), description: 'call 13800000000' },
        { ...report, id: 'r1', created_at: year(2026) },
        { ...report, id: 'r2', created_at: '2026-05-03T08:00:00+08:00' },
      ],
    });
    expect(stored.statusCode).toBe(201);
    for (const path of ['/api/stats', '/api/stats/categories']) {
      const wide = await app.inject(`${path}?bucket=day`);
      expect(wide.statusCode).toBe(200);
      expect(wide.json()).toMatchObject({ bucket: 'week' });
    }
    const removed = await app.inject({ method: 'DELETE', url: '/api/reports/typo?reason=created_at%20typo%3A%202011%20for%202026' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      report_id: 'typo',
      action: 'delete',
      reason: 'created_at typo: 2011 for 2026',
      category: '06010',
    });
    expect((await app.inject('/api/reports/typo')).statusCode).toBe(404);
    const narrow = (await app.inject('/api/stats?bucket=day')).json();
    expect(narrow).toMatchObject({ bucket: 'day', total: 2 });
    expect(narrow.series.starts).toHaveLength(3);
    const record = (await app.inject('/api/reports/removals')).json();
    expect(record.removals).toEqual([removed.json()]);
  });

  test('redacting keeps the point and drops the text and contact; deleting needs a reason and an existing report', async (t) => {
    const app = await buildWithGrids(t);
    const item = {
      ...report,
      id: 'r',
      created_at: year(2024),
      description: 'my phone 138…',
      address: 'No. 5',
      contact: { phone: '13800000000' },
    };
    await app.inject({ method: 'POST', url: '/api/reports', payload: item });
    const redacted = await app.inject({
      method: 'POST',
      url: '/api/reports/r/redact',
      payload: { reason: 'personal data in the description' },
    });
    expect(redacted.statusCode).toBe(200);
    const got = (await app.inject('/api/reports/r')).json();
    expect(got).toMatchObject({ id: 'r', lon: 109.005, lat: 32.685, grid_id: 'A1' });
    expect(got.description ?? null).toBeNull();
    expect(got.address ?? null).toBeNull();
    expect((await app.inject('/api/reports/r/contact')).json()).toEqual({ contact: null });
    expect((await app.inject({ method: 'DELETE', url: '/api/reports/r' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: '/api/reports/nope?reason=x' })).json()).toMatchObject({ error: 'CG_ERR_NOT_FOUND' });
  });

  test('a report in a case is 409 on delete and can be redacted', async (t) => {
    const app = await buildWithGrids(t);
    await app.inject({ method: 'POST', url: '/api/reports', payload: { ...report, id: 'c1', created_at: year(2024) } });
    expect((await app.inject({ method: 'POST', url: '/api/cases', payload: { report_ids: ['c1'] } })).statusCode).toBe(201);
    const refused = await app.inject({ method: 'DELETE', url: '/api/reports/c1?reason=dup' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'CG_ERR_REPORT_HAS_CASE', fix: expect.stringContaining('redact') });
    expect((await app.inject({ method: 'POST', url: '/api/reports/c1/redact', payload: { reason: 'dup' } })).statusCode).toBe(200);
  });
});
