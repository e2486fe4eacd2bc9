import { describe, expect, test } from 'vitest';
import { act, as, caseApp, openOne, walk, REPORT } from './helpers.ts';

describe('POST /api/cases', () => {
  test('opens a case on a new report: initial stage, version 1, the department dispatch proposed, an open event', async (t) => {
    const { app, keys } = await caseApp(t);
    const opened = await openOne(app, keys.operator);
    expect(opened).toMatchObject({
      stage: 'reported',
      version: 1,
      department: 'cgj',
      grid_id: 'A1',
      category: '06010',
      urgency: 'normal',
      overdue: false,
      allowed_actions: ['accept', 'merge'],
    });
    const detail = await app.inject({ url: `/api/cases/${opened.id}`, headers: as(keys.viewer) });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.case.allowed_actions).toEqual([]);
    expect(body.events).toMatchObject([
      { seq: 1, action: 'open', version: 1, actor: { role: 'operator', department: null }, prev_hash: '0'.repeat(64) },
    ]);
    expect(body.reports).toMatchObject([{ id: opened.reports[0], category: '06010', grid_id: 'A1' }]);
  });

  test('opens from stored reports; a report already in a case is 409, an unknown one 404', async (t) => {
    const { app, keys } = await caseApp(t);
    await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: as(keys.admin),
      payload: [
        { ...REPORT, id: 'r1' },
        { ...REPORT, id: 'r2', lon: 109.015 },
      ],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: as(keys.supervisor),
      payload: { report_ids: ['r1'], urgency: 'urgent' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().case).toMatchObject({ reports: ['r1'], urgency: 'urgent' });
    const again = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: as(keys.operator),
      payload: { report_ids: ['r2', 'r1'] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'CG_ERR_REPORT_IN_CASE',
      message: expect.stringContaining(`"r1" already belongs to case ${res.json().case.id}`),
    });
    const unknown = await app.inject({ method: 'POST', url: '/api/cases', headers: as(keys.operator), payload: { report_ids: ['nope'] } });
    expect(unknown.statusCode).toBe(404);
    const both = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: as(keys.operator),
      payload: { report_ids: ['r2'], report: REPORT },
    });
    expect(both.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining('not both') });
    const urgency = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: as(keys.operator),
      payload: { report_ids: ['r2'], urgency: 'soon' },
    });
    expect(urgency.json()).toMatchObject({ error: 'CG_ERR_VALIDATION', message: expect.stringContaining('one of normal, urgent') });
  });

  test('a dispatcher or viewer may not open a case (403)', async (t) => {
    const { app, keys } = await caseApp(t);
    for (const key of [keys.dispatcher, keys.viewer, keys.cgj]) {
      const res = await app.inject({ method: 'POST', url: '/api/cases', headers: as(key), payload: { report: REPORT } });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('needs an operator, supervisor or admin key');
    }
  });
});

describe('POST /api/cases/{id}/events', () => {
  test('walks a case from report to closure with five keys; every event is chained to the one before', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const version = await walk(app, id, [
      [keys.operator, { action: 'accept' }],
      [keys.supervisor, { action: 'register' }],
      [keys.dispatcher, { action: 'dispatch', department: 'cgj' }],
      [keys.cgj, { action: 'handle', note: '已清理' }],
      [keys.inspectorA1, { action: 'verify' }],
      [keys.supervisor, { action: 'close' }],
    ]);
    expect(version).toBe(7);
    const { case: c, events } = (await app.inject({ url: `/api/cases/${id}`, headers: as(keys.admin) })).json();
    expect(c).toMatchObject({ stage: 'closed', due_at: null, overdue: false, time_left_ms: null });
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'open',
      'accept',
      'register',
      'dispatch',
      'handle',
      'verify',
      'close',
    ]);
    expect(events[4]).toMatchObject({ note: '已清理', actor: { role: 'department', department: 'cgj', key_id: expect.any(String) } });
    for (let i = 1; i < events.length; i++) expect(events[i].prev_hash).toBe(events[i - 1].hash);
  });

  test('the answer is the case after the action and the event, 201', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const res = await act(app, keys.operator, id, { action: 'accept', expected_version: 1, note: '电话核实' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      case: { id, stage: 'accepted', version: 2, due_at: expect.any(String) },
      event: { seq: 2, case_id: id, version: 2, action: 'accept', note: '电话核实' },
    });
  });

  test('two dispatchers acting on the same version at once: exactly one wins, the other hears 409', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const version = await walk(app, id, [
      [keys.operator, { action: 'accept' }],
      [keys.supervisor, { action: 'register' }],
    ]);
    const other = (await app.store.keys.create({ role: 'dispatcher' })).key;
    const [a, b] = await Promise.all([
      act(app, keys.dispatcher, id, { action: 'dispatch', expected_version: version, department: 'cgj' }),
      act(app, other, id, { action: 'dispatch', expected_version: version, department: 'gajj' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json()).toMatchObject({
      error: 'CG_ERR_STALE_VERSION',
      message: `expected version ${version}, but the case is at version ${version + 1}`,
    });
    const { events } = (await app.inject({ url: `/api/cases/${id}`, headers: as(keys.admin) })).json();
    expect(events.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
  });

  test('an action the stage does not allow is 422, naming the actions allowed now', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const res = await act(app, keys.supervisor, id, { action: 'close', expected_version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_ACTION_NOT_ALLOWED',
      message: 'close is not allowed on a case in stage reported; allowed now: accept, merge',
    });
  });

  test.for([
    [
      'a field the action needs (reject without a note)',
      { action: 'reject', expected_version: 2 },
      'CG_ERR_ACTION_FIELD',
      'reject needs a note',
    ],
    ['expected_version', { action: 'reject', note: 'x' }, 'CG_ERR_VALIDATION', 'body/expected_version is required'],
    ['an unknown action', { action: 'approve', expected_version: 2 }, 'CG_ERR_ACTION_UNKNOWN', 'unknown action "approve"'],
  ] as const)('missing %s is 400', async ([, body, code, message], t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    await walk(app, id, [[keys.operator, { action: 'accept' }]]);
    const res = await act(app, keys.supervisor, id, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: code, message: expect.stringContaining(message) });
  });

  test('a role the action does not list is 403, whatever the stage; a viewer key may not act at all', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const res = await act(app, keys.dispatcher, id, { action: 'accept', expected_version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_ACTION_FORBIDDEN',
      message: 'role dispatcher may not take accept; it may be taken by operator, admin',
    });
    const viewer = await act(app, keys.viewer, id, { action: 'accept', expected_version: 1 });
    expect(viewer.json()).toMatchObject({ error: 'CG_ERR_FORBIDDEN' });
  });

  test('an unknown case is 404', async (t) => {
    const { app, keys } = await caseApp(t);
    const res = await act(app, keys.operator, 'nope', { action: 'accept', expected_version: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_FOUND', message: 'case "nope" not found' });
  });
});

describe('scopes', () => {
  test("a department key sees and acts on its own department's cases only: 403 on another's, absent from its lists", async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    await walk(app, id, [
      [keys.operator, { action: 'accept' }],
      [keys.supervisor, { action: 'register' }],
      [keys.dispatcher, { action: 'dispatch', department: 'cgj' }],
    ]);
    const listed = async (key: string) =>
      (await app.inject({ url: '/api/cases', headers: as(key) })).json().cases.map((c: { id: string }) => c.id);
    expect(await listed(keys.cgj)).toEqual([id]);
    expect(await listed(keys.gajj)).toEqual([]);
    expect(await listed(keys.viewer)).toEqual([id]);
    const seen = await app.inject({ url: `/api/cases/${id}`, headers: as(keys.gajj) });
    expect(seen.statusCode).toBe(403);
    expect(seen.json()).toMatchObject({
      error: 'CG_ERR_CASE_OUT_OF_SCOPE',
      message: expect.stringContaining('department gajj acts only on its own cases'),
    });
    const acted = await act(app, keys.gajj, id, { action: 'handle', expected_version: 4, note: 'x' });
    expect(acted.statusCode).toBe(403);
    expect(acted.json().error).toBe('CG_ERR_CASE_OUT_OF_SCOPE');
    const mine = (await app.inject({ url: `/api/cases/${id}`, headers: as(keys.cgj) })).json();
    expect(mine.case.allowed_actions).toEqual(['handle', 'return', 'request-extension']);
  });

  test('an inspector key verifies only in its grids', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator);
    const v = await walk(app, id, [
      [keys.operator, { action: 'accept' }],
      [keys.supervisor, { action: 'register' }],
      [keys.dispatcher, { action: 'dispatch' }],
      [keys.cgj, { action: 'handle', note: 'done' }],
    ]);
    const other = await act(app, keys.inspectorB2, id, { action: 'verify', expected_version: v });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('an inspector acts only on cases in its grids (B2); this case is in grid A1');
    expect((await app.inject({ url: '/api/cases', headers: as(keys.inspectorB2) })).json().cases).toEqual([]);
    expect(
      (await act(app, keys.inspectorA1, id, { action: 'fail-verification', expected_version: v, note: '未清理干净' })).statusCode,
    ).toBe(201);
  });

  test('the report contact opens to operator and supervisor keys, not a dispatcher', async (t) => {
    const { app, keys } = await caseApp(t);
    await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: as(keys.admin),
      payload: { ...REPORT, id: 'c1', contact: { phone: '13800000000' } },
    });
    for (const [key, status] of [
      [keys.operator, 200],
      [keys.supervisor, 200],
      [keys.dispatcher, 403],
      [keys.cgj, 403],
    ] as const) {
      expect((await app.inject({ url: '/api/reports/c1/contact', headers: as(key) })).statusCode).toBe(status);
    }
  });
});
