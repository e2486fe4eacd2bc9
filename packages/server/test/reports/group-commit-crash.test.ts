import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openStore } from '../../src/index.ts';
import { decodeCursor, type Cursor } from '../../src/db/cursor.ts';
import { tempDir } from '../helper.ts';

const CHILD = join(import.meta.dirname, '../support/serve-child.ts');
const report = (id: string) => ({ id, lon: 109.005, lat: 32.685, category: '06010', source: '12345' });

/** Starts the server on `dbPath` in a child process; resolves with its URL and the child. */
function serve(dbPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<{ url: string; child: typeof child }>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

// Acknowledged = durable under group commit: 201s answered before SIGKILL are all in the
// file after reopening, each exactly once, even though the process died mid-group.
test('kill -9 during concurrent intake: every acknowledged report is stored exactly once after reopening', {
  timeout: 60_000,
}, async (t) => {
  const dbPath = join(tempDir(t), 'crash.duckdb');
  const { url, child } = await serve(dbPath);
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
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  killed = true;
  await exited;
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
