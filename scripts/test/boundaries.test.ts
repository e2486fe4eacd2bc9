import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '@citygrid/server';
import { describe, expect, it } from 'vitest';
import { externalFile, missingExternalReason } from '../external-data.ts';
import { ROOT, citygrid } from './cli.ts';

const TOWNS = resolve(ROOT, 'data/demo/towns.geojson');
const DISTRICT = resolve(ROOT, 'data/demo/district.geojson');
const tmp = () => mkdtempSync(join(tmpdir(), 'citygrid-boundaries-'));

async function levels(db: string) {
  const store = await openStore(db);
  try {
    return await store.areas.levels();
  } finally {
    await store.close();
  }
}

describe('citygrid boundaries import', () => {
  it('loads a level, keeps the others, and finds each street its district', async () => {
    const db = join(tmp(), 'city.duckdb');
    const d = citygrid(['boundaries', 'import', DISTRICT, '--level', 'district', '--db', db]);
    expect(d.stderr).toBe('');
    expect(d.stdout).toMatch(/imported 1 district units/);
    const t = citygrid(['boundaries', 'import', TOWNS, '--level', 'street', '--db', db]);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/imported 8 street units \(from 8 features; 8 with a parent\)/);
    expect(await levels(db)).toEqual([
      { level: 'district', units: 1 },
      { level: 'street', units: 8 },
    ]);
  });

  it('lists every bad feature with its index and fix, stores nothing, exits 2', async () => {
    const dir = tmp();
    const file = join(dir, 'bad.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Point', coordinates: [109, 32] } }],
      }),
    );
    const r = citygrid(['boundaries', 'import', file, '--level', 'street', '--db', join(dir, 'c.duckdb')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/feature 0: no "id" property\n {2}fix: /);
    expect(r.stderr).toMatch(/feature 0: expected Polygon or MultiPolygon, got "?Point/);
    expect(await levels(join(dir, 'c.duckdb'))).toEqual([]);
  });

  it('refuses an unknown level naming the levels', () => {
    const r = citygrid(['boundaries', 'import', TOWNS, '--level', 'town']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--level must be one of city, district, street, community, got "town"/);
  });
});

const areas = externalFile('la-311/areas.geojson');
if (!areas) console.warn(missingExternalReason('la-311/areas.geojson'));

describe.skipIf(!areas)('citygrid boundaries import on LA service regions (read in place)', () => {
  it('makes 12–13 street units from the 99 councils', async () => {
    const db = join(tmp(), 'la.duckdb');
    const r = citygrid([
      'boundaries',
      'import',
      areas!,
      '--level',
      'street',
      '--id-field',
      'service_region',
      '--name-field',
      'service_region',
      '--db',
      db,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/imported 1[23] street units \(from 99 features/);
  });
});
