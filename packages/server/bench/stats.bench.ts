// Statistics, bins, hotspots and exports over 1M reports: GET /api/stats, /api/stats/bins,
// /api/stats/hotspots and GET /api/reports?format=… through the HTTP app (inject: routing,
// validation, serialization included), on the demo district with 1M synthetic reports in a
// DuckDB file, against a naïve baseline timed in the same run (rows read into JavaScript as
// objects and counted in a Map, which is what "aggregate in the app" costs).
//
//   pnpm bench stats [--reports 1000000] [--reps 5] [--seed 1] [--db file]
//
// Exports print their size and the process's peak RSS growth, to show memory stays bounded.
// Results go to docs/server.md with the machine line.
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from '../src/index.ts';
import { machineFacts, sig, sink, stats } from '../../core/bench/harness.ts';
import { benchFlags, demoStore } from './demo-store.ts';

const { count, reps, seed, db } = benchFlags(); // 1M by default: "millions of reports" on the wall
console.log(machineFacts());
const { store, dbPath, remove } = await demoStore({ count, seed, db });
const app = await build({ store, auth: false, rateLimit: false });
try {
  let t0: number;
  const month = 'from=2026-03-01T00:00:00%2B08:00&to=2026-04-01T00:00:00%2B08:00';
  const cases: Array<[string, string, Record<string, string>?]> = [
    ['stats, grids, all', '/api/stats'],
    ['stats, grids, one month', `/api/stats?${month}`],
    ['stats, streets, one month', `/api/stats?level=street&${month}`],
    ['stats, grids, all, daily series', '/api/stats?bucket=day'],
    ['bins, square, zoom 10', '/api/stats/bins?zoom=10'],
    ['bins, square, zoom 14, detail 6', '/api/stats/bins?zoom=14&detail=6'],
    ['bins, hex, zoom 12', '/api/stats/bins?zoom=12&shape=hex'],
    ['bins, binary, zoom 12', '/api/stats/bins?zoom=12', { accept: 'application/octet-stream' }],
    ['hotspots, density, all', '/api/stats/hotspots'],
    ['hotspots, one month', `/api/stats/hotspots?${month}`],
  ];
  console.log('\ncase                                 bytes     min ms   mean ± std ms   304 min ms');
  const means: Record<string, number> = {};
  for (const [name, url, headers = {}] of cases) {
    const first = await app.inject({ url, headers });
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body.slice(0, 200)}`);
    const s = stats(await timeInject(url, headers, reps));
    const revalidate = stats(await timeInject(url, { ...headers, 'if-none-match': first.headers.etag as string }, reps));
    means[name] = s.mean;
    console.log(
      `${name.padEnd(34)} ${String(first.rawPayload.length).padStart(8)} ${sig(s.min).padStart(9)}   ${sig(s.mean)} ± ${sig(s.std, 2)}   ${sig(revalidate.min).padStart(9)}`,
    );
  }

  // Over a real socket: inject's response has no backpressure, so it would hold the whole
  // file. Uncompressed (as curl without --compressed): @fastify/compress would gzip or brotli
  // CSV and GeoJSON for a client that asks. RSS includes DuckDB (its buffer cache and the
  // sort behind ORDER BY); heap + buffers is what the JavaScript side holds.
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log('\nexport (all reports)   bytes          ms      peak RSS growth   peak heap+buffers growth');
  for (const format of ['csv', 'geojson', 'parquet']) {
    const js = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const [rss0, js0] = [process.memoryUsage().rss, js()];
    let [rss, jsPeak] = [rss0, js0];
    const timer = setInterval(() => ([rss, jsPeak] = [Math.max(rss, process.memoryUsage().rss), Math.max(jsPeak, js())]), 10);
    t0 = performance.now();
    const res = await fetch(`${base}/api/reports?format=${format}`, { headers: { 'accept-encoding': 'identity' } });
    let bytes = 0;
    for await (const chunk of res.body!) bytes += chunk.length;
    const ms = performance.now() - t0;
    clearInterval(timer);
    sink.value += bytes;
    console.log(
      `${format.padEnd(22)} ${String(bytes).padStart(11)} ${sig(ms).padStart(11)}   ${sig((rss - rss0) / 2 ** 20)} MiB          ${sig((jsPeak - js0) / 2 ** 20)} MiB`,
    );
  }
} finally {
  await app.close();
  await store.close();
}

// Baselines in the same run, on the same file: count per grid and bin in JavaScript.
const baseline = await naive(dbPath);
console.log(
  `\nnaïve baseline, rows as objects counted in a Map: per grid ${sig(baseline.gridMs)} ms, square bins zoom 10 ${sig(baseline.binMs)} ms`,
);
console.log(`sink ${sink.value}`);
remove();

/** Milliseconds per request over `n` repetitions (the caller made one as warm-up). */
async function timeInject(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await app.inject({ url, headers });
    times.push(performance.now() - t);
    sink.value += res.rawPayload.length;
  }
  return times;
}

/** Every report read as an object, counted per grid, then binned per tile-pixel cell at zoom 10 + 5. */
async function naive(path: string): Promise<{ gridMs: number; binMs: number }> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    let t = performance.now();
    const rows = (await conn.runAndReadAll('SELECT grid_id, lon, lat, created_at FROM reports')).getRowObjectsJS();
    const perGrid = new Map<unknown, number>();
    for (const row of rows) perGrid.set(row.grid_id, (perGrid.get(row.grid_id) ?? 0) + 1);
    const gridMs = performance.now() - t;
    t = performance.now();
    const w = 2 ** 15;
    const bins = new Map<string, number>();
    for (const row of (await conn.runAndReadAll('SELECT lon, lat FROM reports')).getRowObjectsJS()) {
      const phi = ((row.lat as number) * Math.PI) / 180;
      const key = `${Math.floor((((row.lon as number) + 180) / 360) * w)},${Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * w)}`;
      bins.set(key, (bins.get(key) ?? 0) + 1);
    }
    sink.value += perGrid.size + bins.size;
    return { gridMs, binMs: performance.now() - t };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
