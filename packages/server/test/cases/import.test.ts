import { describe, expect, test } from 'vitest';
import { as, caseApp } from './helpers.ts';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const opening = (id: string, at = '2025-06-02T01:00:00Z') => ({
  id,
  at,
  category: '06010',
  grid_id: 'A1',
  lon: 109.005,
  lat: 32.685,
  department: 'cgj',
  reports: [`old-${id}`],
});
const CLOSED = {
  opening: opening('h1'),
  events: [
    { action: 'accept', at: '2025-06-02T01:05:00Z', actor: { role: 'operator' } },
    { action: 'register', at: '2025-06-02T09:20:00+08:00', actor: { role: 'supervisor' } },
    { action: 'dispatch', at: '2025-06-02T02:00:00Z', actor: { role: 'dispatcher' }, department: 'cgj' },
    { action: 'handle', at: '2025-06-03T03:00:00Z', actor: { role: 'department', department: 'cgj' }, note: '已处理' },
    { action: 'verify', at: '2025-06-03T05:00:00Z', actor: { role: 'inspector', grids: ['A1'] } },
    { action: 'close', at: '2025-06-03T06:00:00Z', actor: { role: 'supervisor' } },
  ],
};
const lines = (...items: unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';

describe('POST /api/cases/import', () => {
  test('imports histories replayed through the workflow; their events join the chain', async (t) => {
    const { app, keys } = await caseApp(t);
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases/import',
      headers: { ...as(keys.admin), ...NDJSON },
      payload: lines(CLOSED, '', { opening: opening('h2'), events: [] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 2 });
    const { case: c, events } = (await app.inject({ url: '/api/cases/h1', headers: as(keys.viewer) })).json();
    expect(c).toMatchObject({
      stage: 'closed',
      version: 7,
      opened_at: '2025-06-02T01:00:00.000Z',
      updated_at: '2025-06-03T06:00:00.000Z',
      reports: ['old-h1'],
    });
    expect(events.map((e: { action: string; version: number }) => `${e.action}@${e.version}`)).toEqual([
      'open@1',
      'accept@2',
      'register@3',
      'dispatch@4',
      'handle@5',
      'verify@6',
      'close@7',
    ]);
    expect(events[0].actor).toMatchObject({ role: 'admin', key_id: expect.any(String) });
    expect(events[4].actor).toEqual({ key_id: null, role: 'department', department: 'cgj' });
    expect((await app.inject({ url: '/api/audit/verify', headers: as(keys.admin) })).json()).toMatchObject({ ok: true, events: 8 });
  });

  test('all or nothing: every bad line is listed with its line number, and nothing is imported', async (t) => {
    const { app, keys } = await caseApp(t);
    const body = lines(
      CLOSED,
      '{"opening": ',
      { opening: opening('skip'), events: [{ action: 'dispatch', at: '2025-06-02T02:00:00Z', actor: { role: 'dispatcher' } }] },
      { opening: opening('back'), events: [{ action: 'accept', at: '2025-06-01T00:00:00Z', actor: { role: 'operator' } }] },
      { opening: opening('h1'), events: [] },
      { opening: { ...opening('shape'), at: 'yesterday' }, events: [] },
      { opening: { id: 'x' }, events: [] },
    );
    const res = await app.inject({ method: 'POST', url: '/api/cases/import', headers: { ...as(keys.admin), ...NDJSON }, payload: body });
    expect(res.statusCode).toBe(422);
    const { error, problems } = res.json();
    expect(error).toBe('CG_ERR_CASE_IMPORT');
    expect(problems.map((p: { line: number }) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(problems[0].message).toMatch(/^line 2: not JSON/);
    expect(problems[1].message).toContain(
      'line 3: event 0 (dispatch): dispatch is not allowed on a case in stage reported; allowed now: accept, merge (CG_ERR_ACTION_NOT_ALLOWED)',
    );
    expect(problems[2].message).toContain("line 4: event 0 (accept): event at 2025-06-01T00:00:00.000Z is before the case's last event");
    expect(problems[3]).toMatchObject({ id: 'h1', message: 'line 5: case "h1" is also on line 1' });
    expect(problems[4].message).toContain('/opening/at is not an ISO 8601 date-time: "yesterday"');
    expect(problems[5].message).toMatch(/^line 7: \/opening/);
    expect((await app.inject({ url: '/api/cases', headers: as(keys.admin) })).json().cases).toEqual([]);
    expect((await app.inject({ url: '/api/audit/verify', headers: as(keys.admin) })).json().events).toBe(0);
  });

  test('a case id already stored, or a report already in a case, is refused by line', async (t) => {
    const { app, keys } = await caseApp(t);
    const post = (body: string) =>
      app.inject({ method: 'POST', url: '/api/cases/import', headers: { ...as(keys.admin), ...NDJSON }, payload: body });
    expect((await post(lines(CLOSED))).statusCode).toBe(201);
    const res = await post(lines({ opening: opening('new'), events: [] }, CLOSED));
    expect(res.statusCode).toBe(422);
    expect(res.json().problems.map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [2, 'line 2: case "h1" is already stored'],
      [2, 'line 2: report "old-h1" already belongs to case h1'],
    ]);
  });

  test('only an admin imports; the body is NDJSON', async (t) => {
    const { app, keys } = await caseApp(t);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/cases/import',
          headers: { ...as(keys.supervisor), ...NDJSON },
          payload: lines(CLOSED),
        })
      ).statusCode,
    ).toBe(403);
    const json = await app.inject({ method: 'POST', url: '/api/cases/import', headers: as(keys.admin), payload: CLOSED });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ error: 'CG_ERR_UNSUPPORTED_MEDIA', fix: expect.stringContaining('application/x-ndjson') });
    const empty = await app.inject({ method: 'POST', url: '/api/cases/import', headers: { ...as(keys.admin), ...NDJSON }, payload: '\n' });
    expect(empty.json()).toMatchObject({ error: 'CG_ERR_CASE_IMPORT', message: expect.stringContaining('holds no case') });
  });
});
