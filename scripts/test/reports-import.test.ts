import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore } from '@citygrid/server';
import { describe, expect, it } from 'vitest';
import { cityFile } from './city-file.ts';
import { ROOT, citygrid } from './cli.ts';

const LA = resolve(ROOT, '../shared/data-external/la-311');

async function stored(db: string) {
  const store = await openStore(db);
  try {
    return (await store.queryReports({}, { limit: 100 })).reports;
  } finally {
    await store.close();
  }
}

describe('citygrid reports import', () => {
  it('stores every row routed and dispatched; zone-less times are read in the city timezone', async () => {
    const { dir, db } = await cityFile('reports');
    const csv = join(dir, 'r.csv');
    writeFileSync(
      csv,
      'id,lon,lat,category,created_at,description\nr1,109.005,32.685,06010,2026-01-05T08:00:00,垃圾\nr2,109.015,32.695,09009,2026-01-05T09:30:00Z,\n',
    );
    const r = citygrid(['reports', 'import', csv, '--db', db, '--source', '12345']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/imported 2 reports .*times without a zone read in \+08:00/);
    const reports = await stored(db);
    expect(reports.map((x) => [x.id, x.created_at, x.grid_id, x.department, x.description])).toEqual([
      ['r1', '2026-01-05T00:00:00.000Z', 'A1', 'cgj', '垃圾'], // 08:00 in Beijing
      ['r2', '2026-01-05T09:30:00.000Z', 'B2', 'gajj', null], // a zone given is kept
    ]);
  });

  it('stores nothing when a row is bad, naming its line (exit 2)', async () => {
    const { dir, db } = await cityFile('reports');
    const csv = join(dir, 'r.csv');
    writeFileSync(
      csv,
      'id,lon,lat,category,source\nr1,109.005,32.685,06010,12345\nr2,109.005,32.685,Bulky Items,12345\nr3,109.005,132.685,06010,fax\n',
    );
    const r = citygrid(['reports', 'import', csv, '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 3: .*unknown category "Bulky Items"/);
    expect(r.stderr).toMatch(/line 4: .*source/);
    expect(await stored(db)).toEqual([]);
  });

  it.skipIf(!existsSync(LA))(
    'imports Los Angeles 311 under its own profile: its categories, departments and Pacific time',
    async () => {
      const { db } = await cityFile('reports');
      const r = citygrid([
        'reports',
        'import',
        join(LA, 'reports.csv'),
        '--db',
        db,
        '--profile',
        resolve(ROOT, 'data/profiles/los-angeles.json'),
        '--source',
        'myla311',
      ]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/imported 37128 reports .* America\/Los_Angeles/);
      const store = await openStore(db);
      try {
        const first = (await store.queryReports({}, { limit: 1 })).reports[0];
        // 2017-12-27T13:36:22 in Los Angeles (PST, UTC−8).
        expect(first).toMatchObject({
          id: '1-866505430',
          category: 'Metal/Household Appliances',
          created_at: '2017-12-27T21:36:22.000Z',
          department: 'lasan',
          owner_level: 'city',
        });
      } finally {
        await store.close();
      }
    },
    60_000,
  );
});
