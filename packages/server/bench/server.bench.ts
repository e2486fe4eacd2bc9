// The HTTP server under concurrency, over real sockets on 127.0.0.1 with autocannon, beside a
// bare fastify app timed in the same run (same process, same load generator):
//   - single-report intake (POST /api/reports, one report per request, 10 clients) against a
//     bare fastify POST route that parses the same body and answers 201;
//   - GET /api/stats with 1 and 10 clients: p50 and p95 (the 10-client p95 should stay within
//     2× the 1-client one: reads must not queue behind each other);
//   - GET /health against a bare fastify GET route;
//   - intake while a coverage check of 10,000 generated grids runs on a worker thread (p99).
// The store holds the demo district and N synthetic reports (1M by default).
//
//   pnpm bench server [--reports 1000000] [--seconds 10] [--connections 10] [--seed 1] [--parts stats,health,intake,check]
//
// Results go to docs/benchmarks.md with the machine line. On a 2-core machine the load
// generator shares the cores with the server: ratios to the bare app are what carries over.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { build } from '../src/index.ts';
import { machineFacts, sig } from '../../core/bench/harness.ts';
import { demoStore } from './demo-store.ts';
import { GEOMETRY_TASKS } from '../src/geometry/geometry-tasks.ts';
import { voronoiTiling } from '../../core/test/support/voronoi-tiling.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
    parts: { type: 'string' },
  },
});
// `--parts intake` (or stats, health, check, commit, a comma list) runs only those; all five by default.
const parts = new Set((values.parts ?? 'stats,health,intake,check,commit').split(','));
const count = Number(values.reports ?? 1_000_000);
const seconds = Number(values.seconds ?? 10);
const connections = Number(values.connections ?? 10);
// Requests a second per paced client: a wall screen in playback (cached answers), and a
// dispatcher changing the window (each a new query of 1M reports).
const PACE = 50;
const MISS_PACE = 2;
console.log(machineFacts());
const { store, remove } = await demoStore({ count, seed: Number(values.seed ?? 1), db: values.db });
const app = await build({ store, auth: false, rateLimit: false });
const bare = Fastify({ logger: false });
bare.post('/reports', async (request, reply) => reply.code(201).send({ reports: [{ id: (request.body as { id: string }).id }] }));
bare.get('/health', async () => ({ status: 'ok' }));
await bare.ready();

interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run; latencies collected per response, so p95 is exact (autocannon's table stops at p90, p97.5). */
async function load(
  url: string,
  options: { connections: number; method?: 'POST'; body?: string; seconds?: number; rate?: number; path?: () => string },
): Promise<Run> {
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds ?? seconds,
        method: options.method ?? 'GET',
        headers: options.body ? { 'content-type': 'application/json' } : {},
        body: options.body,
        // `[<id>]` in the body becomes a fresh id per request: every POST stores a new report.
        idReplacement: options.body !== undefined,
        // Paced: each client sends `rate` requests a second instead of one right after another.
        ...(options.rate ? { connectionRate: options.rate } : {}),
        ...(options.path ? { requests: [{ setupRequest: (request) => ({ ...request, path: options.path!() }) }] } : {}),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await done;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: result.requests.total / (result.duration || options.seconds || seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const line = (name: string, r: Run) =>
  console.log(
    `${name.padEnd(40)} ${sig(r.rps).padStart(8)} ${sig(r.p50).padStart(8)} ${sig(r.p95).padStart(8)} ${sig(r.p99).padStart(8)} ${sig(r.max).padStart(8)}   ${r.non2xx}/${r.errors}`,
  );

try {
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
  const report = JSON.stringify({ id: 'bench-[<id>]', lon: 109.03, lat: 32.69, category: '06010', source: 'app' });
  const check = await fetch(`${base}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: report.replace('[<id>]', 'probe'),
  });
  if (check.status !== 201) throw new Error(`POST /api/reports answered ${check.status}: ${await check.text()}`);

  console.log(`\n${seconds} s per run, ${connections} clients unless said\n`);
  console.log(
    `${'run'.padEnd(40)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}   non-2xx/errors`,
  );
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const targets: string[] = [];
  if (parts.has('stats')) {
    const stats1 = await load(`${base}/api/stats`, { connections: 1 });
    line('GET /api/stats, 1 client', stats1);
    const statsN = await load(`${base}/api/stats`, { connections });
    line(`GET /api/stats, ${connections} clients`, statsN);
    // Back to back, one client already keeps the one event loop busy (the load generator shares
    // it): 10 clients can only queue behind each other, p95 ≈ 10 × a request's time whatever the
    // server does. Paced clients (a wall screen refreshing) show whether concurrent requests
    // wait on each other below saturation: the cached answer, and answers that each miss the
    // cache (a window no one asked for before: a DuckDB query on a read connection of its own).
    const paced1 = await load(`${base}/api/stats`, { connections: 1, rate: PACE });
    line(`  paced ${PACE}/s, 1 client`, paced1);
    const pacedN = await load(`${base}/api/stats`, { connections, rate: PACE });
    line(`  paced ${PACE}/s, ${connections} clients`, pacedN);
    let day = 0;
    // Each request a window never asked before: [2026-01-01 + k days, +1 year).
    const fresh = () => `/api/stats?from=${new Date(Date.UTC(2025, 0, 1) + (day++ % 3000) * 3_600_000).toISOString()}`;
    const miss1 = await load(base, { connections: 1, rate: MISS_PACE, path: fresh });
    line(`  uncached, paced ${MISS_PACE}/s, 1 client`, miss1);
    const missN = await load(base, { connections, rate: MISS_PACE, path: fresh });
    line(`  uncached, paced ${MISS_PACE}/s, ${connections} clients`, missN);
    targets.push(
      `- stats p95 at ${connections} clients ≤ 100 ms: ${sig(statsN.p95)} ms — ${verdict(statsN.p95 <= 100)}`,
      `- stats p95 at ${connections} clients ≤ 2× 1-client p95: ${sig(statsN.p95 / stats1.p95)}× — ${verdict(statsN.p95 <= 2 * stats1.p95)} (back to back: throughput ${sig(statsN.rps / stats1.rps)}× of 1 client's, the CPU is already full)`,
      `- paced ${PACE}/s: ${connections} clients' p95 ${sig(pacedN.p95 / paced1.p95)}× 1 client's — ${verdict(pacedN.p95 <= 2 * paced1.p95)}`,
      `- uncached, paced ${MISS_PACE}/s: ${connections} clients' p95 ${sig(missN.p95 / miss1.p95)}× 1 client's — ${verdict(missN.p95 <= 2 * miss1.p95)}`,
    );
  }
  if (parts.has('health')) {
    const health = await load(`${base}/health`, { connections });
    line('GET /health', health);
    const bareGet = await load(`${bareBase}/health`, { connections });
    line('bare fastify GET', bareGet);
    targets.push(`- /health ≥ 50 % of bare GET: ${sig((100 * health.rps) / bareGet.rps)} % — ${verdict(health.rps >= 0.5 * bareGet.rps)}`);
  }
  if (parts.has('intake')) {
    const intake = await load(`${base}/api/reports`, { connections, method: 'POST', body: report });
    line('POST /api/reports, one report each', intake);
    const barePost = await load(`${bareBase}/reports`, { connections, method: 'POST', body: report });
    line('bare fastify POST', barePost);
    targets.push(
      `- intake ≥ 2,000/s: ${sig(intake.rps)} — ${verdict(intake.rps >= 2000)}`,
      `- intake ≥ 25 % of bare POST: ${sig((100 * intake.rps) / barePost.rps)} % — ${verdict(intake.rps >= 0.25 * barePost.rps)}`,
    );
  }
  if (parts.has('check')) {
    // Intake while a coverage check of a generated 10,000-grid tiling runs on a worker: the
    // load starts once the check is on its worker (the body's JSON parse is the main thread's)
    // and lasts 80 % of the check's own time, measured alone first.
    const fc = voronoiTiling({ grids: 10_000, seed: 1 });
    let t0 = performance.now();
    await app.geometry.run('checkGrids', { body: fc, idField: 'id', context: {}, keep: false }, 'the bench check');
    const checkMs = performance.now() - t0;
    const body = JSON.stringify(fc);
    const validation = fetch(`${base}/api/grids/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    t0 = performance.now();
    while (app.geometry.load().running === 0 && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 2));
    const during = await load(`${base}/api/reports`, {
      connections,
      method: 'POST',
      body: report,
      seconds: Math.max(1, (0.8 * checkMs) / 1000),
    });
    line(`POST /api/reports during a ${sig(checkMs / 1000)} s check`, during);
    if ((await validation).status !== 200) throw new Error('the bench check failed');
    // Before: the same check on the main thread, as the routes ran it, starting 0.2 s into the load.
    const onMain = load(`${base}/api/reports`, { connections, method: 'POST', body: report, seconds: Math.max(1, (0.8 * checkMs) / 1000) });
    setTimeout(() => GEOMETRY_TASKS.checkGrids({ body: fc, idField: 'id', context: {}, keep: false }), 200);
    line('  the same check on the main thread', await onMain);
    targets.push(`- report p99 while a check runs ≤ 100 ms: ${sig(during.p99)} ms — ${verdict(during.p99 <= 100)}`);
  }
  if (parts.has('commit')) {
    // What one durable COMMIT costs, apart from HTTP: the floor under intake's throughput, since
    // 10 clients put at most 10 reports in one. 10 rows a statement, committed on their own.
    const median = async (sql: (i: number) => string, table: string) => {
      const ms: number[] = [];
      await store.db.write(async (conn) => {
        if (table !== 'reports')
          await conn.run(
            `CREATE OR REPLACE ${table.startsWith('temp') ? 'TEMP ' : ''}TABLE ${table.replace('temp ', '')} (id VARCHAR PRIMARY KEY, v INTEGER)`,
          );
        for (let i = 0; i < 200; i++) {
          const t0 = performance.now();
          await conn.run(sql(i));
          ms.push(performance.now() - t0);
        }
      });
      return ms.sort((a, b) => a - b)[100];
    };
    const rows = (i: number, cols: (id: string) => string) => Array.from({ length: 10 }, (_, k) => cols(`commit-${i}-${k}`)).join(', ');
    const inReports = await median(
      (i) =>
        `INSERT INTO reports (id, lon, lat, category, source, created_at, received_at, seq) VALUES ${rows(i, (id) => `('${id}', 109.03, 32.69, '06010', 'app', now()::TIMESTAMP, now()::TIMESTAMP, ${-1 - i * 10 - Number(id.split('-')[2])})`)}`,
      'reports',
    );
    const inSmall = await median((i) => `INSERT INTO commit_small VALUES ${rows(i, (id) => `('${id}', 1)`)}`, 'commit_small');
    const inTemp = await median((i) => `INSERT INTO commit_temp VALUES ${rows(i, (id) => `('${id}', 1)`)}`, 'temp commit_temp');
    await store.db.write(async (conn) => {
      await conn.run("DELETE FROM reports WHERE id LIKE 'commit-%'");
      await conn.run('DROP TABLE commit_small');
    });
    console.log(
      `\nINSERT of 10 rows, committed (median of 200): into reports ${sig(inReports)} ms; into a small table ${sig(inSmall)} ms; into a temp table (no WAL) ${sig(inTemp)} ms`,
    );
  }
  const counted = (await store.counts()).reports;
  console.log(`\nreports in the store after the run: ${counted.toLocaleString('en-US')}\n\ntargets\n${targets.join('\n')}`);
} finally {
  await app.close();
  await bare.close();
  await store.close();
  remove();
}
