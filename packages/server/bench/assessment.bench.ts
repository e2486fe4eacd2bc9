// Assessment over HTTP (app.inject: routing, validation, serialisation included), on a DuckDB
// file with N imported case histories (1M by default) spread over a year, 5 % of closed cases
// rated, a grid worker's check-ins on most days:
//  1. the first table after the import, which builds case_facts by replaying every case;
//  2. GET /api/assessment?level=grid&period=<a month> p50/p95 (the table, its previous two
//     months for `previous` and `three-fails`), the same for departments, a quarter, CSV and
//     Excel, and a table right after one new event (the incremental refresh), against two
//     floors measured in the same run: GET /health (what a request costs with no work
//     behind it) and a bare `SELECT count(*)` of the month's handled cases in case_facts
//     (what DuckDB needs to touch the rows at all).
//
//   pnpm bench assessment [--cases 1000000] [--reps 30] [--seed 1] [--db file]
//
// Results go to docs/benchmarks.md with the machine line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32, parsePeriod, parseGrids } from '@citygrid/core';
import { machineFacts, sig, sink, int } from '../../core/bench/harness.ts';
import { build, openStore, UNCHECKED } from '../src/index.ts';

const { values } = parseArgs({
  options: { cases: { type: 'string' }, reps: { type: 'string' }, seed: { type: 'string' }, db: { type: 'string' } },
});
const N = Number(values.cases ?? 1_000_000);
const REPS = Number(values.reps ?? 30);
const random = mulberry32(Number(values.seed ?? 1));
const dir = mkdtempSync(join(tmpdir(), 'citygrid-assessment-bench-'));
const dbPath = values.db ?? join(dir, 'assessment.duckdb');
const GRIDS = ['A1', 'A2', 'B1', 'B2'];
const DEPARTMENTS = ['cgj', 'gajj', 'jtj', 'scjg', 'zjj'];
const MONTH = '2026-06';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Cases open over the year before 2026-12-01 (+08:00), in working hours.
const YEAR_START = Date.parse('2025-12-01T00:00:00+08:00');

console.log(machineFacts());
const store = await openStore(dbPath);
const parsed = parseGrids(JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/grid-2x2/grids.geojson'), 'utf8')));
if (!parsed.ok) throw new Error('grid fixture');
await store.replaceGrids(parsed.gridSet);
const app = await build({ store, auth: false, rateLimit: false });
try {
  let t0 = performance.now();
  const closed = await importCases(N);
  console.log(
    `imported ${int(N)} cases in ${sig((performance.now() - t0) / 1000)} s (POST /api/cases/import's service, 20,000 a transaction)`,
  );
  await store.ratings.importRatings(
    closed
      .filter(() => random() < 0.05)
      .map(([id, at]) => ({
        case_id: id,
        report_id: `r-${id}`,
        rating: 1 + Math.floor(random() * 5),
        comment: null,
        channel: 'import',
        rated_at: new Date(at + DAY).toISOString(),
      })),
  );
  await store.people.insert(GRIDS.map((g, i) => ({ id: `W${i}`, name: `网格员${i}`, role: 'full-time', grids: [g] })));
  const checkins = [];
  for (let d = 0; d < 365; d++)
    for (const [i, g] of GRIDS.entries())
      if (random() < 0.5)
        checkins.push({
          patrol_id: `p-${d}-${g}`,
          person_id: `W${i}`,
          grid_id: g,
          checked_in_at: YEAR_START + d * DAY + 3 * HOUR,
          lon: 109,
          lat: 32.68,
        });
  await store.assessment.addCheckins(checkins);

  t0 = performance.now();
  ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}`), 200);
  console.log(`first table (case_facts built by replaying every case): ${sig((performance.now() - t0) / 1000)} s`);

  const period = parsePeriod(MONTH, '+08:00');
  const floorSql = async () =>
    store.db.read(async (conn) => {
      const rows = await conn.runAndReadAll('SELECT count(*) AS n FROM case_facts WHERE handled_at >= $s AND handled_at < $e', {
        s: BigInt(period.start),
        e: BigInt(period.end),
      });
      return Number(rows.getRowObjectsJS()[0].n);
    });
  const rows: Array<[string, () => Promise<number>]> = [
    ['GET /health (floor)', async () => ok(await app.inject('/health'), 200).rawPayload.length],
    ['SELECT count(*) of the month (floor)', floorSql],
    [`grid, ${MONTH}`, async () => ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}`), 200).rawPayload.length],
    [`department, ${MONTH}`, async () => ok(await app.inject(`/api/assessment?level=department&period=${MONTH}`), 200).rawPayload.length],
    ['grid, 2026-Q2', async () => ok(await app.inject('/api/assessment?level=grid&period=2026-Q2'), 200).rawPayload.length],
    [
      `grid, ${MONTH}, csv`,
      async () => ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}&format=csv`), 200).rawPayload.length,
    ],
    [
      `grid, ${MONTH}, xlsx`,
      async () => ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}&format=xlsx`), 200).rawPayload.length,
    ],
    [`explain grid A1, ${MONTH}`, async () => ok(await app.inject(`/api/assessment/grid/A1?period=${MONTH}`), 200).rawPayload.length],
    [`grid, ${MONTH}, after 1 new event`, afterOneEvent],
  ];
  console.log(`\n${REPS} reps                                   p50 ms     p95 ms   ratio p95 / SQL floor`);
  let floor = 0;
  for (const [label, run] of rows) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t = performance.now();
      sink.value += await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    if (label.startsWith('SELECT')) floor = q(0.95);
    const ratio = floor > 0 && !label.includes('floor') ? sig(q(0.95) / floor) : '';
    console.log(`${label.padEnd(40)} ${sig(q(0.5)).padStart(8)} ${sig(q(0.95)).padStart(10)}   ${ratio}`);
  }
} finally {
  await app.close();
  await store.close();
  if (!values.db) rmSync(dir, { recursive: true, force: true });
}
console.log(`sink ${sink.value}`);

/** Accepts one fresh case (an event after the facts' mark), then reads the table: the refresh of one case plus the query. */
async function afterOneEvent(): Promise<number> {
  const id = `fresh-${sink.value}-${Math.floor(random() * 1e9)}`;
  await store.cases.importCases(
    JSON.stringify({ opening: { id, at: new Date().toISOString(), category: '06010', grid_id: 'A1', department: 'cgj' }, events: [] }),
    UNCHECKED,
  );
  return ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}`), 200).rawPayload.length;
}

/**
 * Imports `n` cases in chunks: each opened at a random working hour of the year, walked a
 * random number of steps of the loop (most to the end), some steps late, 3 % failing one
 * verification. Returns the closed ones with their closing time.
 */
async function importCases(n: number): Promise<Array<[string, number]>> {
  const CHUNK = 20_000;
  const closed: Array<[string, number]> = [];
  for (let start = 0; start < n; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const id = `c-${i}`;
      const day = Math.floor(random() * 365);
      let at = YEAR_START + day * DAY + (1 + Math.floor(random() * 8)) * HOUR;
      const department = DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)];
      const grid = GRIDS[Math.floor(random() * GRIDS.length)];
      const opening = { id, at: iso(at), category: '06010', grid_id: grid, department, reports: [`r-${id}`] };
      const step = (late: number) => {
        at += random() < late ? 3 * DAY : 20 * 60_000 + Math.floor(random() * HOUR);
        return iso(at);
      };
      const loop = [
        () => ({ action: 'accept', at: step(0.02), actor: { role: 'operator' } }),
        () => ({ action: 'register', at: step(0.03), actor: { role: 'supervisor' } }),
        () => ({ action: 'dispatch', at: step(0.05), actor: { role: 'dispatcher' }, department }),
        () => ({ action: 'handle', at: step(0.1), actor: { role: 'department', department }, note: '已处置' }),
        () =>
          random() < 0.03
            ? { action: 'fail-verification', at: step(0.05), actor: { role: 'inspector', grids: [grid] }, note: '未整改' }
            : { action: 'verify', at: step(0.05), actor: { role: 'inspector', grids: [grid] } },
        () => ({ action: 'close', at: step(0.02), actor: { role: 'supervisor' } }),
      ];
      const steps = random() < 0.8 ? 6 : Math.floor(random() * 6);
      const events: Array<{ action: string }> = [];
      for (let s = 0; s < steps; s++) {
        const e = loop[s]();
        events.push(e);
        if (e.action === 'fail-verification') break;
      }
      if (events.at(-1)?.action === 'close') closed.push([id, at]);
      lines.push(JSON.stringify({ opening, events }));
    }
    await store.cases.importCases(lines.join('\n'), UNCHECKED);
  }
  return closed;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function ok<T extends { statusCode: number; body: string }>(res: T, status: number): T {
  if (res.statusCode !== status) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res;
}
