import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '@citygrid/server';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const GOOD = resolve(ROOT, 'packages/core/test/fixtures/tiling-2x2.geojson');

describe('citygrid publish', () => {
  it('makes a draft from import --draft current; an unknown version exits 2 with the fix', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-publish-')), 'city.duckdb');
    expect(citygrid(['import', GOOD, '--db', db]).status).toBe(0);
    expect(citygrid(['import', GOOD, '--db', db, '--draft']).stdout).toMatch(/as version 2 \(draft; version 1 stays current\)/);
    const r = citygrid(['publish', '2', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/published version 2 in .* \(was 1\): 0 stored reports changed grid/);
    const store = await openStore(db);
    try {
      expect(store.grids.current()?.version).toBe(2);
    } finally {
      await store.close();
    }
    const unknown = citygrid(['publish', '9', '--db', db]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/grid version 9 does not exist/);
    expect(citygrid(['publish', 'two', '--db', db]).status).toBe(2);
  });
});
