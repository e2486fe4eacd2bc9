// Assessment over HTTP (app.inject: routing, validation, serialisation included), two parts:
//  1. end to end on --import case histories (20,000 by default) imported through POST
//     /api/cases/import's service: the first table, which builds case_facts by replaying every
//     case through core (cases per second);
//  2. on a DuckDB file with --cases case_facts rows (1M by default, a year of cases, 5 % of
//     closed cases rated, a grid worker's check-ins on most days) written by one INSERT … SELECT
//     (the rows the refresh derives, drawn in SQL: replaying 1M histories on this shared VM takes
//     longer than the bench may): GET /api/assessment?level=grid&period=<a month> p50/p95 (the table, its previous two
//     months for `previous` and `three-fails`), the same for departments, a quarter, CSV and
//     Excel, and a table right after one new event (the incremental refresh), against two
//     floors measured in the same run: GET /health (what a request costs with no work
//     behind it) and a bare `SELECT count(*)` of the month's handled cases in case_facts
//     (what DuckDB needs to touch the rows at all).
//
//   pnpm bench assessment [--cases 1000000] [--import 20000] [--reps 30] [--seed 1]
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
  options: { cases: { type: 'string' }, import: { type: 'string' }, reps: { type: 'string' }, seed: { type: 'string' } },
});
const N = Number(values.cases ?? 1_000_000);
const IMPORTED = Number(values.import ?? 20_000);
const REPS = Number(values.reps ?? 30);
const random = mulberry32(Number(values.seed ?? 1));
const dir = mkdtempSync(join(tmpdir(), 'citygrid-assessment-bench-'));
const GRIDS = ['A1', 'A2', 'B1', 'B2'];
const DEPARTMENTS = ['cgj', 'gajj', 'jtj', 'scjg', 'zjj'];
const MONTH = '2026-06';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Cases open over the year before 2026-12-01 (+08:00), in working hours.
const YEAR_START = Date.parse('2025-12-01T00:00:00+08:00');

console.log(machineFacts());
const parsed = parseGrids(JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/grid-2x2/grids.geojson'), 'utf8')));
if (!parsed.ok) throw new Error('grid fixture');
const gridSet = parsed.gridSet;

// 1. End to end: import, then the first table replays every case into case_facts.
let { store, app } = await open('imported.duckdb');
try {
  let t0 = performance.now();
  await importCases(IMPORTED);
  const importS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  ok(await app.inject(`/api/assessment?level=grid&period=${MONTH}`), 200);
  const buildS = (performance.now() - t0) / 1000;
  console.log(
    `imported ${int(IMPORTED)} cases in ${sig(importS)} s; first table (case_facts built by replaying every case) ${sig(buildS)} s: ${int(IMPORTED / buildS)} cases/s`,
  );
} finally {
  await app.close();
  await store.close();
}

// 2. The table over N cases' facts.
({ store, app } = await open('facts.duckdb'));
try {
  const t0 = performance.now();
  await writeFacts(N);
  console.log(`\nwrote ${int(N)} case_facts rows, their reports and ratings in ${sig((performance.now() - t0) / 1000)} s`);
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
  rmSync(dir, { recursive: true, force: true });
}
console.log(`sink ${sink.value}`);

/** A store on a new file in the bench's folder with the 2×2 grids, and an app on it. */
async function open(name: string) {
  const store = await openStore(join(dir, name));
  await store.replaceGrids(gridSet);
  return { store, app: await build({ store, auth: false, rateLimit: false }) };
}

/**
 * N cases' facts over the year, drawn by DuckDB: opened in working hours; 90 % registered 20
 * minutes later; of those 85 % dispatched within 2 h (due 1 h after registering); 80 % handled
 * within 3 days (due 2 days after dispatch); verified within 1.5 days (due 1 day), 3 % failing
 * first; closed an hour later. Each case's first report (patrol a third of the time) is stored,
 * and 5 % of closed cases are rated. The facts mark is set as a refresh leaves it.
 */
async function writeFacts(n: number): Promise<void> {
  const h = HOUR;
  await store.db.write(async (conn) => {
    await conn.run(`CREATE TEMP TABLE draw AS
      SELECT i, ${YEAR_START} + (random() * 365)::BIGINT * ${DAY} + (1 + random() * 8)::BIGINT * ${h} AS opened_at,
        random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
      FROM range(${n}) t(i)`);
    await conn.run(`INSERT INTO case_facts
      SELECT 'c-' || i, ['A1', 'A2', 'B1', 'B2'][1 + i % 4], ['cgj', 'gajj', 'jtj', 'scjg', 'zjj'][1 + i % 5], 'r-' || i, opened_at, r1 < 0.01,
        reg, reg + ${h}, dis, dis + 2 * ${DAY}, han, han + ${DAY}, chk, CASE WHEN r5 >= 0.03 THEN chk END, CASE WHEN r5 >= 0.03 THEN chk + ${h} END,
        CASE WHEN r5 < 0.03 THEN 1 ELSE 0 END, CASE WHEN r6 < 0.33 THEN 'patrol' WHEN r6 < 0.4 THEN 'camera' ELSE '12345' END
      FROM (SELECT *, CASE WHEN r1 < 0.9 THEN opened_at + ${h / 3} END AS reg FROM draw) a,
        LATERAL (SELECT CASE WHEN r2 < 0.85 THEN reg + (r2 * 2 * ${h})::BIGINT END AS dis) b,
        LATERAL (SELECT CASE WHEN r3 < 0.8 THEN dis + (r3 * 3.75 * ${DAY})::BIGINT END AS han) c,
        LATERAL (SELECT han + (r4 * 1.5 * ${DAY})::BIGINT AS chk) d`);
    await conn.run(`INSERT INTO reports (id, lon, lat, category, source, created_at, grid_id, received_at)
      SELECT 'r-' || i, 109.005, 32.685, '06010', CASE WHEN r6 < 0.33 THEN 'patrol' WHEN r6 < 0.4 THEN 'camera' ELSE '12345' END, make_timestamp(opened_at * 1000), NULL, make_timestamp(opened_at * 1000)
      FROM draw`);
    await conn.run(`INSERT INTO case_ratings
      SELECT case_id, 'report:' || first_report, 1 + (random() * 4.99)::INTEGER, NULL, first_report, 'import', make_timestamp((closed_at + ${DAY}) * 1000)
      FROM case_facts WHERE closed_at IS NOT NULL AND random() < 0.05`);
    await conn.run('DROP TABLE draw');
    const version = store.profiles.current().version;
    await conn.run(`INSERT OR REPLACE INTO meta VALUES ('case_facts', '{"seq":0,"profile":${version},"format":2}')`);
  });
}

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
