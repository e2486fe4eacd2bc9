// `pnpm bench viewer [--sizes 100000,1000000] [--seconds 4]`: frames per second of the wall (`/`)
// in headless Chromium's software WebGL (SwiftShader, no GPU) with 100k and 1M reports, while
// the map pans and zooms a little every frame. Baseline, measured in the same run on the same
// page and data: the heatmap layer hidden (choropleth, outlines and labels still drawn). Also
// prints the time from navigation to the first drawn frame with that data.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { build } from '@citygrid/server';
import { parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium.ts';
import { syntheticReports } from '../test/support/reports.ts';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, '../dist');
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, seconds: { type: 'string', default: '4' } } });
const SIZES = values.sizes.split(',').map(Number).sort((a, b) => a - b);
const MS = Number(values.seconds) * 1000;
if (!existsSync(join(DIST, 'index.html'))) throw new Error('packages/viewer/dist is missing: npx -y pnpm@10 --filter @citygrid/viewer build');
const executablePath = findChromium();
if (!executablePath) throw new Error('chromium not found on PATH: apt-get install -y chromium');

const app = await build({ dbPath: ':memory:', viewerDir: DIST, ...({ auth: false, rateLimit: false } as object) });
const parsed = parseGrids(readFileSync(join(here, '../test/fixtures/grids.geojson'), 'utf8'), { idField: 'id' });
if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
await app.store.replaceGrids(parsed.gridSet);
const origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
await page.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));

console.log(`viewer bench: Chromium SwiftShader, 1920×1080, ${MS / 1000} s per measure, ${new Date().toISOString()}`);
let stored = 0;
try {
  for (const n of SIZES) {
    // The seed differs per batch so ids never clash; the batches add up to n.
    const batch = syntheticReports(n - stored, 7 + stored).map((r, i) => ({ ...r, id: `bench-${stored + i}` }));
    for (let i = 0; i < batch.length; i += 100_000) await app.store.insertReportsBulk(batch.slice(i, i + 100_000));
    stored = n;
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    const firstFrame = Number(await page.evaluate(() => document.body.dataset.firstFrameMs));
    await fps(page, 1000); // warm-up: shaders compiled, weight map built
    const heat: number[] = [];
    const base: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      heat.push(await fps(page, MS));
      await page.locator('#show-heatmap').uncheck();
      base.push(await fps(page, MS));
      await page.locator('#show-heatmap').check();
    }
    const [h, b] = [Math.max(...heat), Math.max(...base)];
    console.log(
      `${String(n).padStart(8)} reports: heatmap ${h.toFixed(1)} fps (runs ${heat.map((x) => x.toFixed(1)).join(', ')}), ` +
        `without heatmap ${b.toFixed(1)} fps (${base.map((x) => x.toFixed(1)).join(', ')}), ratio ${(h / b).toFixed(2)}; first frame ${firstFrame} ms`,
    );
  }
} finally {
  await browser.close();
  await app.close();
}

/** Frames per second over `ms` while the view pans and zooms a little every frame. */
async function fps(p: Page, ms: number): Promise<number> {
  // A string, not a function: tsx would wrap the inner closures in its `__name` helper, which
  // does not exist in the page.
  return p.evaluate(`new Promise((resolve) => {
    const map = window.citygridMap;
    const c = map.getCenter();
    const z = map.getZoom();
    let frames = 0;
    const t0 = performance.now();
    const frame = () => {
      const t = performance.now() - t0;
      frames++;
      map.jumpTo({ center: [c.lng + 0.002 * Math.sin(t / 400), c.lat + 0.001 * Math.cos(t / 400)], zoom: z + 0.2 * Math.sin(t / 700) });
      if (t < ${ms}) requestAnimationFrame(frame);
      else {
        map.jumpTo({ center: [c.lng, c.lat], zoom: z });
        resolve((frames * 1000) / t);
      }
    };
    requestAnimationFrame(frame);
  })`);
}
