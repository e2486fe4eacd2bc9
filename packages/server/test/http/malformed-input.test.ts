import { describe, expect, test } from 'vitest';
import { fixture, loadFixture, sharedApp } from '../helper.ts';

const report = { lon: 109.005, lat: 32.685, category: '06010', source: '12345', created_at: '2024-05-01T08:00:00+08:00' };

describe('bodies that could not be stored as sent are refused whole', () => {
  const app = sharedApp((a) => loadFixture(a, false));

  test('a report id with a lone surrogate is 400 naming body/id, and nothing is stored', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/reports', payload: { ...report, id: 'sur\ud800x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_MALFORMED_TEXT', message: expect.stringContaining('body/id') });
    // Before the fix: 201 with the id stored as sur\uFFFDx, and its retry a 500.
    const stored = await app().inject({ method: 'GET', url: `/api/reports/${encodeURIComponent('sur\ufffdx')}` });
    expect(stored.statusCode).toBe(404);
  });

  test('a batch names the bad element by index', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/reports', payload: [report, { ...report, description: 'a\udc00' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('body/1/description');
  });

  test('grid ids "Q\\ud800" and "Q\\udc00" in one file are 400, not 500', async () => {
    const grids = fixture<{ features: { properties: Record<string, unknown> }[] }>('grid-2x2/grids.geojson');
    grids.features[0].properties.id = 'Q\ud800';
    grids.features[1].properties.id = 'Q\udc00';
    const res = await app().inject({ method: 'POST', url: '/api/grids', payload: grids });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_MALFORMED_TEXT', message: expect.stringContaining('body/features/0/properties/id') });
  });

  test('a key with a lone surrogate is named with the surrogate escaped', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/reports', payload: { ...report, attributes: { 'k\ud800': 1 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('body/attributes/k\\uD800');
  });

  test('bytes that are not UTF-8 are 400 CG_ERR_NOT_UTF8, not silently U+FFFD', async () => {
    const gbk = Buffer.concat([
      Buffer.from(`{"id":"`),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from(`","lon":109.005,"lat":32.685,"category":"06010","source":"12345"}`),
    ]);
    const res = await app().inject({ method: 'POST', url: '/api/reports', headers: { 'content-type': 'application/json' }, payload: gbk });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_NOT_UTF8', fix: expect.stringContaining('GB18030') });
  });

  test('a grid property nested 10,000 arrays deep is 400 CG_ERR_TOO_DEEP, not a 500 stack overflow', async () => {
    const grids = fixture<{ features: { properties: Record<string, unknown> }[] }>('grid-2x2/grids.geojson');
    grids.features[0].properties.deep = 1;
    // JSON.stringify of the nested value would overflow itself: the body is written as text.
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const res = await app().inject({
      method: 'POST',
      url: '/api/grids',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(grids).replace('"deep":1', `"deep":${deep}`),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'CG_ERR_TOO_DEEP', message: expect.stringContaining('body/features/0/properties/deep') });
  });

  test('well-formed text outside the BMP is stored and its retry is idempotent', async () => {
    const item = { ...report, id: 'emoji-😀-报告', description: '井盖 𠀀' };
    const first = await app().inject({ method: 'POST', url: '/api/reports', payload: item });
    expect(first.statusCode).toBe(201);
    expect(first.json().reports[0].id).toBe(item.id);
    const retry = await app().inject({ method: 'POST', url: '/api/reports', payload: item });
    expect(retry.statusCode).toBe(201);
    const got = await app().inject({ method: 'GET', url: `/api/reports/${encodeURIComponent(item.id)}` });
    expect(got.json()).toMatchObject({ id: item.id, description: item.description });
  });

  test('the store refuses it too, for the CLI that inserts without the HTTP body check', async () => {
    await expect(app().store.reports.insertReports([{ ...report, id: 'cli\ud800' }])).rejects.toMatchObject({
      code: 'CG_ERR_MALFORMED_TEXT',
    });
  });

  test('a case import line with a lone surrogate names its line; a GBK import is CG_ERR_NOT_UTF8', async () => {
    const line = JSON.stringify({ opening: { id: 'c\udfff', at: '2024-05-01T08:00:00Z', category: '06010' }, events: [] });
    const res = await app().inject({
      method: 'POST',
      url: '/api/cases/import',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `\n${line}\n`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems[0]).toMatchObject({ code: 'CG_ERR_CASE_IMPORT', line: 2, message: expect.stringContaining('/opening/id') });
    const gbk = await app().inject({
      method: 'POST',
      url: '/api/cases/import',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: Buffer.from([0x7b, 0xc4, 0xe3, 0x7d]),
    });
    expect(gbk.json()).toMatchObject({ error: 'CG_ERR_NOT_UTF8' });
  });
});
