import { describe, expect, it } from 'vitest';
import { casesQuery, createApi } from '../../src/api/index.ts';

describe('casesQuery', () => {
  it('leaves out empty filters and sends overdue only when asked', () => {
    expect(casesQuery({})).toBe('');
    expect(casesQuery({ stage: '', department: 'cgj', overdue: false })).toBe('department=cgj');
    expect(casesQuery({ stage: 'dispatched', grid: 'g1', overdue: true, limit: 50, cursor: 'abc' })).toBe(
      'stage=dispatched&grid=g1&overdue=true&limit=50&cursor=abc',
    );
  });
});

describe('cases endpoints', () => {
  it('posts an action with its expected version, the id encoded', async () => {
    const calls: { url: string; method?: string; body?: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method, body: init.body ? JSON.parse(init.body as string) : undefined });
      return new Response(JSON.stringify({ case: {}, event: {} }), { status: 201 });
    }) as unknown as typeof globalThis.fetch;
    await createApi({ fetch }).takeAction('c 1', { action: 'accept', expected_version: 3 });
    expect(calls).toEqual([{ url: '/api/cases/c%201/events', method: 'POST', body: { action: 'accept', expected_version: 3 } }]);
  });
  it('throws an ApiError whose status tells a stale version (409) from a server without cases (404)', async () => {
    const answer = (status: number, body: object) =>
      (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof globalThis.fetch;
    await expect(
      createApi({ fetch: answer(409, { error: 'CG_ERR_STALE_VERSION', message: 'stale' }) }).takeAction('c1', {
        action: 'accept',
        expected_version: 1,
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(createApi({ fetch: answer(404, { error: 'CG_ERR_NOT_FOUND' }) }).cases()).rejects.toMatchObject({
      status: 404,
      missing: true,
    });
  });
});
