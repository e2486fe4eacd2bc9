import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citygrid, startServe } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'citygrid-db-path-'));
const geojson = join(dir, 'grids.geojson');
writeFileSync(geojson, '{"type":"FeatureCollection","features":[]}\n');

describe('--db that cannot be a DuckDB file: exit 2 with a message, no stack', () => {
  it.each([
    ['serve, a missing folder', ['serve', '--port', '0', '--db', join(dir, 'nope', 'x.duckdb')], /folder .*nope does not exist/],
    ['serve, a folder', ['serve', '--port', '0', '--db', dir], /is a folder, not a file/],
    ['serve, a GeoJSON file', ['serve', '--port', '0', '--db', geojson], /is not a DuckDB file \(it looks like JSON/],
    ['keys, a GeoJSON file', ['keys', 'list', '--db', geojson], /is not a DuckDB file/],
    ['import, a folder', ['import', 'packages/server/test/fixtures/grid-2x2/grids.geojson', '--db', dir], /is a folder/],
  ])('%s', (_why, args, message) => {
    const r = citygrid(args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(2);
  });
});

describe('serve --log-file, --log-level', () => {
  it('appends one JSON line per request to the file, with the request id the answer carries', async () => {
    const log = join(dir, 'serve.log');
    const serve = await startServe(['--db', join(dir, 'log.duckdb'), '--port', '0', '--log-file', log]);
    let id: string | null;
    try {
      const res = await fetch(`${serve.url}/health`);
      id = res.headers.get('x-request-id');
    } finally {
      await serve.stop();
    }
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.reqId === id)).toMatchObject({ msg: 'request', route: '/health', status: 200 });
  });

  it('refuses an unknown level and a log file in a missing folder with exit 2', () => {
    expect(citygrid(['serve', '--log-level', 'loud']).stderr).toMatch(/--log-level loud is not a level; use one of debug, info/);
    const r = citygrid(['serve', '--log-file', join(dir, 'nope', 'x.log')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/folder .*nope does not exist/);
  });
});
