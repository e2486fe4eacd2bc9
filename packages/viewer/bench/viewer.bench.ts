// `pnpm bench viewer [--sizes 100000,1000000] [--seconds 3] [--reps 3] [--cold 5] [--warm 5] [--parts fps,paint] [--motion jump|ease] [--heat-off]`
//
// The wall (`/`) in headless Chromium's software WebGL (SwiftShader, no GPU, software
// compositing: test/support/chromium.ts), 1920×1080. Two parts:
//
// fps: frames per second with 100k and 1M reports (in-process server, in-memory DuckDB) while
// the view pans and zooms a little every frame. Same-run baselines, on the same loaded page:
// "floor" = every data layer unchecked (the base map and the grid/town outlines only: what the
// renderer costs before any data), and for sizes above the page's bin threshold a second page
// with `?binAbove=<n>` (raw points instead of the server's bins). Configurations are measured
// interleaved (A B C, C B A, A B C …), each after a warm-up; medians and every run are printed.
//
// paint: time from navigation start to the first frame drawn with data
// (`body.dataset.firstFrameMs`) of `citygrid serve --demo hanbin` (91 grids, 200k reports),
// in a fresh Chromium per load (cold) and reloaded in one running browser (warm: a kiosk that
// stays open). Baseline, same run and server, interleaved: the planner (`/plan`), the other map
// page of the app (maplibre + the same grids, no statistics or heatmap).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from '@citygrid/server';
import { parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium.ts';
import { loopbackPage } from '../test/support/browser-harness.ts';
import { syntheticReports } from '../test/support/reports.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../../..');
const DIST = join(here, '../dist');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    seconds: { type: 'string', default: '3' }, // per fps measure
    reps: { type: 'string', default: '3' }, // fps measures per configuration
    cold: { type: 'string', default: '5' }, // fresh-browser loads per page
    warm: { type: 'string' }, // loads per page in one running browser; default: --cold
    parts: { type: 'string', default: 'fps,paint' },
    'bin-above': { type: 'string', default: '300000' }, // the page's BIN_ABOVE default (src/wall/main.ts)
    motion: { type: 'string', default: 'jump' }, // jump | ease (see fps())
    'heat-off': { type: 'boolean', default: false }, // also measure the old baseline: only the heatmap unchecked
  },
});
const SIZES = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const MS = Number(values.seconds) * 1000;
const REPS = Number(values.reps);
const COLD = Number(values.cold);
const WARM = Number(values.warm ?? values.cold);
const MOTION = values.motion;
if (MOTION !== 'jump' && MOTION !== 'ease') throw new Error('--motion jump|ease');
const PARTS = new Set(values.parts.split(','));
const BIN_ABOVE = Number(values['bin-above']);
const VIEWPORT = { width: 1920, height: 1080 };
const LAYERS = ['show-heatmap', 'show-choropleth', 'show-labels', 'show-hotspots'] as const;

if (!existsSync(join(DIST, 'index.html')))
  throw new Error('packages/viewer/dist is missing: npx -y pnpm@10 --filter @citygrid/viewer build');
const found = findChromium();
if (!found) throw new Error('chromium not found on PATH: apt-get install -y chromium');
const executablePath: string = found;
const chromiumVersion = spawnSync(executablePath, ['--version'], { encoding: 'utf8' }).stdout.trim();

const t0 = Date.now();
console.log(
  `viewer bench, ${new Date().toISOString()}; ${chromiumVersion}, SwiftShader WebGL, software compositing, ${VIEWPORT.width}×${VIEWPORT.height}`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? '?'}, nproc ${cpus().length}, RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at start`,
);
if (PARTS.has('fps')) await fpsPart();
if (PARTS.has('paint')) await paintPart();
console.log(
  `done in ${((Date.now() - t0) / 1000).toFixed(0)} s; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end`,
);

// ---------------------------------------------------------------------------------------------
// fps

interface Config {
  name: string;
  page: Page;
  /** Data layers left unchecked: none (as shipped) or all of them (the floor). */
  off: readonly string[];
}

async function fpsPart(): Promise<void> {
  console.log(
    `\nfps: ${MS / 1000} s per measure, ${REPS} measures per configuration after a ${Math.min(MS, 1500) / 1000} s warm-up, interleaved; view pans ±0.002° and zooms ±0.2 every frame`,
  );
  const app = await build({ dbPath: ':memory:', viewerDir: DIST, ...({ auth: false, rateLimit: false } as object) });
  const parsed = parseGrids(readFileSync(join(here, '../test/fixtures/grids.geojson'), 'utf8'), { idField: 'id' });
  if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  const origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const rows: string[] = [];
  let stored = 0;
  try {
    for (const n of SIZES) {
      // The seed differs per batch so ids never clash; the batches add up to n.
      const batch = syntheticReports(n - stored, 7 + stored).map((r, i) => ({ ...r, id: `bench-${stored + i}` }));
      for (let i = 0; i < batch.length; i += 100_000) await app.store.insertReportsBulk(batch.slice(i, i + 100_000));
      stored = n;
      const binned = n > BIN_ABOVE;
      const main = await openWall(browser, `${origin}/`);
      const configs: Config[] = [
        { name: binned ? 'bins, all layers' : 'points, all layers', page: main.page, off: [] },
        { name: 'floor (no data layers)', page: main.page, off: LAYERS },
      ];
      if (values['heat-off']) configs.push({ name: 'heatmap unchecked', page: main.page, off: ['show-heatmap'] });
      let points: Awaited<ReturnType<typeof openWall>> | null = null;
      if (binned) {
        points = await openWall(browser, `${origin}/?binAbove=${n}`);
        configs.push({ name: 'raw points, all layers', page: points.page, off: [] });
      }
      console.log(
        `${n.toLocaleString('en')} reports: first frame ${main.firstFrameMs} ms (${main.source})` +
          (points ? `; with ?binAbove=${n}: ${points.firstFrameMs} ms (${points.source})` : ''),
      );
      const runs = new Map(configs.map((c) => [c, [] as number[]]));
      for (const c of configs) {
        await setLayers(c.page, c.off);
        await fps(c.page, Math.min(MS, 1500)); // warm-up: shaders, bins and the weight map for this motion
        await settle(c.page);
      }
      for (let rep = 0; rep < REPS; rep++) {
        for (const c of rep % 2 ? [...configs].reverse() : configs) {
          await setLayers(c.page, c.off);
          await settle(c.page);
          runs.get(c)!.push(await fps(c.page, MS));
          await settle(c.page);
        }
      }
      const floor = median(runs.get(configs[1])!);
      for (const c of configs) {
        const r = runs.get(c)!;
        const m = median(r);
        const line = `${c.name.padEnd(24)} ${m.toFixed(2).padStart(6)} fps median (runs ${r.map((x) => x.toFixed(2)).join(', ')}), ×${(m / floor).toFixed(2)} of the floor`;
        console.log(`  ${line}`);
        rows.push(
          `| ${n.toLocaleString('en')} | ${c.name} | ${m.toFixed(2)} | ${r.map((x) => x.toFixed(2)).join(', ')} | ${(m / floor).toFixed(2)} |`,
        );
      }
      if (points) {
        const [b, p] = [median(runs.get(configs[0])!), median(runs.get(configs.at(-1)!)!)];
        console.log(
          `  bins against raw points: ×${(b / p).toFixed(2)} the frame rate; first frame ${main.firstFrameMs} ms against ${points.firstFrameMs} ms`,
        );
        await points.page.close();
      }
      await main.page.close();
    }
    console.log('\n| reports | configuration | fps (median) | runs | ÷ floor |\n|--:|---|--:|---|--:|\n' + rows.join('\n'));
  } finally {
    await browser.close();
    await app.close();
  }
}

async function openWall(browser: Browser, url: string): Promise<{ page: Page; firstFrameMs: number; source: string }> {
  const { page } = await loopbackPage(browser, new URL(url).origin, { viewport: VIEWPORT, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 });
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  return { page, firstFrameMs: Number(data.firstFrameMs), source: data.heatSource ?? '?' };
}

/** Checks (or unchecks) every data layer's box: each change redraws through the page's own handler. */
async function setLayers(page: Page, off: readonly string[]): Promise<void> {
  for (const id of LAYERS) await page.locator(`#${id}`).setChecked(!off.includes(id));
}

/**
 * After a move: deck's HeatmapLayer rebuilds its weight map 500 ms after the zoom last changed
 * (`debounceTimeout`), and with bins the page refetches them on `moveend`. Both land here, not
 * in the next measure.
 */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(700);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/**
 * Frames per second over `ms` while the view pans (±0.002° lng, ±0.001° lat) and zooms (±0.2)
 * a little every frame. `jump`: one `jumpTo` per frame, so `moveend`/`zoomend` fire every frame
 * (the page redeclutters its labels and, with bins, refetches them each time); `ease`: the same
 * amplitude along a line in one `easeTo` (a gesture: `move` every frame, `moveend` once).
 */
async function fps(p: Page, ms: number): Promise<number> {
  // A string, not a function: tsx would wrap the inner closures in its `__name` helper, which
  // does not exist in the page.
  return p.evaluate(`new Promise((resolve) => {
    const map = window.citygridMap;
    const c = map.getCenter();
    const z = map.getZoom();
    let frames = 0;
    let done = false;
    const t0 = performance.now();
    const frame = () => {
      const t = performance.now() - t0;
      frames++;
      if (${JSON.stringify(MOTION)} === 'jump') map.jumpTo({ center: [c.lng + 0.002 * Math.sin(t / 400), c.lat + 0.001 * Math.cos(t / 400)], zoom: z + 0.2 * Math.sin(t / 700) });
      if (t < ${ms}) requestAnimationFrame(frame);
      else {
        done = true;
        map.jumpTo({ center: [c.lng, c.lat], zoom: z });
        resolve((frames * 1000) / t);
      }
    };
    if (${JSON.stringify(MOTION)} === 'ease') map.easeTo({ center: [c.lng + 0.002, c.lat + 0.001], zoom: z + 0.2, duration: ${ms} * 4, easing: (k) => (done ? 0 : Math.sin((k * ${ms} * 4) / 700)) });
    requestAnimationFrame(frame);
  })`);
}

// ---------------------------------------------------------------------------------------------
// first paint

async function paintPart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'citygrid-bench-paint-'));
  const started = Date.now();
  const server = spawn(
    'npx',
    ['tsx', 'scripts/citygrid.ts', 'serve', '--db', join(dir, 'demo.duckdb'), '--port', '0', '--demo', 'hanbin'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group: npx → tsx → node all stop together
    },
  );
  try {
    const origin = await serverOrigin(server);
    console.log(
      `\nfirst paint: citygrid serve --demo hanbin up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${origin}; ${COLD} cold and ${WARM} warm loads per page, interleaved wall / planner`,
    );
    const pages = [
      { name: 'wall /', path: '/' },
      { name: 'planner /plan (baseline)', path: '/plan' },
    ];
    const cold = new Map(pages.map((p) => [p, [] as number[]]));
    for (let i = 0; i < COLD; i++) {
      for (const p of i % 2 ? [...pages].reverse() : pages) {
        const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
        try {
          const { page } = await loopbackPage(browser, origin, { viewport: VIEWPORT, deviceScaleFactor: 1 });
          cold.get(p)!.push(await firstFrame(page, origin + p.path));
        } finally {
          await browser.close();
        }
      }
    }
    // Warm: one browser (one profile: HTTP and compiled-code caches kept), one tab per page,
    // each loaded once before the measured reloads.
    const warm = new Map(pages.map((p) => [p, [] as number[]]));
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
      const tabs = new Map<(typeof pages)[number], Page>();
      for (const p of pages) {
        const page = await context.newPage();
        await firstFrame(page, origin + p.path);
        tabs.set(p, page);
      }
      for (let i = 0; i < WARM; i++)
        for (const p of i % 2 ? [...pages].reverse() : pages) warm.get(p)!.push(await firstFrame(tabs.get(p)!, origin + p.path));
    } finally {
      await browser.close();
    }
    const stat = (xs: number[]) =>
      `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs)}, max ${Math.max(...xs)} (runs ${xs.join(', ')})`;
    const wall = pages[0];
    const plan = pages[1];
    for (const [label, m] of [
      ['cold (fresh browser)', cold],
      ['warm (running browser)', warm],
    ] as const) {
      console.log(`  ${label}:`);
      for (const p of pages) console.log(`    ${p.name.padEnd(25)} ${stat(m.get(p)!)}`);
      const [w, b] = [median(m.get(wall)!), median(m.get(plan)!)];
      console.log(
        `    wall ÷ planner ${(w / b).toFixed(2)}; goal first paint < 3 s: ${w < 3000 ? 'MET' : 'NOT MET'} (median ${(w / 1000).toFixed(2)} s)`,
      );
    }
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    server.stdout?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads `url` and returns `body.dataset.firstFrameMs` (ms from navigation start to the first frame with data). */
async function firstFrame(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 }).catch(async (e: Error) => {
    throw new Error(
      `${url}: no frame with data in 60 s (${JSON.stringify(await page.evaluate(() => ({ ...document.body.dataset, status: document.getElementById('status')?.textContent })))}): ${e.message}`,
    );
  });
  return Number(await page.evaluate(() => document.body.dataset.firstFrameMs));
}

function serverOrigin(server: ChildProcess): Promise<string> {
  return new Promise((resolveOrigin, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /viewer: (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) resolveOrigin(m[1].replace('localhost', '127.0.0.1'));
    });
    server.once('exit', (code) => reject(new Error(`citygrid serve exited with ${code}:\n${out}`)));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
