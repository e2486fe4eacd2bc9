import { describe, expect, test } from 'vitest';
import { as, caseApp, openOne, walk, REPORT } from './helpers.ts';

describe('Open311 requests follow their case', () => {
  test('status, status_notes, expected_datetime and updated_datetime come from the case; ?status= filters on it', async (t) => {
    const { app, keys } = await caseApp(t);
    const created_at = new Date(Date.now() - 3_600_000).toISOString();
    const rejected = await openOne(app, keys.operator, { ...REPORT, id: 'r-rejected', created_at });
    await walk(app, rejected.id, [
      [keys.operator, { action: 'accept', note: '已电话联系' }],
      [keys.supervisor, { action: 'reject', note: '不属于受理范围' }],
    ]);
    const running = await openOne(app, keys.operator, { ...REPORT, id: 'r-running', lon: 109.015, created_at });
    await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: as(keys.operator),
      payload: { ...REPORT, id: 'r-none', lon: 109.006, category: '06013', created_at },
    });

    const get = async (query = '') => (await app.inject({ url: `/open311/v2/requests.json${query}`, headers: as(keys.viewer) })).json();
    const byId = new Map((await get()).map((r: { service_request_id: string }) => [r.service_request_id, r]));
    const detail = (await app.inject({ url: `/api/cases/${rejected.id}`, headers: as(keys.viewer) })).json().case;
    expect(byId.get('r-rejected')).toMatchObject({
      status: 'closed',
      status_notes: '不属于受理范围',
      expected_datetime: null,
      updated_datetime: detail.updated_at,
    });
    const open = (await app.inject({ url: `/api/cases/${running.id}`, headers: as(keys.viewer) })).json().case;
    expect(byId.get('r-running')).toMatchObject({ status: 'open', status_notes: null, expected_datetime: open.due_at });
    expect(byId.get('r-none')).toMatchObject({ status: 'open', status_notes: null, expected_datetime: null });
    const ids = (list: Array<{ service_request_id: string }>) => list.map((r) => r.service_request_id).sort();
    expect(ids(await get('?status=closed'))).toEqual(['r-rejected']);
    expect(ids(await get('?status=open'))).toEqual(['r-none', 'r-running']);
    expect(ids(await get('?status=open,closed'))).toEqual(['r-none', 'r-rejected', 'r-running']);
  });
});
