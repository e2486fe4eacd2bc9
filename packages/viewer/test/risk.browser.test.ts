// The wall's risk layer (issue 16) end to end: the built page against a real server on a
// loopback port, in headless Chromium. Needs packages/viewer/dist and chromium.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type RiskAnswer } from '@citygrid/server';
import { DEFAULT_PROFILE, parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, loopbackPage, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';
import { colourStats, decodePng } from './support/png.ts';
import { syntheticReports } from './support/reports.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const BACKGROUND: [number, number, number] = [6, 13, 26]; // src/base-style.ts BACKGROUND
const MAP_RECT = { x: 400, y: 20, width: 780, height: 640 };
// A low density reference: the fixture is ~100× sparser than a city, and should still spread over the levels.
const RISK = { reference: { density: 60, overdue: 20, repeated: 20 } };

let app: Awaited<ReturnType<typeof build>>;
let browser: Browser;
let page: Page;
let origin: string;
let requests: string[] = [];
let db: { dir: string; remove(): void } | undefined;

beforeAll(async () => {
  const executablePath = requireBuiltPageAndChromium('index.html');
  db = tempDbDir('risk');
  app = await build({ dbPath: join(db.dir, 'risk.duckdb'), viewerDir: DIST, auth: false, rateLimit: false });
  const parsed = parseGrids(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8'), { idField: 'id' });
  if (!parsed.ok) throw new Error('fixture grids.geojson');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceBoundaries(JSON.parse(readFileSync(join(FIXTURES, 'boundaries.geojson'), 'utf8')));
  await app.store.replaceProfile({ ...DEFAULT_PROFILE, risk: RISK });
  await app.store.insertReportsBulk(syntheticReports(2400, 20240601));
  origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  ({ page, requests } = await loopbackPage(browser, origin, { viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 }));
  await page.goto(`${origin}/?heat=0.1,6`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.remove();
});

async function mapStats() {
  await page.waitForTimeout(400);
  return colourStats(decodePng(await page.screenshot({ type: 'png' })), MAP_RECT, BACKGROUND);
}

describe('wall risk layer', () => {
  it('is off at first: no legend, no request', async () => {
    expect(await page.getByTestId('wall-risk-toggle').isChecked()).toBe(false);
    expect(await page.getByTestId('wall-risk-legend').isHidden()).toBe(true);
    expect(requests.some((u) => u.includes('/api/risk'))).toBe(false);
  });

  it('turned on, colours every grid by level for the window’s month, with the patrol frequency per level', async () => {
    await page.getByLabel('分级设色').uncheck();
    await page.locator('#show-heatmap').uncheck();
    const before = await mapStats();
    await page.getByTestId('wall-risk-toggle').check();
    const legend = page.getByTestId('wall-risk-legend');
    await page.waitForSelector('[data-testid="wall-risk-legend"][data-period]', { timeout: 15_000 });
    expect(await legend.getAttribute('data-period')).toBe('2024-06'); // date-to is 2024-06-30
    expect(requests.filter((u) => u.includes('/api/risk')).at(-1)).toContain('/api/risk?period=2024-06');

    const answer = (await app.inject({ url: '/api/risk?period=2024-06' })).json() as RiskAnswer;
    expect(Number(await legend.getAttribute('data-grids'))).toBe(answer.grids.length);
    const rows = legend.locator('li');
    expect(await rows.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.level))).toEqual([
      'red',
      'orange',
      'yellow',
      'blue',
    ]);
    const counts = await rows.evaluateAll((lis) => lis.map((li) => Number((li as HTMLElement).dataset.count)));
    expect(counts).toEqual(answer.levels.map((l) => answer.grids.filter((g) => g.level === l.code).length));
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(1); // a spread, not one colour
    const text = await legend.textContent();
    expect(text).toContain('风险等级 · 2024-06');
    expect(text).toContain('红 · 每日巡查');
    expect(text).toContain('蓝 · 每周巡查');

    // The filled grids cover the map where only outlines were drawn.
    const after = await mapStats();
    expect(after.nonBackground).toBeGreaterThan(before.nonBackground + 0.2 * after.pixels);
  });

  it('follows the window to another month, and hides with its switch', async () => {
    await page.getByTestId('date-to').fill('2024-03-31');
    await page.getByTestId('date-to').dispatchEvent('change');
    await page.waitForSelector('[data-testid="wall-risk-legend"][data-period="2024-03"]', { timeout: 15_000 });
    await page.getByTestId('wall-risk-toggle').uncheck();
    expect(await page.getByTestId('wall-risk-legend').isHidden()).toBe(true);
  });

  it('switches the legend to English', async () => {
    await page.getByTestId('wall-risk-toggle').check();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('wall-risk-legend').textContent()).toContain('Red · patrol daily');
    await page.getByTestId('lang-switch').click();
  });
});
