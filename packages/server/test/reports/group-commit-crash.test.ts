import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { decodeCursor, type Cursor } from '../../src/db/cursor.ts';
import { tempDir } from '../helper.ts';
import { childServer, postUntilKilled } from '../support/child-server.ts';

const report = (id: string) => ({ id, lon: 109.005, lat: 32.685, category: '06010', source: '12345' });

// Acknowledged = durable under group commit: 201s answered before SIGKILL are all in the
// file after reopening, each exactly once, even though the process died mid-group.
test('kill -9 during concurrent intake: every acknowledged report is stored exactly once after reopening', {
  timeout: 60_000,
}, async (t) => {
  const dbPath = join(tempDir(t), 'crash.duckdb');
  // 10 clients post one report at a time, retrying nothing, until the server dies.
  const { acknowledged, sent: next } = await postUntilKilled(await childServer(dbPath), (n) => report(`k${n}`), 10, 300);

  const store = await openStore(dbPath);
  t.onTestFinished(() => store.close());
  const ids: string[] = [];
  for (let after: Cursor | undefined; ; ) {
    const page = await store.reports.queryReports({}, { limit: 1000, after });
    ids.push(...page.reports.map((r) => r.id));
    if (!page.next) break;
    after = decodeCursor(page.next) ?? undefined;
  }
  const missing = [...acknowledged].filter((id) => !ids.includes(id));
  expect(missing).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
  // Nothing stored that was never posted; some posted ones may be stored without their 201.
  expect(ids.every((id) => /^k\d+$/.test(id) && Number(id.slice(1)) < next)).toBe(true);
});
