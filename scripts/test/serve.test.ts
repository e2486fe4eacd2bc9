import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citygrid, startServe } from './cli.ts';

describe('citygrid serve', () => {
  it('loads the generated demo city into a new DuckDB file and serves it', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-serve-')), 'demo.duckdb');
    const server = await startServe(['--db', db, '--port', '0', '--demo', 'hanbin']);
    try {
      const health = await (await fetch(`${server.url}/health?detail=1`)).json();
      expect(health).toMatchObject({ status: 'ok', grids: 91, reports: 200_000 });
      const stats = await (await fetch(`${server.url}/api/stats/grids`)).json();
      expect(stats.grids).toHaveLength(91);
      expect(stats.total).toBe(200_000);
      expect(server.output()).toMatch(/demo loaded in/);
      // The demo runs on the Hanbin profile (data/profiles/hanbin.json), stored as version 1.
      expect(server.output()).toMatch(/profile: 汉滨区 \(version 1\)/);
      const report = (await (await fetch(`${server.url}/api/reports?limit=1`)).json()).reports[0];
      expect(report.department).toEqual(expect.any(String));
      // The demo takes writes: it printed a one-time admin key.
      const key = /local demo admin key, shown only this once[^\n]*\n {2}(cg_\S+)\n/.exec(server.output())?.[1];
      expect(key).toBeDefined();
      const written = await fetch(`${server.url}/api/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'viewer' }),
      });
      expect(written.status).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // A second start on the same file keeps the data and does not regenerate it, nor store the same profile again.
    const again = await startServe(['--db', db, '--port', '0', '--demo', 'hanbin']);
    try {
      expect(await (await fetch(`${again.url}/health?detail=1`)).json()).toMatchObject({ grids: 91, reports: 200_000 });
      expect(again.output()).not.toMatch(/loading demo/);
      expect(again.output()).not.toMatch(/admin key/);
      expect(again.output()).toMatch(/profile: 汉滨区 \(version 1\)/);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it.each([
    ['an unknown demo', ['--demo', 'atlantis'], /unknown demo/],
    ['a bad port', ['--port', 'eighty'], /not a port number/],
    ['a stray file argument', ['grids.geojson'], /serve takes no files/],
    ['a profile that is not valid', ['--profile', 'data/fixtures/profiles/bad.json'], /\/departments\/0\/level must be one of/],
    ['a profile that is missing', ['--profile', 'no-such-profile.json'], /no-such-profile.json does not exist/],
  ])('exits 2 on %s', (_why, args, message) => {
    const r = citygrid(['serve', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

/** A port held by another server for the test's length. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen({ host: '127.0.0.1', port: 0 }, done));
  return { port: (server.address() as AddressInfo).port, server };
}

describe('citygrid serve on a port in use', () => {
  it('says so in one line with the fix and exits 2, without a stack trace', async () => {
    const { port, server } = await takenPort();
    try {
      const r = citygrid(['serve', '--db', join(mkdtempSync(join(tmpdir(), 'citygrid-serve-')), 'x.duckdb'), '--port', String(port)]);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).toBe(
        `citygrid serve: port ${port} on 127.0.0.1 already in use\n  fix: stop the other server, choose a port with --port n (0: any free one), or add --port-auto to take the next free port\n`,
      );
    } finally {
      server.close();
    }
  });

  it('with --port-auto moves to the next free port and prints it', async () => {
    const { port, server } = await takenPort();
    const serve = await startServe([
      '--db',
      join(mkdtempSync(join(tmpdir(), 'citygrid-serve-')), 'x.duckdb'),
      '--port',
      String(port),
      '--port-auto',
    ]);
    try {
      expect(serve.output()).toContain(`port ${port} is in use; using `);
      expect(Number(new URL(serve.url).port)).toBeGreaterThan(port);
      expect((await fetch(`${serve.url}/health`)).status).toBe(200);
    } finally {
      await serve.stop();
      server.close();
    }
  });
});
