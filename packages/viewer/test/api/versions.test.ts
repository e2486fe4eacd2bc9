import { describe, expect, it } from 'vitest';
import { ApiError, createApi as createPlanApi, impactQuery } from '../../src/api/index.ts';
import { fetchWithKey, keyHeaders, storeApiKey, storedApiKey } from '../../src/api/api-key.ts';

function fakeFetch(answers: Record<string, { status: number; body: unknown }>) {
  const calls: Array<{ url: string; method: string; headers: Record<string, string>; body?: string }> = [];
  const f = (async (input: string, init: RequestInit = {}) => {
    calls.push({
      url: input,
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body as string | undefined,
    });
    const a = answers[`${init.method ?? 'GET'} ${input}`] ?? { status: 404, body: { error: 'CG_ERR_NOT_FOUND', message: 'not found' } };
    return new Response(JSON.stringify(a.body), { status: a.status });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('impactQuery', () => {
  it('sends the window as China Standard Time, the last day included (to is exclusive)', () => {
    const q = new URLSearchParams(impactQuery({ from: '2024-03-01', to: '2024-03-31' }));
    expect(q.get('from')).toBe('2024-03-01T00:00:00+08:00');
    expect(q.get('to')).toBe('2024-04-01T00:00:00+08:00');
    expect(impactQuery({ from: '', to: '' })).toBe('');
    expect(() => impactQuery({ from: '2024/03/01', to: '' })).toThrow(/like 2024-03-01/);
  });
});

describe('createPlanApi', () => {
  it('saves a draft as a POST of the grids, with force when asked', async () => {
    const { f, calls } = fakeFetch({
      'POST /api/grids?force=true': { status: 201, body: { version: 3, published: false, current: 1, rerouted: 0, imported: 7 } },
    });
    const api = createPlanApi({ fetch: f });
    const res = await api.saveDraft({ type: 'FeatureCollection', features: [] }, { force: true });
    expect(res.version).toBe(3);
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0].body!)).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('sends the key headers with every request (issue 7: reads, save, publish)', async () => {
    const { f, calls } = fakeFetch({
      'POST /api/grids/versions/3/publish': { status: 200, body: { version: 3, previous: 1, rerouted: 12 } },
      'POST /api/grids': { status: 201, body: { version: 3 } },
      'GET /api/grids/versions': { status: 200, body: { current: 1, versions: [] } },
    });
    const api = createPlanApi({ fetch: f, headers: () => keyHeaders('cg_k') });
    await api.publish(3);
    await api.saveDraft({ type: 'FeatureCollection', features: [] });
    await api.versions();
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer cg_k', 'Bearer cg_k', 'Bearer cg_k']);
    expect(calls[1].headers['content-type']).toBe('application/json');
  });

  it('tells a refused key (401, 403) apart', async () => {
    const { f } = fakeFetch({
      'POST /api/grids/versions/3/publish': { status: 403, body: { error: 'CG_ERR_FORBIDDEN', message: 'needs admin' } },
    });
    const e = (await createPlanApi({ fetch: f })
      .publish(3)
      .catch((x: ApiError) => x)) as ApiError;
    expect(e.unauthorised).toBe(true);
    expect(e.missing).toBe(false);
  });

  it('loads a version, or the current grids', async () => {
    const { f, calls } = fakeFetch({
      'GET /api/grids?version=2': { status: 200, body: { type: 'FeatureCollection', features: [], version: 2 } },
      'GET /api/grids': { status: 200, body: { type: 'FeatureCollection', features: [] } },
    });
    const api = createPlanApi({ fetch: f });
    expect((await api.grids(2)).version).toBe(2);
    await api.grids(null);
    expect(calls.map((c) => c.url)).toEqual(['/api/grids?version=2', '/api/grids']);
  });

  it('tells a missing endpoint (older server) from a refusal', async () => {
    const { f } = fakeFetch({
      'POST /api/grids': { status: 422, body: { error: 'CG_ERR_COVERAGE_INVALID', message: '2 problems', problems: [{}, {}] } },
    });
    const api = createPlanApi({ fetch: f });
    const missing = await api.versions().catch((e: ApiError) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).missing).toBe(true);
    const refused = await api.saveDraft({ type: 'FeatureCollection', features: [] }).catch((e: ApiError) => e);
    expect((refused as ApiError).status).toBe(422);
    expect((refused as ApiError).missing).toBe(false);
    expect((refused as ApiError).body?.problems).toHaveLength(2);
  });

  it('asks the impact of a version for a window', async () => {
    const { f, calls } = fakeFetch({});
    await createPlanApi({ fetch: f })
      .impact(4, { from: '2024-01-01', to: '' })
      .catch(() => null);
    expect(calls[0].url).toBe('/api/grids/versions/4/impact?from=2024-01-01T00%3A00%3A00%2B08%3A00');
  });
});

describe('api key', () => {
  it('is stored trimmed, forgotten when emptied, and sent as a bearer token', async () => {
    const m = new Map<string, string>();
    const storage = {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
    };
    storeApiKey('  cg_abc  ', storage);
    expect(storedApiKey(storage)).toBe('cg_abc');
    storeApiKey('', storage);
    expect(storedApiKey(storage)).toBe('');
    expect(keyHeaders('')).toEqual({});
    let seen: Headers | undefined;
    const f = fetchWithKey(() => 'cg_abc', (async (_input: string, init: RequestInit) => {
      seen = new Headers(init.headers);
      return new Response('{}');
    }) as unknown as typeof fetch);
    await f('/api/meta', { headers: { accept: 'application/json' } });
    expect(seen?.get('authorization')).toBe('Bearer cg_abc');
    expect(seen?.get('accept')).toBe('application/json');
  });
});
