// Cases over HTTP (app.inject: routing, validation, serialisation included), on a DuckDB file:
//  1. transitions per second: POST /api/cases/{id}/events walking cases from reported to
//     closed, one at a time and 8 in flight (they queue on the one write lock; each answers
//     after its COMMIT), against GET /health per second in the same run (the floor: what a
//     request costs with no work behind it);
//  2. GET /api/cases p50/p95 on N imported cases (1M by default), first pages with filters and
//     a deep page by cursor, against GET /health p95 in the same run.
//
//   pnpm bench cases [--cases 1000000] [--walks 200] [--reps 50] [--seed 1] [--db file]
//
// Results go to docs/cases.md with the machine line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32, parseGrids } from '@citygrid/core';
import { machineFacts, sig, sink, int } from '../../core/bench/harness.ts';
import { build, openStore, UNCHECKED } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    walks: { type: 'string' },
    reps: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
  },
});
const N = Number(values.cases ?? 1_000_000);
const WALKS = Number(values.walks ?? 200);
const REPS = Number(values.reps ?? 50);
const random = mulberry32(Number(values.seed ?? 1));
const dir = mkdtempSync(join(tmpdir(), 'citygrid-cases-bench-'));
const dbPath = values.db ?? join(dir, 'cases.duckdb');
const GRIDS = ['A1', 'A2', 'B1', 'B2'];
const DEPARTMENTS = ['cgj', 'gajj', 'jtj', 'scjg', 'zjj'];
const WALK = [
  { action: 'accept' },
  { action: 'register' },
  { action: 'dispatch', department: 'cgj' },
  { action: 'handle', note: '已处置' },
  { action: 'verify' },
  { action: 'close' },
];

console.log(machineFacts());
const store = await openStore(dbPath);
const parsed = parseGrids(JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/grid-2x2/grids.geojson'), 'utf8')));
if (!parsed.ok) throw new Error('grid fixture');
await store.replaceGrids(parsed.gridSet);
const app = await build({ store, auth: false, rateLimit: false });
try {
  // 1. Transitions per second, durable: each 201 comes after its COMMIT.
  await importCases(WALKS * 2, 'walk', false);
  const health = await perSecond(async () => ok(await app.inject('/health'), 200), 2000);
  for (const [label, inFlight, prefix] of [
    ['one at a time', 1, 'walk-0'],
    ['8 in flight', 8, 'walk-1'],
  ] as const) {
    const ids = Array.from({ length: WALKS }, (_, i) => `${prefix}-${i}`);
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        for (let v = 0; v < WALK.length; v++)
          ok(await app.inject({ method: 'POST', url: `/api/cases/${id}/events`, payload: { ...WALK[v], expected_version: v + 1 } }), 201);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const s = (performance.now() - t0) / 1000;
    const n = ids.length * WALK.length;
    console.log(
      `transitions, ${label.padEnd(14)} ${int(n)} in ${sig(s)} s: ${int(n / s)} /s (GET /health floor ${int(health)} /s, ratio ${sig(health / (n / s))})`,
    );
  }
  const audit = await app.inject('/api/audit/verify');
  console.log(`audit verify after the walks: ${audit.json().ok ? 'ok' : 'BROKEN'}, ${int(audit.json().events)} events`);

  // 2. GET /api/cases on N cases.
  const t0 = performance.now();
  await importCases(N, 'c', true);
  console.log(
    `\nimported ${int(N)} cases in ${sig((performance.now() - t0) / 1000)} s (POST /api/cases/import's service, 20,000 a transaction)`,
  );
  const deep = await cursorAfter(50);
  const queries: Array<[string, string]> = [
    ['GET /health (floor)', '/health'],
    ['first page, all', '/api/cases'],
    ['overdue=true', '/api/cases?overdue=true'],
    ['stage=registered', '/api/cases?stage=registered'],
    ['department=cgj', '/api/cases?department=cgj'],
    ['grid=A1&stage=reported', '/api/cases?grid=A1&stage=reported'],
    ['page 51 by cursor', `/api/cases?cursor=${deep}`],
  ];
  console.log(`\nGET (limit 100, ${REPS} reps)           p50 ms     p95 ms   bytes`);
  for (const [label, url] of queries) {
    const first = ok(await app.inject(url), 200);
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      sink.value += ok(await app.inject(url), 200).rawPayload.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    console.log(`${label.padEnd(34)} ${sig(q(0.5)).padStart(8)} ${sig(q(0.95)).padStart(10)}   ${first.rawPayload.length}`);
  }
} finally {
  await app.close();
  await store.close();
  if (!values.db) rmSync(dir, { recursive: true, force: true });
}
console.log(`sink ${sink.value}`);

/** Imports `n` cases in chunks: openings a year back, some accepted or registered; `walk` ones all fresh in reported. */
async function importCases(n: number, prefix: string, mixed: boolean): Promise<void> {
  const CHUNK = 20_000;
  const year = 365 * 86_400_000;
  const now = Date.now();
  for (let start = 0; start < n; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const at = mixed ? now - Math.floor(random() * year) : now - 60_000;
      const grid = GRIDS[Math.floor(random() * GRIDS.length)];
      const opening = {
        id: mixed ? `${prefix}-${i}` : `${prefix}-${Math.floor(i / (n / 2))}-${i % (n / 2)}`,
        at: new Date(at).toISOString(),
        category: '06010',
        grid_id: grid,
        department: DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)],
        lon: 109.005,
        lat: 32.685,
      };
      const stage = mixed ? Math.floor(random() * 3) : 0;
      const events = [
        { action: 'accept', at: new Date(at + 600_000).toISOString(), actor: { role: 'operator' } },
        { action: 'register', at: new Date(at + 1_200_000).toISOString(), actor: { role: 'supervisor' } },
      ].slice(0, stage);
      lines.push(JSON.stringify({ opening, events }));
    }
    await store.cases.importCases(lines.join('\n'), UNCHECKED);
  }
}

/** How many times `fn` runs per second, sequentially, for about `ms`. */
async function perSecond(fn: () => Promise<unknown>, ms: number): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** The cursor after `pages` pages of the unfiltered list. */
async function cursorAfter(pages: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < pages; i++) cursor = ok(await app.inject(`/api/cases${cursor ? `?cursor=${cursor}` : ''}`), 200).json().next;
  return cursor;
}

function ok<T extends { statusCode: number; body: string }>(res: T, status: number): T {
  if (res.statusCode !== status) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res;
}
