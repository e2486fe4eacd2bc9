import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { openStore, type Store } from '../../src/index.ts';
import { tempDir } from '../helper.ts';
import { childServer, postUntilKilled } from '../support/child-server.ts';

const patrol = (id: string, lon = 109.005) => ({ id, lon, lat: 32.685, category: '06010', source: 'patrol' });

/** Report id → case id, for every report in a case. */
async function casesOf(store: Store): Promise<Map<string, string>> {
  await store.cases.settled();
  const rows = await store.db.read(async (conn) =>
    (await conn.runAndReadAll('SELECT report_id, case_id FROM case_reports')).getRowObjectsJS(),
  );
  return new Map(rows.map((r) => [r.report_id as string, r.case_id as string]));
}

describe('automatic intake survives a crash', () => {
  test('a report stored without its intake (the process died in between) is taken in when the store opens again, once', async (t) => {
    const dbPath = join(tempDir(t), 'intake.duckdb');
    const first = await openStore(dbPath);
    await first.reports.insertReports([patrol('before')]);
    await first.close();
    // What a crash leaves: the report's row is committed, its intake never ran.
    const raw = await DuckDBInstance.create(dbPath);
    const conn = await raw.connect();
    await conn.run(`INSERT INTO reports (id, lon, lat, category, source, created_at, received_at, seq, owner_level, dispatch_rule, category_known)
      VALUES ('orphan', 109.02, 32.685, '06010', 'patrol', now()::TIMESTAMP, now()::TIMESTAMP, 2, 'district', '/dispatch/default', true)`);
    conn.closeSync();
    raw.closeSync();

    const second = await openStore(dbPath);
    const cases = await casesOf(second);
    expect([...cases.keys()].sort()).toEqual(['before', 'orphan']);
    await second.close();
    // Taken in once: a third start finds nothing owed.
    const third = await openStore(dbPath);
    t.onTestFinished(() => third.close());
    expect(await casesOf(third)).toEqual(cases);
  });

  test('reports loaded in bulk are never taken in, before or after a restart', async (t) => {
    const dbPath = join(tempDir(t), 'bulk.duckdb');
    const first = await openStore(dbPath);
    await first.reports.insertReportsBulk([patrol('b1'), patrol('b2', 109.02)]);
    expect(await casesOf(first)).toEqual(new Map());
    await first.close();
    // Past the cursor, as reports whose intake a crash stopped would be, but a bulk load's.
    const second = await openStore(dbPath);
    expect(await casesOf(second)).toEqual(new Map());
    await second.reports.insertReports([patrol('live', 109.04)]);
    expect([...(await casesOf(second)).keys()]).toEqual(['live']);
    await second.close();
    const third = await openStore(dbPath);
    t.onTestFinished(() => third.close());
    expect([...(await casesOf(third)).keys()]).toEqual(['live']);
  });

  test('kill -9 while field reports arrive: every acknowledged patrol report has its case after reopening', {
    timeout: 60_000,
  }, async (t) => {
    const dbPath = join(tempDir(t), 'crash.duckdb');
    // Each report 100 m east of the last: none is a duplicate of another's case.
    const { acknowledged } = await postUntilKilled(await childServer(dbPath), (n) => patrol(`p${n}`, 109 + n * 0.001), 5, 100);

    const store = await openStore(dbPath);
    t.onTestFinished(() => store.close());
    const cases = await casesOf(store);
    expect([...acknowledged].filter((id) => !cases.has(id))).toEqual([]);
    // One case each: none taken in twice.
    expect(new Set(cases.values()).size).toBe(cases.size);
  });
});
