// End to end for the planner (/plan): the built page against a real server on a loopback port
// and a temp DuckDB file, in headless Chromium (SwiftShader WebGL2). The flows run in order on
// one page, as a planner would: split, drag a shared vertex, pull one grid off a border (gap),
// undo, save a draft, ask the impact, reload. Needs packages/viewer/dist and chromium.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Polygon } from 'geojson';
import { build } from '@citygrid/server';
import { ellipsoidalArea } from '@citygrid/core';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, loopbackPage, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';
import { colourStats, decodePng } from './support/png.ts';
import { syntheticReports } from './support/reports.ts';

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(here, 'output');
const FIXTURES = join(here, 'fixtures');
const REPORTS = syntheticReports(2400, 20240601);
const VIEWPORT = { width: 1600, height: 900 };
const MAP_RECT = { x: 380, y: 20, width: 1200, height: 860 };

let app: Awaited<ReturnType<typeof build>>;
let browser: Browser;
let page: Page;
let origin: string;
let db: { dir: string; remove(): void } | undefined;
let requests: string[] = [];
let readyMs = 0;
/** An admin API key when the server has access control (issue 7), else ''. */
let apiKey = '';

/** app.inject with the key, as the page sends it. */
function inject(url: string, options: { method?: 'GET' | 'POST'; payload?: unknown } = {}) {
  return app.inject({
    method: options.method ?? 'GET',
    url,
    payload: options.payload as never,
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
}

beforeAll(async () => {
  const executablePath = requireBuiltPageAndChromium('plan.html');
  db = tempDbDir('plan');
  app = await build({ dbPath: join(db.dir, 'plan.duckdb'), viewerDir: DIST });
  // With access control on, the planner works with the key typed into its panel: the test
  // stores an admin key in the page's sessionStorage, as the panel does, before the page loads.
  const keys = (app.store as unknown as { keys?: { create(o: { role: string; label?: string }): Promise<{ key: string }> } }).keys;
  if (keys) apiKey = (await keys.create({ role: 'admin', label: 'planner browser test' })).key;
  await app.store.replaceBoundaries(JSON.parse(readFileSync(join(FIXTURES, 'boundaries.geojson'), 'utf8')));
  const imported = await inject('/api/grids?publish=true', {
    method: 'POST',
    payload: JSON.parse(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8')),
  });
  if (imported.statusCode !== 201) throw new Error(`fixture import: HTTP ${imported.statusCode} ${imported.body}`);
  await app.store.insertReportsBulk(REPORTS);
  origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');

  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  ({ page, requests } = await loopbackPage(
    browser,
    origin,
    { viewport: VIEWPORT, deviceScaleFactor: 1, acceptDownloads: true },
    { warnings: true },
  ));
  if (apiKey) await page.addInitScript((key) => sessionStorage.setItem('citygrid.apiKey', key), apiKey);
  page.on('worker', (w) => w.on('console', (m) => console.error('[worker]', m.text())));

  const t0 = Date.now();
  await page.goto(`${origin}/plan`);
  await page.waitForSelector('body[data-ready="true"][data-check="done"]', { timeout: 30_000 });
  readyMs = Date.now() - t0;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.remove();
});

/** Page pixels of a lon/lat, as the map projects it now. */
async function at(lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([x, y]) =>
      (window as unknown as { citygridPlanner: { project(a: number, b: number): { x: number; y: number } } }).citygridPlanner.project(x, y),
    [lon, lat],
  );
}

/** Runs `action`, then waits for the coverage check that follows it. */
async function thenChecked(action: () => Promise<void>): Promise<void> {
  const before = Number(await page.evaluate(() => document.body.dataset.checks ?? '0'));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.checks ?? '0') > n && document.body.dataset.check === 'done', before, {
    timeout: 15_000,
  });
}

async function click(lon: number, lat: number, options: { shift?: boolean } = {}): Promise<void> {
  const p = await at(lon, lat);
  if (options.shift) await page.keyboard.down('Shift');
  await page.mouse.click(p.x, p.y);
  if (options.shift) await page.keyboard.up('Shift');
}

async function drag(from: [number, number], to: [number, number], options: { alt?: boolean } = {}): Promise<void> {
  const a = await at(...from);
  const b = await at(...to);
  await page.mouse.move(a.x, a.y);
  if (options.alt) await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  if (options.alt) await page.keyboard.up('Alt');
}

async function problemCount(): Promise<number> {
  return Number(await page.evaluate(() => document.body.dataset.problems));
}

async function gridCount(): Promise<number> {
  return Number(await page.getByTestId('grid-count').textContent());
}

describe('planner page (/plan)', () => {
  it('loads the current version with no problems, quickly', async () => {
    const firstFrameMs = Number(await page.evaluate(() => document.body.dataset.firstFrameMs));
    const checkMs = Number(await page.evaluate(() => document.body.dataset.checkRoundTripMs));
    console.log(
      `planner: first frame ${firstFrameMs} ms after navigation start, ${readyMs} ms goto → ready; first check round trip ${checkMs} ms`,
    );
    expect(await gridCount()).toBe(6);
    expect(await problemCount()).toBe(0);
    await expect(page.getByTestId('check-status').textContent()).resolves.toBe('无问题');
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '网格边界规划'))).toBe(true);
  });

  it('splitting a grid yields two grids with no problems shown', async () => {
    // A street across 新城社区二网格 (HB-1-2), from inside its west neighbour to inside its east one:
    // only HB-1-2 is cut in two; the neighbours get the crossing points on their borders.
    await page.keyboard.press('s');
    expect(await page.evaluate(() => document.body.dataset.tool)).toBe('split');
    await thenChecked(async () => {
      await click(109.0085, 32.7055);
      await click(109.0215, 32.7055);
      await page.waitForTimeout(150);
      await click(109.0215, 32.7055); // clicking the last point again finishes the line
    });
    expect(await gridCount()).toBe(7);
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('未选择'); // the finishing click selects nothing
    const ids = await page.evaluate(() => (window as unknown as { citygridPlanner: { ids(): string[] } }).citygridPlanner.ids());
    expect(ids).toContain('HB-1-2');
    expect(ids).toContain('HB-1-2-2');
    expect(await problemCount()).toBe(0);
    await expect(page.getByTestId('check-status').textContent()).resolves.toBe('无问题');
    await page.screenshot({ path: join(mkOutput(), 'plan-split.png') });
  });

  it('dragging a shared vertex moves it in every grid that has it: still no problems', async () => {
    // Select 新城社区一网格 (HB-1-1), drag the crossing point the split put on its east border:
    // HB-1-1, HB-1-2 and HB-1-2-2 all have it, all three follow (one town: no hierarchy problem).
    await click(109.004, 32.704);
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('HB-1-1');
    await thenChecked(() => drag([109.01, 32.7055], [109.008, 32.707]));
    expect(await problemCount()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.edits)).toBe('2');
  });

  it('dragging a vertex off a shared border (Alt: this grid only) shows a gap with its area', async () => {
    // Select 育才社区网格 (HB-1-3) and pull the crossing point on its west border 0.002° east,
    // in HB-1-3 only: a triangle between it and HB-1-2 / HB-1-2-2 is left to nobody.
    await click(109.025, 32.703);
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('HB-1-3');
    await thenChecked(() => drag([109.02, 32.7055], [109.022, 32.7055], { alt: true }));
    expect(await problemCount()).toBe(1);
    const row = page.getByTestId('problem').first();
    expect(await row.getAttribute('data-kind')).toBe('gap');
    const text = await row.textContent();
    expect(text).toContain('空隙');
    expect(text).toMatch(/[\d,]+ m²/);
    for (const name of ['新城社区二网格', '育才社区网格']) expect(text).toContain(name);
    // The gap is the triangle between the old border and the pulled vertex.
    const triangle = ellipsoidalArea({
      type: 'Polygon',
      coordinates: [
        [
          [109.02, 32.7],
          [109.022, 32.7055],
          [109.02, 32.71],
          [109.02, 32.7],
        ],
      ],
    });
    const shown = Number(await row.getAttribute('data-area-m2'));
    expect(Math.abs(shown - triangle) / triangle).toBeLessThan(0.01);
    // Drawn in red, with its label on the map.
    await expect(page.getByTestId('problem-label').first().textContent()).resolves.toContain('m²');
    const img = decodePng(await page.screenshot({ path: join(mkOutput(), 'plan-gap.png') }));
    expect(colourStats(img, MAP_RECT, [0, 0, 0], (r, g, b) => r > 180 && g < 90 && b < 90).matching).toBeGreaterThan(500);
  });

  it('undo (Ctrl+Z) takes the gap back, redo (Ctrl+Shift+Z) brings it again', async () => {
    await thenChecked(() => page.keyboard.press('Control+z'));
    expect(await problemCount()).toBe(0);
    await thenChecked(() => page.keyboard.press('Control+Shift+z'));
    expect(await problemCount()).toBe(1);
    await thenChecked(() => page.keyboard.press('Control+z'));
    expect(await problemCount()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.edits)).toBe('2');
  });

  it('merging two grids chosen with Shift+click (M) leaves no problem; undo splits them again', async () => {
    await click(109.005, 32.715);
    await click(109.015, 32.715, { shift: true });
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('已选 2 个');
    await thenChecked(() => page.keyboard.press('m'));
    expect(await gridCount()).toBe(6);
    expect(await problemCount()).toBe(0);
    await thenChecked(() => page.keyboard.press('Control+z'));
    expect(await gridCount()).toBe(7);
    await page.keyboard.press('Escape');
  });

  it('dragging the middle of a shared edge adds the vertex to both grids: still no problems', async () => {
    // The border between 白庙村网格 (HB-2-2) and 张岭社区网格 (HB-2-3): its midpoint handle, dragged east.
    await click(109.025, 32.715);
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('HB-2-3');
    const before = await page.evaluate(() => document.body.dataset.edits);
    await thenChecked(() => drag([109.02, 32.715], [109.0225, 32.7155]));
    expect(Number(await page.evaluate(() => document.body.dataset.edits))).toBe(Number(before) + 1);
    expect(await gridCount()).toBe(7);
    expect(await problemCount()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('keeps the edits in IndexedDB: a reload shows the same grids', async () => {
    await page.waitForFunction(() => document.body.dataset.persisted === document.body.dataset.edits, null, { timeout: 10_000 });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"][data-check="done"]', { timeout: 30_000 });
    expect(await gridCount()).toBe(7);
    expect(await page.evaluate(() => document.body.dataset.edits)).toBe('3');
    expect(await problemCount()).toBe(0);
    await expect(page.getByTestId('draft-info').textContent()).resolves.toContain('3 步编辑');
  });

  it('saving creates a draft version visible in the API', async () => {
    const before = (await inject('/api/grids/versions')).json() as { versions: Array<{ version: number }> };
    await page.getByTestId('save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-version'), null, {
      timeout: 15_000,
    });
    const version = Number(await page.getByTestId('save-status').getAttribute('data-version'));
    const list = (await inject('/api/grids/versions')).json() as {
      current: number;
      versions: Array<{ version: number; status: string; grids: number }>;
    };
    expect(list.versions.length).toBe(before.versions.length + 1);
    const draft = list.versions.find((v) => v.version === version)!;
    expect(draft).toMatchObject({ status: 'draft', grids: 7 });
    expect(list.current).not.toBe(version);
    const grids = (await inject(`/api/grids?version=${version}`)).json() as { features: Array<{ properties: { id: string } }> };
    expect(grids.features.map((f) => f.properties.id)).toContain('HB-1-2-2');
  });

  it('downloads the grids as GeoJSON, areas fresh', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toMatch(/^grids-v\d+-\d{4}-\d{2}-\d{2}\.geojson$/);
    const fc = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      features: Array<{ properties: { id: string; area_m2: number }; geometry: Polygon }>;
    };
    expect(fc.features).toHaveLength(7);
    for (const f of fc.features) expect(Math.abs(f.properties.area_m2 - ellipsoidalArea(f.geometry))).toBeLessThan(0.1);
  });

  it('impact shows how many reports of the window would change grid, as the server counts them', async () => {
    await page.getByTestId('impact-from').fill('2024-01-01');
    await page.getByTestId('impact-to').fill('2024-06-30');
    await page.getByTestId('impact-run').click();
    const summary = page.getByTestId('impact-summary');
    await summary.waitFor({ timeout: 15_000 });
    const shown = { total: Number(await summary.getAttribute('data-total')), moved: Number(await summary.getAttribute('data-moved')) };
    const version = Number(await page.getByTestId('save-status').getAttribute('data-version'));
    const url = requests.filter((u) => u.includes(`/api/grids/versions/${version}/impact`)).at(-1)!;
    const server = (await inject(new URL(url).pathname + new URL(url).search)).json() as { total: number; moved: number };
    expect(shown).toEqual({ total: server.total, moved: server.moved });
    expect(shown.total).toBe(REPORTS.length); // the window holds every synthetic report
    expect(shown.moved).toBeGreaterThan(0);
    expect(await summary.textContent()).toContain(`${shown.moved} 件将改变所属网格`);
    expect(await page.locator('.impact-table tbody tr').count()).toBeGreaterThan(0);
  });

  it('publishes the saved draft (two clicks): it becomes the current version', async () => {
    const version = Number(await page.getByTestId('save-status').getAttribute('data-version'));
    await page.getByTestId('publish').click();
    await expect(page.getByTestId('publish').textContent()).resolves.toContain(`确认发布版本 ${version}`);
    await page.getByTestId('publish').click();
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid="save-status"]')?.textContent?.includes(`版本 ${v} 已发布`),
      version,
      { timeout: 15_000 },
    );
    const list = (await inject('/api/grids/versions')).json() as { current: number };
    expect(list.current).toBe(version);
  });

  it('loads another version from the list', async () => {
    await page.getByTestId('version').selectOption('1');
    await thenChecked(() => page.locator('#load-version').click());
    expect(await gridCount()).toBe(6);
    await expect(page.getByTestId('draft-info').textContent()).resolves.toContain('基于版本 1，0 步编辑');
    const options = await page.getByTestId('version').locator('option').allTextContents();
    expect(options.some((o) => o.includes('当前') && o.includes('7 个网格'))).toBe(true);
  });

  it('asked no host but its own server', () => {
    expect(requests.length).toBeGreaterThan(5);
    const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    expect(foreign).toEqual([]);
  });
});

function mkOutput(): string {
  mkdirSync(OUTPUT, { recursive: true });
  return OUTPUT;
}
