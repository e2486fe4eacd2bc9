// Regenerates the screenshots in docs/img: the heatmap (/) and the planner (/plan) on the
// generated Hanbin demo, served by `citygrid serve --demo hanbin` on a throwaway DuckDB file,
// in headless Chromium. The planner shot shows a grid split along a drawn line and one vertex
// pulled off a shared border (Alt-drag): the gap it leaves is drawn in red with its m².
//
//   npx -y pnpm@10 run build && npx tsx packages/viewer/scripts/screenshots.ts
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { labelAnchor } from '../src/geo.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/support/chromium.ts';
import { loopbackPage } from '../test/support/browser-harness.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const OUT = join(ROOT, 'docs/img');
const VIEWPORT = { width: 1600, height: 900 };
type GridFeature = Feature<Polygon | MultiPolygon, { id: string; name: string }>;

const dir = mkdtempSync(join(tmpdir(), 'citygrid-shots-'));
// The shots only read (nothing is saved): with access control (issue 7), serve with public reads.
const help = spawnSync('npx', ['tsx', 'scripts/citygrid.ts', 'serve', '--help'], { cwd: ROOT, encoding: 'utf8' });
const publicRead = /--public-read/.test(`${help.stdout}${help.stderr}`) ? ['--public-read'] : [];
const server = spawn(
  'npx',
  ['tsx', 'scripts/citygrid.ts', 'serve', '--db', join(dir, 'demo.duckdb'), '--port', '0', '--demo', 'hanbin', ...publicRead],
  {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // its own process group: npx → tsx → node all stop together
  },
);
try {
  const origin = await serverOrigin();
  const executablePath = findChromium();
  if (!executablePath) throw new Error('chromium not found on PATH: apt-get install -y chromium');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const { page } = await loopbackPage(browser, origin, { viewport: VIEWPORT, deviceScaleFactor: 1 });

  // The wall is made for a 1920×1080 video wall: shot at that size.
  const { page: wall } = await loopbackPage(browser, origin, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  await wall.goto(`${origin}/`);
  await wall.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  console.log(`wall on the demo: first frame ${await wall.evaluate(() => document.body.dataset.firstFrameMs)} ms after navigation start`);
  await wall.waitForTimeout(500);
  await wall.screenshot({ path: join(OUT, 'demo-hanbin.png') });
  console.log('docs/img/demo-hanbin.png');
  await wall.close();

  await page.goto(`${origin}/plan`);
  await page.waitForSelector('body[data-ready="true"][data-check="done"]', { timeout: 60_000 });
  const timing = () => page.evaluate(() => ({ ...document.body.dataset }));
  const first = await timing();
  await planEdits(page, origin);
  const last = await timing();
  // Measured figures for docs/planner.md: first frame, and the coverage check (in the worker;
  // with the round trip: structured clone both ways).
  console.log(
    `planner on the demo: first frame ${first.firstFrameMs} ms; check ${first.checkMs} ms (round trip ${first.checkRoundTripMs} ms) on load, ${last.checkMs} ms (${last.checkRoundTripMs} ms) after the last edit`,
  );
  await page.screenshot({ path: join(OUT, 'plan.png') });
  console.log('docs/img/plan.png');
  await browser.close();
} finally {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
  server.stdout?.destroy();
  rmSync(dir, { recursive: true, force: true });
}

/** Split the smallest grid along a line through its middle, then pull a neighbour off it. */
async function planEdits(page: Page, origin: string): Promise<void> {
  const grids = (await (await fetch(`${origin}/api/grids`)).json()) as FeatureCollection<
    Polygon | MultiPolygon,
    { id: string; name: string; area_m2: number }
  >;
  const target = grids.features.filter((f) => f.geometry.type === 'Polygon').sort((a, b) => a.properties.area_m2 - b.properties.area_m2)[0];
  const [x0, y0, x1, y1] = box(target);
  const [w, h] = [x1 - x0, y1 - y0];
  await call(page, 'fit', [x0 - 2.5 * w, y0 - 1.5 * h, x1 + 2.5 * w, y1 + 1.5 * h]);
  await page.waitForTimeout(300);

  const anchor = labelAnchor(target.geometry);
  await clickAt(page, anchor);
  await page.keyboard.press('s');
  const line: Position[] = [
    [x0 - 0.15 * w, anchor[1]],
    [x1 + 0.15 * w, anchor[1]],
  ];
  await checked(page, async () => {
    await clickAt(page, line[0]);
    await clickAt(page, line[1]);
    await page.waitForTimeout(150);
    await clickAt(page, line[1]);
  });

  // A vertex on the border between the target (now split) and one neighbour only, off the line.
  const after = (await page.evaluate(() =>
    (window as unknown as { citygridPlanner: { ids(): string[] } }).citygridPlanner.ids(),
  )) as string[];
  const neighbour = grids.features.find((f) => f !== target && after.includes(f.properties.id) && sharedInner(target, f));
  if (!neighbour) throw new Error(`no neighbour of ${target.properties.id} found`);
  const v = sharedInner(target, neighbour)!;
  const c = labelAnchor(neighbour.geometry);
  await clickAt(page, c);
  await checked(page, () => drag(page, v, [v[0] + 0.3 * (c[0] - v[0]), v[1] + 0.3 * (c[1] - v[1])]));
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
}

/** An inner vertex of a border two grids share: in both rings, and not where the run ends. */
function sharedInner(a: GridFeature, b: GridFeature): Position | null {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const ringA = outer(a);
  const inB = new Set(outer(b).map(key));
  const run = ringA.map((p) => inB.has(key(p)));
  for (let i = 1; i + 1 < ringA.length; i++) if (run[i - 1] && run[i] && run[i + 1]) return ringA[i];
  return null;
}

function outer(f: GridFeature): Position[] {
  return f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
}

function box(f: GridFeature): [number, number, number, number] {
  const xs = outer(f).map((p) => p[0]);
  const ys = outer(f).map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

async function call(page: Page, name: 'fit' | 'project', arg: unknown): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([n, a]) => {
      const planner = (window as unknown as { citygridPlanner: Record<string, (...args: unknown[]) => { x: number; y: number }> })
        .citygridPlanner;
      return n === 'project' ? planner.project(...(a as [number, number])) : planner.fit(a);
    },
    [name, arg] as const,
  );
}

async function clickAt(page: Page, p: Position): Promise<void> {
  const { x, y } = await call(page, 'project', p);
  await page.mouse.click(x, y);
}

async function drag(page: Page, from: Position, to: Position): Promise<void> {
  const a = await call(page, 'project', from);
  const b = await call(page, 'project', to);
  await page.mouse.move(a.x, a.y);
  await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
}

async function checked(page: Page, action: () => Promise<void>): Promise<void> {
  const before = Number(await page.evaluate(() => document.body.dataset.checks ?? '0'));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.checks ?? '0') > n, before, { timeout: 20_000 });
}

function serverOrigin(): Promise<string> {
  return new Promise((resolveOrigin, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
      const m = /viewer: (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) resolveOrigin(m[1].replace('localhost', '127.0.0.1'));
    });
    server.once('exit', (code) => reject(new Error(`citygrid serve exited with ${code}`)));
  });
}
