import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '@citygrid/server';
import { describe, expect, it } from 'vitest';
import { ROOT, citygrid } from './cli.ts';

const GOOD = resolve(ROOT, 'packages/core/test/fixtures/tiling-2x2.geojson');
const BAD = resolve(ROOT, 'packages/core/test/fixtures/parse-grids/many-problems.geojson');

async function gridCount(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    return store.gridSet()?.grids.length ?? 0;
  } finally {
    await store.close();
  }
}

describe('citygrid import', () => {
  it('stores valid grids and says how many', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'city.duckdb');
    const r = citygrid(['import', GOOD, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported 4 grids \(4\.\d\d km²\)/);
    expect(await gridCount(db)).toBe(4);
  });

  it('makes a version per import: published, or a draft with --draft that leaves the current one serving', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'city.duckdb');
    expect(citygrid(['import', GOOD, '--db', db, '--draft']).stdout).toMatch(/as version 1 \(published, 0 stored reports changed grid\)/);
    const draft = citygrid(['import', GOOD, '--db', db, '--draft']);
    expect(draft.status).toBe(0);
    expect(draft.stdout).toMatch(/as version 2 \(draft; version 1 stays current\)/);
    expect(citygrid(['import', GOOD, '--db', db]).stdout).toMatch(/as version 3 \(published/);
    const store = await openStore(db);
    try {
      expect((await store.versions()).versions.map((v) => [v.version, v.status])).toEqual([
        [3, 'current'],
        [2, 'draft'],
        [1, 'retired'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('lists every bad feature with its fix, exits 2 and stores nothing', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'city.duckdb');
    const r = citygrid(['import', BAD, '--db', db]);
    expect(r.status).toBe(2);
    for (const expected of [
      /feature 1 \(id "b"\): expected Polygon or MultiPolygon, got "Point"/,
      /feature 2 \(id "c"\): ring 0 is not closed/,
      /feature 4 \(id "e"\): coordinates \[32\.7,109\.04\] look like \[lat, lon\]/,
      /feature 3 \(id "a"\): id "a" is used by features 0, 3/,
    ]) {
      expect(r.stderr).toMatch(expected);
    }
    expect(r.stderr.match(/  fix: /g)).toHaveLength(4);
    expect(await gridCount(db)).toBe(0);
  });

  it('keeps the grids already stored when a later import fails', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'city.duckdb');
    expect(citygrid(['import', GOOD, '--db', db]).status).toBe(0);
    expect(citygrid(['import', BAD, '--db', db]).status).toBe(2);
    expect(await gridCount(db)).toBe(4);
  });

  it('refuses overlapping grids (exit 1, nothing stored) unless --force', async () => {
    const overlapping = resolve(ROOT, 'packages/server/test/fixtures/coverage-overlap.geojson');
    const db = join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'city.duckdb');
    const refused = citygrid(['import', overlapping, '--db', db]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/overlap of A1, A2 52,003 m²[\s\S]*nothing stored/);
    expect(await gridCount(db)).toBe(0);
    const forced = citygrid(['import', overlapping, '--db', db, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toMatch(/warning: overlap of A1, A2/);
    expect(await gridCount(db)).toBe(4);
  });

  it('exits 2 on a missing file, naming it, and on a wrong --id-field', () => {
    expect(citygrid(['import', '/nonexistent.geojson'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/cannot read \/nonexistent\.geojson/),
    });
    const r = citygrid(['import', GOOD, '--id-field', 'code', '--db', join(mkdtempSync(join(tmpdir(), 'citygrid-import-')), 'x.duckdb')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/feature 0: no "code" property[\s\S]*--id-field/);
  });

  it('prints help with an example', () => {
    expect(citygrid(['import', '--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/example: citygrid import/) });
  });
});
