import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { decodeCursor, type Cursor } from '../../src/db/cursor.ts';
import { tempDir } from '../helper.ts';
import { childServer } from '../support/child-server.ts';

const report = (id: string) => ({ id, lon: 109.005, lat: 32.685, category: '06010', source: '12345' });

// Acknowledged = durable under group commit: 201s answered before SIGKILL are all in the
// file after reopening, each exactly once, even though the process died mid-group.
test('kill -9 during concurrent intake: every acknowledged report is stored exactly once after reopening', {
  timeout: 60_000,
}, async (t) => {
  const dbPath = join(tempDir(t), 'crash.duckdb');
  const { url, kill } = await childServer(dbPath);
  const acknowledged = new Set<string>();
  let killed = false;
  let next = 0;
  // 10 clients post one report at a time, retrying nothing, until the server dies.
  const client = async () => {
    while (!killed) {
      const id = `k${next++}`;
      try {
        const res = await fetch(`${url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(report(id)),
        });
        if (res.status === 201 && (await res.json()).reports[0].id === id) acknowledged.add(id);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
    }
  };
  const clients = Array.from({ length: 10 }, client);
  while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
  await kill();
  killed = true;
  await Promise.all(clients);

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
