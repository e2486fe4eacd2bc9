import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citygrid, startServe } from './cli.ts';

describe('citygrid keys', () => {
  it('creates a key printed once on stdout, lists it without the secret, revokes it; serve accepts it until then', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-keys-')), 'city.duckdb');
    const made = citygrid(['keys', 'create', '--role', 'admin', '--label', 'ops team', '--db', db]);
    expect(made.status).toBe(0);
    const key = made.stdout.trim();
    expect(key).toMatch(/^cg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const id = key.slice(3, 15);
    expect(made.stderr).toContain(`created admin key ${id}`);
    expect(citygrid(['keys', 'create', '--role', 'viewer', '--db', db]).status).toBe(0);

    const list = citygrid(['keys', 'list', '--db', db]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+admin\\s+active\\s+\\S+\\s+ops team`));
    expect(list.stdout).not.toContain(key.slice(16));
    const json = JSON.parse(citygrid(['keys', 'list', '--json', '--db', db]).stdout);
    expect(json.map((k: { role: string }) => k.role)).toEqual(['admin', 'viewer']);

    const server = await startServe(['--db', db, '--port', '0']);
    try {
      expect(server.output()).toContain('reads need a viewer key');
      expect((await fetch(`${server.url}/api/grids`)).status).toBe(401);
      expect((await fetch(`${server.url}/api/keys`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      // DuckDB lets one process open the file: the CLI says so instead of failing obscurely.
      const busy = citygrid(['keys', 'list', '--db', db]);
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain('is in use by another process');
      expect(busy.stderr).toContain('/api/keys');
    } finally {
      await server.stop();
    }

    const revoked = citygrid(['keys', 'revoke', id, '--db', db]);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`revoked admin key ${id} (ops team)`);
    expect(citygrid(['keys', 'list', '--db', db]).stdout).toMatch(new RegExp(`${id}\\s+admin\\s+revoked`));
    const again = await startServe(['--db', db, '--port', '0']);
    try {
      expect((await fetch(`${again.url}/api/keys`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('makes scoped case keys: --department for a department key, --grids for an inspector key; refuses a missing scope with the fix', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-keys-')), 'city.duckdb');
    const dept = citygrid(['keys', 'create', '--role', 'department', '--department', 'cgj', '--db', db]);
    expect(dept.status, dept.stderr).toBe(0);
    expect(dept.stderr).toContain('key');
    expect(dept.stderr).toContain('for department cgj');
    expect(citygrid(['keys', 'create', '--role', 'inspector', '--grids', 'A1,A2', '--db', db]).stderr).toContain('for grids A1, A2');
    const keys = JSON.parse(citygrid(['keys', 'list', '--json', '--db', db]).stdout);
    expect(keys.map((k: { role: string; department: string | null; grids: string[] | null }) => [k.role, k.department, k.grids])).toEqual([
      ['department', 'cgj', null],
      ['inspector', null, ['A1', 'A2']],
    ]);
    const missing = citygrid(['keys', 'create', '--role', 'department', '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('a key of role department needs the code of its department');
    expect(missing.stderr).toContain(
      'fix: a department key takes a department code ("department" in POST /api/keys, --department with the CLI)',
    );
  }, 60_000);

  it('serve without keys says that writes are refused and how to make the first key', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-keys-')), 'fresh.duckdb');
    const server = await startServe(['--db', db, '--port', '0', '--public-read']);
    try {
      expect(server.output()).toContain('reads are public (--public-read); no API keys yet');
      expect(server.output()).toContain(`citygrid keys create --role admin --db ${db}`);
      expect((await fetch(`${server.url}/api/grids`)).status).toBe(200);
      const post = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(post.status).toBe(401);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it.each([
    ['no action', ['keys'], 2, /expected one of create, list, revoke/],
    ['an unknown role', ['keys', 'create', '--role', 'mayor'], 2, /--role must be one of viewer, reporter, planner, admin/],
    ['a missing file', ['keys', 'list', '--db', '/nonexistent/x.duckdb'], 2, /cannot read/],
  ])('exits 2 on %s', (_why, args, status, message) => {
    const r = citygrid(args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 naming an unknown id on revoke', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-keys-')), 'city.duckdb');
    citygrid(['keys', 'create', '--role', 'viewer', '--db', db]);
    const r = citygrid(['keys', 'revoke', '0123456789ab', '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('API key "0123456789ab" not found');
  });
});
