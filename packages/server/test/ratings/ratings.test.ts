import { describe, expect, test } from 'vitest';
import { as, caseApp, openOne, walk } from '../cases/helpers.ts';

/** A case opened on a new report and walked to closed; returns its id and first report. */
async function closedCase(app: Parameters<typeof walk>[0], keys: Awaited<ReturnType<typeof caseApp>>['keys']) {
  const c = await openOne(app, keys.operator);
  await walk(app, c.id, [
    [keys.operator, { action: 'accept' }],
    [keys.supervisor, { action: 'register' }],
    [keys.dispatcher, { action: 'dispatch', department: 'cgj' }],
    [keys.cgj, { action: 'handle', note: '已处置' }],
    [keys.inspectorA1, { action: 'verify' }],
    [keys.supervisor, { action: 'close' }],
  ]);
  return { id: c.id, report: c.reports[0] };
}

describe('POST /api/cases/{id}/rating', () => {
  test('records one rating per case and reporter: the same again answers 200, a different one 409', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id, report } = await closedCase(app, keys);
    const rate = (body: object, key = keys.operator) =>
      app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: as(key), payload: body });
    const first = await rate({ rating: 4, comment: '回访：满意' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ case_id: id, report_id: report, rating: 4, comment: '回访：满意', channel: 'api' });
    const again = await rate({ rating: 4, comment: '回访：满意' }, keys.supervisor);
    expect(again.statusCode).toBe(200);
    expect(again.json().rated_at).toBe(first.json().rated_at);
    const changed = await rate({ rating: 1 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toBe('CG_ERR_ALREADY_RATED');
  });

  test('refuses a case not yet closed (409), a rating off the scale or a report not of the case (400), an unknown case (404)', async (t) => {
    const { app, keys } = await caseApp(t);
    const open = await openOne(app, keys.operator);
    const post = (id: string, body: object) =>
      app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: as(keys.operator), payload: body });
    const notClosed = await post(open.id, { rating: 5 });
    expect(notClosed.statusCode).toBe(409);
    expect(notClosed.json().error).toBe('CG_ERR_CASE_NOT_CLOSED');
    const { id } = await closedCase(app, keys);
    expect((await post(id, { rating: 6 })).json()).toMatchObject({ error: 'CG_ERR_VALIDATION' });
    expect((await post(id, { rating: 0 })).statusCode).toBe(400);
    expect((await post(id, { rating: 3, report_id: 'someone-else' })).json().message).toContain('must be a report of case');
    expect((await post('nope', { rating: 3 })).statusCode).toBe(404);
  });

  test('needs a reporter, operator or supervisor key: a viewer or a department may not rate', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id } = await closedCase(app, keys);
    for (const key of [keys.viewer, keys.cgj, keys.dispatcher])
      expect(
        (await app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: as(key), payload: { rating: 5 } })).statusCode,
      ).toBe(403);
  });

  test('Open311: a reporter key rates its service request, form-encoded; the reporter is the same as over the API', async (t) => {
    const { app, keys } = await caseApp(t);
    const { id, report } = await closedCase(app, keys);
    const reporter = (await app.store.keys.create({ role: 'reporter' })).key;
    const res = await app.inject({
      method: 'POST',
      url: `/open311/v2/requests/${report}/rating.json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${reporter}&rating=5&comment=${encodeURIComponent('很快')}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual([{ service_request_id: report, rating: 5, rated_datetime: expect.any(String) }]);
    const api = await app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: as(keys.operator), payload: { rating: 2 } });
    expect(api.statusCode).toBe(409);
    const noKey = await app.inject({ method: 'POST', url: `/open311/v2/requests/${report}/rating.json`, payload: { rating: 5 } });
    expect(noKey.statusCode).toBe(403);
    const unknown = await app.inject({
      method: 'POST',
      url: `/open311/v2/requests/none/rating.json?api_key=${reporter}`,
      payload: { rating: 5 },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()[0]).toMatchObject({ code: 404 });
  });
});
