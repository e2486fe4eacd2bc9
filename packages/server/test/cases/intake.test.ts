import { describe, expect, test } from 'vitest';
import { as, caseApp, openOne, REPORT } from './helpers.ts';

const post = (app: Awaited<ReturnType<typeof caseApp>>['app'], key: string, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/reports', headers: as(key), payload: payload as object });
const allCases = async (app: Awaited<ReturnType<typeof caseApp>>['app'], key: string) =>
  (await app.inject({ url: '/api/cases', headers: as(key) })).json().cases;

describe('automatic cases (intake)', () => {
  test('a report from an auto_case_sources source (patrol) opens a case by itself, with an open event by system', async (t) => {
    const { app, keys } = await caseApp(t);
    expect((await post(app, keys.operator, { ...REPORT, id: 'p1', source: 'patrol' })).statusCode).toBe(201);
    const [c] = await allCases(app, keys.viewer);
    expect(c).toMatchObject({ stage: 'reported', version: 1, reports: ['p1'], department: 'cgj', grid_id: 'A1' });
    const { events } = (await app.inject({ url: `/api/cases/${c.id}`, headers: as(keys.viewer) })).json();
    expect(events).toMatchObject([{ action: 'open', actor: { key_id: null, role: 'system' } }]);
  });

  test('a report from another source opens nothing: it waits for an operator', async (t) => {
    const { app, keys } = await caseApp(t);
    await post(app, keys.operator, { ...REPORT, id: 'h1' });
    expect(await allCases(app, keys.viewer)).toEqual([]);
  });

  test('a report of the same category within 50 m and 24 h of an open case joins it, whatever its source: the version stays', async (t) => {
    const { app, keys } = await caseApp(t);
    const opened = await openOne(app, keys.operator, { ...REPORT, id: 'first' });
    // ~20 m east; another category at the same place, and the same category 200 m away, do not join.
    await post(app, keys.operator, [
      { ...REPORT, id: 'near', lon: REPORT.lon + 0.0002 },
      { ...REPORT, id: 'other-kind', category: '06013' },
      { ...REPORT, id: 'far', lon: REPORT.lon + 0.002, source: 'patrol' },
    ]);
    const cases = await allCases(app, keys.viewer);
    const joined = cases.find((c: { id: string }) => c.id === opened.id);
    expect(joined).toMatchObject({ reports: ['first', 'near'], version: 1 });
    expect(cases).toHaveLength(2); // 'far' (patrol) opened its own; 'other-kind' (12345) waits
    const { events } = (await app.inject({ url: `/api/cases/${opened.id}`, headers: as(keys.viewer) })).json();
    expect(events.map((e: { action: string; report_id?: string }) => [e.action, e.report_id])).toEqual([
      ['open', undefined],
      ['join', 'near'],
    ]);
  });

  test('reports of one batch join the case an earlier one of the batch opened', async (t) => {
    const { app, keys } = await caseApp(t);
    await post(app, keys.operator, [
      { ...REPORT, id: 'a', source: 'patrol' },
      { ...REPORT, id: 'b', source: 'patrol', lat: REPORT.lat + 0.0001 },
    ]);
    const cases = await allCases(app, keys.viewer);
    expect(cases).toHaveLength(1);
    expect(cases[0].reports).toEqual(['a', 'b']);
  });

  test('POST /api/cases with a patrol report opens one case, not two', async (t) => {
    const { app, keys } = await caseApp(t);
    await openOne(app, keys.operator, { ...REPORT, id: 'p', source: 'patrol' });
    expect(await allCases(app, keys.viewer)).toHaveLength(1);
  });

  test('a closed case is not joined: the duplicate waits (or opens its own)', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await openOne(app, keys.operator, { ...REPORT, id: 'x' });
    await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/events`,
      headers: as(keys.operator),
      payload: { action: 'accept', expected_version: 1 },
    });
    await app.inject({
      method: 'POST',
      url: `/api/cases/${id}/events`,
      headers: as(keys.supervisor),
      payload: { action: 'reject', expected_version: 2, note: '不属于城管范围' },
    });
    await post(app, keys.operator, { ...REPORT, id: 'y', source: 'patrol' });
    const cases = await allCases(app, keys.viewer);
    expect(cases.map((c: { reports: string[] }) => c.reports).sort()).toEqual([['x'], ['y']]);
  });
});
