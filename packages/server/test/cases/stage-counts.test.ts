import { describe, expect, test } from 'vitest';
import { DEFAULT_WORKFLOW } from '@citygrid/core';
import { as, caseApp, openOne, REPORT } from './helpers.ts';

const opening = (id: string, at: string, department = 'cgj', grid_id = 'A1') => ({ id, at, category: '06010', grid_id, department });
const step = (action: string, at: string, role: string, extra: object = {}) => ({ action, at, actor: { role }, ...extra });
const HISTORIES = [
  // Reported in 2025 and never accepted: long overdue.
  { opening: opening('old-1', '2025-03-03T01:00:00Z'), events: [] },
  { opening: opening('old-2', '2025-03-04T01:00:00Z', 'gajj', 'B2'), events: [] },
  // Dispatched to gajj in 2025 and never handled: overdue in 派遣.
  {
    opening: opening('sent', '2025-03-05T01:00:00Z', 'gajj', 'B2'),
    events: [
      step('accept', '2025-03-05T01:05:00Z', 'operator'),
      step('register', '2025-03-05T01:10:00Z', 'supervisor'),
      step('dispatch', '2025-03-05T01:20:00Z', 'dispatcher', { department: 'gajj' }),
    ],
  },
  // Closed: not counted.
  {
    opening: opening('done', '2025-01-06T01:00:00Z'),
    events: [step('accept', '2025-01-06T01:05:00Z', 'operator'), step('reject', '2025-01-06T01:10:00Z', 'supervisor', { note: '重复' })],
  },
];

async function seeded(t: Parameters<typeof caseApp>[0]) {
  const { app, keys } = await caseApp(t);
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases/import',
    headers: { ...as(keys.admin), 'content-type': 'application/x-ndjson' },
    payload: HISTORIES.map((h) => JSON.stringify(h)).join('\n'),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  await openOne(app, keys.operator); // a fresh one in 上报, in A1 (cgj), not overdue
  await openOne(app, keys.operator, { ...REPORT, lon: 109.015 });
  return { app, keys };
}

type Counts = { at: string; total: number; stages: { stage: string; name: string; count: number; overdue: number }[] };
const counted = (body: Counts) => Object.fromEntries(body.stages.filter((s) => s.count).map((s) => [s.stage, [s.count, s.overdue]]));

describe('GET /api/cases-by-stage', () => {
  test("counts open cases per stage in the workflow's order, overdue among them; closed cases are left out", async (t) => {
    const { app, keys } = await seeded(t);
    const res = await app.inject({ url: '/api/cases-by-stage', headers: as(keys.viewer) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Counts;
    expect(body.stages.map((s) => s.stage)).toEqual(DEFAULT_WORKFLOW.stages.filter((s) => !s.terminal).map((s) => s.code));
    expect(body.stages.find((s) => s.stage === 'reported')).toMatchObject({ name: '上报', count: 4, overdue: 2 });
    expect(counted(body)).toEqual({ reported: [4, 2], dispatched: [1, 1] });
    expect(body.total).toBe(5);
    expect(Date.parse(body.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  test("a department key counts its department's cases, an inspector key its grids'", async (t) => {
    const { app, keys } = await seeded(t);
    const of = async (key: string) => counted((await app.inject({ url: '/api/cases-by-stage', headers: as(key) })).json());
    expect(await of(keys.gajj)).toEqual({ reported: [1, 1], dispatched: [1, 1] });
    expect(await of(keys.inspectorB2)).toEqual({ reported: [1, 1], dispatched: [1, 1] });
    expect(await of(keys.cgj)).toEqual({ reported: [3, 1] }); // old-1 and the two fresh ones (06 is 城管's)
  });

  test('follows the cases as they move: an accepted case leaves 上报 for 受理', async (t) => {
    const { app, keys } = await seeded(t);
    const fresh = await openOne(app, keys.operator, { ...REPORT, lon: 109.006 });
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${fresh.id}/events`,
      headers: as(keys.operator),
      payload: { action: 'accept', expected_version: fresh.version },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(counted((await app.inject({ url: '/api/cases-by-stage', headers: as(keys.viewer) })).json())).toEqual({
      reported: [4, 2],
      accepted: [1, 0],
      dispatched: [1, 1],
    });
  });

  test('wants a key like every read, and answers zeros on a server without cases', async (t) => {
    const { app, keys } = await caseApp(t);
    expect((await app.inject({ url: '/api/cases-by-stage' })).statusCode).toBe(401);
    const body = (await app.inject({ url: '/api/cases-by-stage', headers: as(keys.viewer) })).json() as Counts;
    expect(body.total).toBe(0);
    expect(body.stages.every((s) => s.count === 0 && s.overdue === 0)).toBe(true);
  });
});
