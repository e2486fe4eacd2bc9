// The assessment page (/assess) and the wall's funnel (issue 16) in headless Chromium, on a
// server seeded with a small case history through the cases import (support/assess-scenario.ts).
// The page is walked twice: against a stand-in for the assessment API (the fixture answers of
// test/assess/fixtures behind page.route), and against the server's own GET /api/assessment.
// The second FAILS while that endpoint answers 404: it is the acceptance test.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { build } from '@citygrid/server';
import { isoDate, localDay, parseGrids, periodOf } from '@citygrid/core';
import { assessScenario } from './support/assess-scenario.ts';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, loopbackPage, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';
import { DEPT_Q4, EXPLAIN, GRID_NOV } from './assess/fixtures.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
const VIEWPORT = { width: 1600, height: 900 };

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: requireBuiltPageAndChromium('assess.html'), args: CHROMIUM_ARGS });
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
  await browser?.close();
});

/** A server on a loopback port with the fixture grids and the scenario's case histories. */
async function startServer() {
  const db = tempDbDir('assess');
  const app = await build({ dbPath: join(db.dir, 'assess.duckdb'), viewerDir: DIST, auth: false, rateLimit: false });
  const parsed = parseGrids(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8'), { idField: 'id' });
  if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceBoundaries(JSON.parse(readFileSync(join(FIXTURES, 'boundaries.geojson'), 'utf8')));
  const imported = await app.inject({
    method: 'POST',
    url: '/api/cases/import',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: assessScenario(),
  });
  if (imported.statusCode !== 201) throw new Error(`the scenario did not import: ${imported.body}`);
  const origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const close = async () => {
    await app.close();
    db.remove();
  };
  return { app, origin, close };
}

/** No request of the page went to another host. */
function expectOffline(requests: string[], origin: string): void {
  expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** The table's rows as `unit id` in order. */
const rowIds = (page: Page) => page.getByTestId('assess-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.unitId));

/** Clicks an export button and reads the file it saves. */
async function exported(page: Page, format: 'csv' | 'xlsx'): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`assess-export-${format}`).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** CSV text as rows of cells (RFC 4180 quotes), blank lines left out. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    rows[rows.length - 1].push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) cell += c;
    else if (c === ',') endCell();
    else if (c === '\n' || text[i + 1] !== '\n') {
      endCell();
      rows.push([]);
    }
  }
  endCell();
  return rows.filter((r) => r.some((x) => x !== ''));
}

describe('/assess against a stand-in for the assessment API', () => {
  let page: Page;
  let requests: string[];
  const asked: string[] = [];

  // The fixture answers, whatever the period asked (stamped with it); departments for that level.
  const answer = (url: URL) => {
    const level = url.searchParams.get('level');
    const base = level === 'department' ? DEPT_Q4 : GRID_NOV;
    return { ...base, level, period: { ...base.period, code: url.searchParams.get('period') ?? '' } };
  };
  const csvOf = (a: ReturnType<typeof answer>) =>
    ['rank,id,name,score,grade', ...a.units.map((u) => `${u.rank ?? ''},${u.id},"${u.name}",${u.score ?? ''},${u.grade ?? ''}`)].join(
      '\r\n',
    );
  const standIn = async (route: Route) => {
    const url = new URL(route.request().url());
    asked.push(`${url.pathname}${url.search}`);
    if (url.pathname !== '/api/assessment')
      return route.fulfill({ json: { ...EXPLAIN, unit: { id: url.pathname.split('/').pop(), name: '—' } } });
    const format = url.searchParams.get('format');
    if (format === 'csv') return route.fulfill({ contentType: 'text/csv; charset=utf-8', body: csvOf(answer(url)) });
    if (format === 'xlsx')
      return route.fulfill({
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: Buffer.from('PK\x03\x04 stand-in'),
      });
    return route.fulfill({ json: answer(url) });
  };

  beforeAll(async () => {
    ({ page, requests } = await loopbackPage(browser, server.origin, { viewport: VIEWPORT, acceptDownloads: true }));
    await page.route(/\/api\/assessment(\/|\?|$)/, standIn);
    // The page runs under the server's Content-Security-Policy: any violation is kept for the last test.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${server.origin}/assess?period=2026-11&level=grid`);
    await ready(page);
  });

  it('shows the ranked table: grades, arrows, n/a as —, the three-fails flag', async () => {
    expect(await rowIds(page)).toEqual(['HB-1-1', 'HB-1-2', 'HB-2-1', 'HB-2-2']);
    const first = page.getByTestId('assess-row').first();
    expect(await first.locator('.grade-badge').textContent()).toBe('A');
    expect(await first.locator('td.change').textContent()).toBe('▲2');
    const late = page.locator('[data-testid="assess-row"][data-unit-id="HB-2-1"]');
    expect(await late.locator('td[data-indicator="timely_handling"]').textContent()).toBe('—');
    expect(await late.locator('td[data-indicator="timely_handling"]').getAttribute('title')).toBe('及时处置率: 不适用');
    expect(await late.locator('[data-flag="three-fails"]').textContent()).toBe('连续三期不合格');
    expect(await page.getByTestId('assess-chart').locator('g.bar').count()).toBe(4);
  });

  it('switches period and level, keeping them in the address', async () => {
    await page.getByTestId('assess-period').selectOption('2026-10');
    await ready(page);
    expect(asked).toContain('/api/assessment?level=grid&period=2026-10');
    expect(new URL(page.url()).search).toBe('?period=2026-10&level=grid');
    await page.getByTestId('assess-period-kind').selectOption('quarter');
    await ready(page);
    expect(await page.getByTestId('assess-period').inputValue()).toBe('2026-Q4');
    await page.getByTestId('assess-level').selectOption('department');
    await ready(page);
    expect(new URL(page.url()).search).toBe('?period=2026-Q4&level=department');
    expect(await rowIds(page)).toEqual(['cgj', 'gajj', 'scjg']);
    await page.reload();
    await ready(page);
    expect(await page.getByTestId('assess-level').inputValue()).toBe('department');
    expect(await rowIds(page)).toEqual(['cgj', 'gajj', 'scjg']);
  });

  it("opens a unit's drill-down from the keyboard, with links to its cases on the desk", async () => {
    await page.getByTestId('assess-row').nth(1).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="assess-drilldown"][data-unit-id="gajj"]');
    await ready(page);
    expect(asked).toContain('/api/assessment/department/gajj?period=2026-Q4');
    const links = page.getByTestId('assess-drilldown').locator('.numerator a.case');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['cases#c-1', 'cases#c-2', 'cases#c-3']);
    expect(new URL(page.url()).searchParams.get('unit')).toBe('gajj');
  });

  it('exports CSV and Excel for the period and level shown', async () => {
    const csv = await exported(page, 'csv');
    expect(csv.name).toBe('assessment-department-2026-Q4.csv');
    const rows = parseCsv(csv.bytes.toString('utf8'));
    expect(rows.slice(1).map((r) => r[1])).toEqual(await rowIds(page));
    const xlsx = await exported(page, 'xlsx');
    expect(xlsx.name).toBe('assessment-department-2026-Q4.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(asked).toContain('/api/assessment?level=department&period=2026-Q4&format=xlsx');
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').click();
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Assessment');
    expect(await page.locator('#table thead th').nth(2).textContent()).toBe('Score');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    mkdirSync(OUTPUT, { recursive: true });
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    writeFileSync(join(OUTPUT, 'assess.png'), await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1600, height: 480 } }));
    expectOffline(requests, server.origin);
  });
});

describe('/assess against the server (the issue 16 acceptance test)', () => {
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    const probe = await server.app.inject({ url: '/api/assessment?level=grid&period=2026-11' });
    // Not skipped: until the assessment API is merged this fails here, saying why.
    expect(probe.statusCode, `GET /api/assessment must answer; it answered ${probe.statusCode} ${probe.body.slice(0, 200)}`).toBe(200);
    ({ page, requests } = await loopbackPage(browser, server.origin, { viewport: VIEWPORT, acceptDownloads: true }));
    await page.goto(`${server.origin}/assess?period=2026-11&level=grid`);
    await ready(page);
  });

  it('opens /assess, switches period and level, and the table changes', async () => {
    const november = await page.getByTestId('assess-table').textContent();
    expect(await rowIds(page)).toEqual(expect.arrayContaining(['HB-1-1', 'HB-1-2', 'HB-2-1']));
    await page.getByTestId('assess-period').selectOption('2026-10');
    await ready(page);
    expect(new URL(page.url()).search).toBe('?period=2026-10&level=grid');
    expect(await page.getByTestId('assess-table').textContent()).not.toBe(november);
    await page.getByTestId('assess-level').selectOption('department');
    await ready(page);
    expect(await rowIds(page)).toEqual(expect.arrayContaining(['cgj', 'gajj']));
    expect(await rowIds(page)).not.toContain('HB-1-1');
  });

  it("opens a unit's drill-down with the cases behind its numbers", async () => {
    await page.getByTestId('assess-level').selectOption('grid');
    await page.getByTestId('assess-period').selectOption('2026-11');
    await ready(page);
    await page.locator('[data-testid="assess-row"][data-unit-id="HB-1-2"]').click();
    await page.waitForSelector('[data-testid="assess-drilldown"][data-unit-id="HB-1-2"]');
    await ready(page);
    const linked = await page
      .getByTestId('assess-drilldown')
      .locator('a.case')
      .evaluateAll((as) => as.map((a) => a.textContent));
    expect(new Set(linked)).toEqual(new Set(['n4', 'n5']));
    writeFileSync(
      join(OUTPUT, 'assess-server.png'),
      await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1600, height: 520 } }),
    );
  });

  it("exports CSV and XLSX; the CSV's rows are the table's", async () => {
    const csv = await exported(page, 'csv');
    expect(csv.bytes.length).toBeGreaterThan(0);
    const rows = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const ids = await rowIds(page);
    const idColumn = rows[0].findIndex((h) => /(^|\s)id$/i.test(h.trim())); // `id`, or `编码 id` beside the Chinese
    expect(idColumn, `the CSV header names an id column: ${rows[0].join(',')}`).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[idColumn])).toEqual(ids);
    const xlsx = await exported(page, 'xlsx');
    expect(xlsx.bytes.length).toBeGreaterThan(0);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK'); // an Office Open XML file is a zip
    expectOffline(requests, server.origin);
  });
});

describe("the wall's case funnel and department ranking", () => {
  it("counts open cases per stage, follows a case that moves on, and shows this month's departments", async () => {
    const { page, requests } = await loopbackPage(browser, server.origin, { viewport: VIEWPORT });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('[data-testid="wall-funnel"]:not([hidden])', { timeout: 30_000 });
    const count = (stage: string) => page.locator(`#funnel-stages li[data-stage="${stage}"]`).getAttribute('data-count');
    // Open in the scenario: n6, o1 reported; n7 registered; n5 dispatched.
    expect(await page.getByTestId('wall-funnel').getAttribute('data-total')).toBe('4');
    expect([await count('reported'), await count('registered'), await count('dispatched'), await count('handled')]).toEqual([
      '2',
      '1',
      '1',
      '0',
    ]);
    expect(await page.locator('#funnel-stages li[data-stage="dispatched"] .overdue').textContent()).toMatch(/^超时 1$/);
    // A department handles n5: the live `case` event moves it from 派遣 to 处置.
    const n5 = (await server.app.inject({ url: '/api/cases/n5' })).json().case;
    const acted = await server.app.inject({
      method: 'POST',
      url: '/api/cases/n5/events',
      payload: { action: 'handle', expected_version: n5.version, note: '已处理' },
    });
    expect(acted.statusCode, acted.body).toBe(201);
    // The event reaches the wall at once; the reload waits 1 s for the burst to settle.
    await page.waitForSelector('#funnel-stages li[data-stage="handled"][data-count="1"]', { timeout: 30_000 });
    expect(await count('dispatched')).toBe('0');
    // This month's departments (the scenario's cases are October's and November's: none is scored yet).
    const month = periodOf(isoDate(localDay(Date.now(), '+08:00')), 'month');
    await page.waitForSelector('[data-testid="wall-department-ranking"]:not([hidden])', { timeout: 10_000 });
    expect(await page.locator('#dept-period').textContent()).toBe(month);
    expect(await page.getByTestId('wall-assess-link').getAttribute('href')).toBe(`assess?period=${month}&level=department`);
    // The switch hides the panel.
    await page.getByTestId('show-funnel').uncheck();
    expect(await page.getByTestId('wall-funnel').isHidden()).toBe(true);
    expectOffline(requests, server.origin);
    await page.close();
  });
});
