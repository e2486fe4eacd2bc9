import { describe, expect, test } from 'vitest';
import { parseGrids } from '@citygrid/core';
import { GRANTS, ROLES, hasRole, roleNeedText, type Role, type RoleNeed } from '../../src/auth/roles.ts';
import type { BuildOptions } from '../../src/index.ts';
import { build, fixture, fixtureReports } from '../helper.ts';

const GRIDS = fixture<object>('grid-2x2/grids.geojson');
const REPORT = { id: 'access-1', lon: 109.005, lat: 32.685, category: '06010', source: '12345' };

/** An app with access control on, the 2×2 grids published and one key per role. */
async function secured(t: Parameters<typeof build>[0], options: BuildOptions = {}) {
  const app = await build(t, { auth: {}, ...options });
  const parsed = parseGrids(GRIDS);
  if (!parsed.ok) throw new Error('fixture');
  await app.store.replaceGrids(parsed.gridSet);
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await app.store.keys.create({ role, label: `${role} of the test`, ...SCOPES[role] })).key;
  return { app, keys };
}

// The scoped case roles need their scope (auth/key-scope.ts).
const SCOPES: Partial<Record<Role, { department?: string; grids?: string[] }>> = {
  department: { department: 'cgj' },
  inspector: { grids: ['A1'] },
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

// One row per route: the weakest role that may call it. Every role at or above it passes
// (whatever the handler then answers), every role below is refused with 403.
// `gate`: the route's own role, checked before the body is read, when the query asks for more.
// `keyed`: a read that needs a key even where reads are public (photos may show faces).
const ROUTES: Array<{ method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: unknown; need: RoleNeed; gate?: Role; keyed?: true }> = [
  { method: 'GET', url: '/api/grids', need: 'viewer' },
  { method: 'GET', url: '/api/grids/versions', need: 'viewer' },
  { method: 'GET', url: '/api/reports', need: 'viewer' },
  { method: 'GET', url: '/api/reports/none/contact', need: ['operator', 'supervisor'] },
  { method: 'GET', url: '/api/reports/points', need: 'viewer' },
  { method: 'GET', url: '/api/stats/grids', need: 'viewer' },
  { method: 'GET', url: '/api/stats/categories?unit=A1', need: 'viewer' },
  { method: 'GET', url: '/api/meta', need: 'viewer' },
  { method: 'GET', url: '/api/boundaries', need: 'viewer' },
  { method: 'GET', url: '/api/route?lon=109.005&lat=32.685', need: 'viewer' },
  { method: 'POST', url: '/api/reports', payload: REPORT, need: 'reporter' },
  { method: 'POST', url: '/api/grids', payload: GRIDS, need: 'planner' },
  { method: 'POST', url: '/api/grids/validate', payload: GRIDS, need: 'planner' },
  { method: 'POST', url: '/api/grids/repair', payload: GRIDS, need: 'planner' },
  { method: 'GET', url: '/api/grids/diff?to=1', need: 'planner' },
  { method: 'GET', url: '/api/grids/versions/1/impact', need: 'planner' },
  { method: 'POST', url: '/api/grids?publish=true', payload: GRIDS, need: 'admin', gate: 'planner' },
  { method: 'POST', url: '/api/grids/versions/1/publish', need: 'admin' },
  { method: 'GET', url: '/api/keys', need: 'admin' },
  { method: 'POST', url: '/api/keys', payload: { role: 'viewer' }, need: 'admin' },
  { method: 'DELETE', url: '/api/keys/000000000000', need: 'admin' },
  { method: 'GET', url: '/api/people', need: 'viewer' },
  { method: 'GET', url: '/api/grids/A1/team', need: 'viewer' },
  { method: 'GET', url: '/api/reports/access-1/attachments', need: 'viewer' },
  { method: 'GET', url: `/api/attachments/${'0'.repeat(64)}`, need: 'viewer', keyed: true },
  { method: 'POST', url: '/api/reports/access-1/attachments', payload: {}, need: 'reporter' },
  { method: 'POST', url: '/api/people', payload: { id: 'P1', name: '张伟', role: 'grid-head' }, need: 'admin' },
];

describe('roles', () => {
  test('roles are ordered viewer < reporter < planner < admin, each including the ones below', () => {
    expect(ROLES.slice(0, 4)).toEqual(['viewer', 'reporter', 'planner', 'admin']);
    expect([
      hasRole('admin', 'viewer'),
      hasRole('planner', 'reporter'),
      hasRole('reporter', 'planner'),
      hasRole('viewer', 'reporter'),
    ]).toEqual([true, true, false, false]);
  });

  // One row per case role: the route roles it satisfies (docs/cases.md, Roles per route).
  test.for([
    ['operator', ['viewer', 'reporter', 'operator']],
    ['supervisor', ['viewer', 'reporter', 'supervisor']],
    ['dispatcher', ['viewer', 'dispatcher']],
    ['department', ['viewer', 'department']],
    ['inspector', ['viewer', 'reporter', 'inspector']],
  ] as const)('a %s key reads like a viewer and does only its own part: %j', ([role, grants]) => {
    expect(GRANTS[role]).toEqual(grants);
    expect(ROLES.filter((need) => hasRole(role, need))).toEqual(ROLES.filter((need) => (grants as readonly Role[]).includes(need)));
    expect([hasRole(role, 'planner'), hasRole(role, 'admin')]).toEqual([false, false]);
  });

  test('admin passes every route; a route may name several roles, any of which will do', () => {
    expect(ROLES.every((need) => hasRole('admin', need))).toBe(true);
    expect([
      hasRole('operator', ['operator', 'supervisor']),
      hasRole('supervisor', ['operator', 'supervisor']),
      hasRole('dispatcher', ['operator', 'supervisor']),
      hasRole('planner', ['operator', 'supervisor']),
    ]).toEqual([true, true, false, false]);
    expect(roleNeedText(['operator', 'supervisor'])).toBe('an operator, supervisor or admin');
    expect(roleNeedText('viewer')).toBe('a viewer');
  });

  test.for(ROLES)('a %s key may call exactly the routes of its role and below', async (role, t) => {
    const { app, keys } = await secured(t);
    for (const r of ROUTES) {
      const res = await app.inject({ method: r.method, url: r.url, payload: r.payload as never, headers: bearer(keys[role]) });
      const allowed = hasRole(role, r.need);
      expect(
        allowed ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403,
        `${role} ${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 200)}`,
      ).toBe(true);
      if (!allowed)
        expect(res.json()).toMatchObject({
          error: 'CG_ERR_FORBIDDEN',
          message: expect.stringContaining(`needs ${roleNeedText(hasRole(role, r.gate ?? r.need) ? r.need : (r.gate ?? r.need))} key`),
        });
    }
  });

  test('every /api route answers 401 without a key, with WWW-Authenticate and the fix', async (t) => {
    const { app } = await secured(t);
    for (const r of ROUTES) {
      const res = await app.inject({ method: r.method, url: r.url, payload: r.payload as never });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="citygrid"');
      expect(res.json()).toMatchObject({
        error: 'CG_ERR_UNAUTHORIZED',
        message: expect.stringMatching(new RegExp(`needs ${roleNeedText(r.gate ?? r.need)} key$`)),
        fix: expect.stringContaining('Authorization: Bearer'),
      });
    }
  });

  test('/health, /docs and unknown paths need no key', async (t) => {
    const { app } = await secured(t);
    expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject('/docs/json')).statusCode).toBe(200);
    expect((await app.inject('/nowhere')).statusCode).toBe(404);
  });

  test('a planner may import a draft but not publish, not even by importing into an empty store', async (t) => {
    const { app, keys } = await secured(t);
    const draft = await app.inject({ method: 'POST', url: '/api/grids', payload: GRIDS, headers: bearer(keys.planner) });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ version: 2, published: false });

    const empty = await build(t, { auth: {} });
    const { key: planner } = await empty.store.keys.create({ role: 'planner' });
    const first = await empty.inject({ method: 'POST', url: '/api/grids', payload: GRIDS, headers: bearer(planner) });
    expect(first.statusCode).toBe(403);
    expect(first.json().message).toContain('the first import, which is always published');
    expect(await empty.store.versions()).toEqual({ current: null, versions: [] });
  });
});

describe('API keys', () => {
  test('are accepted as Authorization: Bearer and as X-API-Key', async (t) => {
    const { app, keys } = await secured(t);
    expect((await app.inject({ url: '/api/grids', headers: bearer(keys.viewer) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/grids', headers: { 'x-api-key': keys.viewer } })).statusCode).toBe(200);
  });

  test.for([
    ['malformed', 'cg_nothex_abc', 'is not of the form'],
    ['unknown', `cg_000000000000_${'A'.repeat(43)}`, 'is not valid'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'is not of the form'],
  ])('a %s key is refused with 401, even where reads are public', async ([, key, why], t) => {
    const { app } = await secured(t, { auth: { publicRead: true } });
    const headers = key.startsWith('Basic') ? { authorization: key } : bearer(key);
    const res = await app.inject({ url: '/api/grids', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain(why);
    expect(res.body).not.toContain('A'.repeat(43)); // the secret is never echoed
  });

  test('a key with the right id and a wrong secret is refused', async (t) => {
    const { app, keys } = await secured(t);
    const forged = keys.admin.slice(0, -4) + (keys.admin.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const res = await app.inject({ url: '/api/keys', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/API key cg_[0-9a-f]{12}_… is not valid/);
  });

  test('POST /api/keys answers the key once; GET lists ids and roles without secrets or hashes', async (t) => {
    const { app, keys } = await secured(t);
    const made = await app.inject({
      method: 'POST',
      url: '/api/keys',
      payload: { role: 'reporter', label: '12345 hotline' },
      headers: bearer(keys.admin),
    });
    expect(made.statusCode).toBe(201);
    const body = made.json();
    expect(body).toMatchObject({ role: 'reporter', label: '12345 hotline', revoked_at: null, id: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(body.key).toMatch(new RegExp(`^cg_${body.id}_[A-Za-z0-9_-]{43}$`));
    const posted = await app.inject({ method: 'POST', url: '/api/reports', payload: REPORT, headers: bearer(body.key) });
    expect(posted.statusCode).toBe(201);

    const list = await app.inject({ url: '/api/keys', headers: bearer(keys.admin) });
    expect(list.json().keys.map((k: { role: string }) => k.role)).toEqual([...ROLES, 'reporter']);
    const secret = body.key.split('_').slice(2).join('_');
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('hash');
    for (const k of list.json().keys)
      expect(Object.keys(k).sort()).toEqual(['created_at', 'department', 'grids', 'id', 'label', 'person', 'revoked_at', 'role']);
  });

  test('a revoked key is refused at once; revoking twice changes nothing; an unknown id is 404', async (t) => {
    const { app, keys } = await secured(t);
    const id = keys.viewer.slice(3, 15);
    expect((await app.inject({ url: '/api/grids', headers: bearer(keys.viewer) })).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: bearer(keys.admin) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, role: 'viewer', revoked_at: expect.any(String) });
    const refused = await app.inject({ url: '/api/grids', headers: bearer(keys.viewer) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toContain('was revoked');
    const again = await app.inject({ method: 'DELETE', url: `/api/keys/${id}`, headers: bearer(keys.admin) });
    expect(again.json().revoked_at).toBe(revoked.json().revoked_at);
    const unknown = await app.inject({ method: 'DELETE', url: '/api/keys/0123456789ab', headers: bearer(keys.admin) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('CG_ERR_NOT_FOUND');
  });

  test('keys and revocations survive a restart; only the hash is stored', async (t) => {
    const { tempDir } = await import('../helper.ts');
    const dbPath = `${tempDir(t)}/keys.duckdb`;
    const first = await build(t, { auth: {}, dbPath });
    const { key, id } = await first.store.keys.create({ role: 'admin' });
    const { id: gone } = await first.store.keys.create({ role: 'viewer' });
    await first.store.keys.revoke(gone);
    await first.close();
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const raw = await DuckDBInstance.create(dbPath);
    const conn = await raw.connect();
    const rows = (await conn.runAndReadAll('SELECT * FROM api_keys ORDER BY created_at')).getRowObjectsJS();
    conn.closeSync();
    raw.closeSync();
    expect(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(key.slice(16));
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await build(t, { auth: {}, dbPath });
    expect((await again.inject({ url: '/api/keys', headers: bearer(key) })).json().keys).toMatchObject([
      { id, revoked_at: null },
      { id: gone, revoked_at: expect.any(String) },
    ]);
  });
});

describe('public reads', () => {
  test('with publicRead, reads answer without a key and writes still need one', async (t) => {
    const { app, keys } = await secured(t, { auth: { publicRead: true } });
    await app.store.insertReports([REPORT]);
    for (const r of ROUTES.filter((r) => r.need === 'viewer'))
      expect((await app.inject({ url: r.url })).statusCode, r.url).toBe(r.keyed ? 401 : 200);
    for (const r of ROUTES.filter((r) => r.need !== 'viewer')) {
      expect((await app.inject({ method: r.method, url: r.url, payload: r.payload as never })).statusCode, `${r.method} ${r.url}`).toBe(
        401,
      );
    }
    expect((await app.inject({ method: 'POST', url: '/api/reports', payload: REPORT, headers: bearer(keys.reporter) })).statusCode).toBe(
      201,
    );
  });

  test('a store without any key says how to make the first one', async (t) => {
    const app = await build(t, { auth: { publicRead: true } });
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: REPORT });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('no API keys yet: stop it, run citygrid keys create --role admin --db');
  });
});

describe('limits', () => {
  test('an anonymous request is refused before its body is read: 401, not 413', async (t) => {
    const { app } = await secured(t);
    const big = JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ ...REPORT, id: `big-${i}` })));
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: big, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(401);
  });

  test('the rate limit counts per key, and per address without one: 429 with Retry-After', async (t) => {
    const { app, keys } = await secured(t, { rateLimit: { max: 3, window_ms: 60_000 }, auth: { publicRead: true } });
    const statuses = async (headers: Record<string, string>) => {
      const out = [];
      for (let i = 0; i < 4; i++) out.push((await app.inject({ url: '/api/meta', headers })).statusCode);
      return out;
    };
    expect(await statuses(bearer(keys.viewer))).toEqual([200, 200, 200, 429]);
    expect(await statuses(bearer(keys.planner))).toEqual([200, 200, 200, 429]);
    expect(await statuses({})).toEqual([200, 200, 200, 429]);
    const res = await app.inject({ url: '/api/meta', headers: bearer(keys.viewer) });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({
      error: 'CG_ERR_RATE_LIMITED',
      message: expect.stringContaining('more than 3 requests in 1 minute'),
    });
  });

  test('invalid keys are rate limited per address, so guessing costs the guesser', async (t) => {
    const { app } = await secured(t, { rateLimit: { max: 2 } });
    const bad = bearer(`cg_000000000000_${'B'.repeat(43)}`);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ url: '/api/grids', headers: bad })).statusCode);
    expect(codes).toEqual([401, 401, 429]);
  });
});

describe('security headers', () => {
  test('every answer carries a CSP for the viewer (self, blob: workers, no other host), nosniff and no HSTS', async (t) => {
    const { app } = await secured(t);
    for (const url of ['/health', '/api/grids', '/docs/json']) {
      const res = await app.inject(url);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).not.toMatch(/https?:/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    expect((await app.inject('/api/grids')).headers['content-security-policy']).toContain("style-src 'self';");
    // Swagger UI injects <style> elements: allowed on /docs only.
    expect((await app.inject('/docs')).headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  });
});

describe('OpenAPI', () => {
  test("documents the key schemes and each operation's role", async (t) => {
    const { app } = await secured(t, { auth: { publicRead: true } });
    const doc = (await app.inject('/docs/json')).json();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKeyHeader', 'bearerAuth']);
    const importing = doc.paths['/api/grids'].post;
    expect(importing['x-citygrid-role']).toBe('planner');
    expect(importing.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(Object.keys(importing.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    expect(doc.paths['/api/grids/versions/{v}/publish'].post['x-citygrid-role']).toBe('admin');
    expect(doc.paths['/api/reports'].post['x-citygrid-role']).toBe('reporter');
    // Public reads: the empty requirement makes the key optional.
    expect(doc.paths['/api/grids'].get.security).toEqual([{}, { bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(doc.paths['/health'].get.security).toBeUndefined();
  });
});

describe('logs', () => {
  test('no secret reaches the log: not from headers, not from key management; the key id does', async (t) => {
    const lines: string[] = [];
    const { app, keys } = await secured(t, { logger: { level: 'info', stream: { write: (line) => void lines.push(line) } } });
    await app.inject({ url: '/api/grids', headers: bearer(keys.viewer) });
    await app.inject({ url: '/api/grids', headers: { 'x-api-key': keys.planner } });
    await app.inject({ url: '/api/grids', headers: bearer(keys.admin.slice(0, -2) + 'xx') });
    const made = (await app.inject({ method: 'POST', url: '/api/keys', payload: { role: 'viewer' }, headers: bearer(keys.admin) })).json();
    await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs, headers: bearer(keys.reporter) });
    // GeoReport v2 clients put the key in the query string, which the log's URL would show.
    await app.inject({ url: `/api/grids?api_key=${encodeURIComponent(keys.planner)}&version=1` });
    // A log call that adds the headers, as a careless handler might: redacted too.
    app.log.info({ headers: { authorization: `Bearer ${keys.admin}`, 'x-api-key': keys.admin } }, 'headers');
    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(8); // one line per request, and the handler's own
    for (const key of [...Object.values(keys), made.key]) expect(log).not.toContain(key.slice(16));
    expect(log).toContain('[redacted]');
    expect(log).toContain(`"key":"${keys.viewer.slice(3, 15)}"`);
    expect(log).toContain('"url":"/api/grids?api_key=[redacted]&version=1"');
  });
});
