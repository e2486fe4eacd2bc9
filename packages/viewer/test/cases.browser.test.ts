// The case desk (/cases) and the wall's cases (issue 15) in headless Chromium. First against a
// stand-in for the cases API (support/fake-cases.ts, core's own model behind page.route), so the
// pages are tested before the cases server lands; then one case from report to closure against
// the real server, which skips with one line while GET /api/cases answers 404.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from '@citygrid/server';
import { parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, loopbackPage, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';
import { closureWalk, openOnDesk, takeStep, useKey } from './support/desk-walk.ts';
import { FakeCases } from './support/fake-cases.ts';
import { syntheticReports } from './support/reports.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
const VIEWPORT = { width: 1600, height: 900 };
const HOUR = 3_600_000;

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: requireBuiltPageAndChromium('cases.html'), args: CHROMIUM_ARGS });
});
afterAll(async () => browser?.close());

/** A server on a loopback port with the fixture grids and a few reports. */
async function startServer(name: string, auth: object | false) {
  const db = tempDbDir(name);
  const app = await build({ dbPath: join(db.dir, `${name}.duckdb`), viewerDir: DIST, auth, rateLimit: false } as Parameters<
    typeof build
  >[0]);
  const parsed = parseGrids(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8'), { idField: 'id' });
  if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceBoundaries(JSON.parse(readFileSync(join(FIXTURES, 'boundaries.geojson'), 'utf8')));
  await app.store.insertReportsBulk(syntheticReports(300, 15));
  const origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  return { app, origin, close: async () => (await app.close(), db.remove()) };
}

/** No request of the page went to another host. */
function expectOffline(requests: string[], origin: string): void {
  expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)).toEqual([]);
}

describe('the desk and the wall against a stand-in cases API', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  let requests: string[];
  const fake = new FakeCases({
    op: { role: 'operator' },
    sup: { role: 'supervisor' },
    disp: { role: 'dispatcher' },
    cgj: { role: 'department', department: 'cgj' },
    gajj: { role: 'department', department: 'gajj' },
    insp: { role: 'inspector', grids: ['HB-1-2'] },
  });

  beforeAll(async () => {
    server = await startServer('cases-desk', false);
    fake.open('c-new', { at: Date.now() - 60_000, lon: 109.015, lat: 32.705, grid_id: 'HB-1-2' });
    fake.open('c-late', { at: Date.now() - 20 * 24 * HOUR, lon: 109.005, lat: 32.705, grid_id: 'HB-1-1' }); // far past its 1 working hour
    fake.open('c-walk', { at: Date.now() - 120_000, lon: 109.015, lat: 32.706, grid_id: 'HB-1-2' });
    ({ page, requests } = await loopbackPage(browser, server.origin, { viewport: VIEWPORT }));
    await fake.mount(page);
    await page.goto(`${server.origin}/cases`);
    await useKey(page, 'op');
  });
  afterAll(async () => server?.close());

  it("shows the operator's queue, overdue first and in red", async () => {
    const rows = page.getByTestId('case-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().getAttribute('data-case-id')).toBe('c-late');
    expect(await rows.first().locator('.left.overdue').textContent()).toMatch(/^超时 \d+天/);
    expect(await page.getByTestId('cases-tab-mine').textContent()).toBe('我的待办 3');
  });

  it('moves with j/k, opens with Enter and takes an action with its number key', async () => {
    await page.locator('body').press('j'); // c-late → c-new (the soonest due of the rest; ids break ties)
    await page.locator('body').press('Enter');
    await page.waitForSelector('[data-testid="case-detail"][data-case-id]');
    const id = await page.getByTestId('case-detail').getAttribute('data-case-id');
    expect(['c-new', 'c-walk']).toContain(id);
    expect(await page.getByTestId('case-stage').textContent()).toBe('上报');
    await page.locator('body').press('1'); // accept
    await page.getByTestId('case-submit').press('Enter');
    await page.waitForSelector(`[data-testid="case-detail"][data-version="2"]`);
    expect(await page.getByTestId('case-stage').textContent()).toBe('受理');
    expect(await page.getByTestId('case-timeline').locator('li').count()).toBe(1);
    expect(await page.getByTestId('case-result').textContent()).toBe('已提交：受理');
  });

  it('reloads the case and says so when someone else acted first (409)', async () => {
    await openOnDesk(page, server.origin, 'c-late');
    fake.act('c-late', { role: 'operator' }, { action: 'accept' }); // another operator, meanwhile
    await page.getByTestId('case-action-accept').click();
    await page.getByTestId('case-submit').click();
    await page.waitForSelector('[data-testid="case-detail"][data-version="2"]');
    expect(await page.getByTestId('case-result').textContent()).toMatch(/^他人已先处理此案件/);
    expect(await page.getByTestId('case-action-accept').count()).toBe(0);
  });

  it('asks for the fields an action needs before sending it', async () => {
    await useKey(page, 'sup');
    await page.getByTestId('case-action-reject').click();
    await page.getByTestId('case-submit').click();
    expect(await page.getByTestId('case-form').locator('.problem').first().textContent()).toBe('必填');
    expect(await page.getByTestId('case-detail').getAttribute('data-version')).toBe('2');
    await page.locator('body').press('Escape');
    expect(await page.getByTestId('case-form').isHidden()).toBe(true);
  });

  it("walks a case from 上报 to 结案 with each role's key; a department key sees only its own queue", async () => {
    fake.open('c-walk2', { at: Date.now() - 60_000, lon: 109.016, lat: 32.706, grid_id: 'HB-1-2' });
    await openOnDesk(page, server.origin, 'c-walk2');
    const steps = closureWalk({ operator: 'op', supervisor: 'sup', dispatcher: 'disp', department: 'cgj', verifier: 'insp' });
    for (const step of steps) {
      await takeStep(page, 'c-walk2', step);
      if (step.action === 'dispatch') {
        await useKey(page, 'gajj');
        expect(await page.locator('[data-testid="case-row"][data-case-id="c-walk2"]').count()).toBe(0);
      }
    }
    expect(await page.getByTestId('case-stage').textContent()).toBe('结案');
    const timeline = page.getByTestId('case-timeline').locator('li');
    expect(await timeline.locator('strong').allTextContents()).toEqual(['受理', '立案', '派遣', '处置反馈', '核查通过', '结案']);
    expect(await timeline.nth(3).textContent()).toContain('已清运');
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'cases-desk.png'), await page.screenshot({ type: 'png' }));
    expectOffline(requests, server.origin);
  });

  it('switches to English and documents its shortcuts under ?', async () => {
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('case-stage').textContent()).toBe('Closed');
    await page.locator('body').press('?');
    expect(await page.getByTestId('cases-help').textContent()).toContain('next case in the queue');
    await page.locator('body').press('Escape');
    await page.getByTestId('lang-switch').click();
  });

  it('puts open cases on the wall by stage, and a click on one shows its timeline', async () => {
    fake.open('c-map', { at: Date.now() - 60_000, lon: 109.025, lat: 32.715, grid_id: 'HB-1-2' });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('[data-testid="case-summary"]:not([hidden])', { timeout: 30_000 });
    const count = (stage: string) => page.locator(`#case-stages li[data-stage="${stage}"] .count`).textContent();
    // Accepted: the case the j/k test took, and c-late (the 409 test); reported: the other one and c-map.
    expect(await count('reported')).toBe('2');
    expect(await count('accepted')).toBe('2');
    expect(await page.locator('#case-layer-switch').isVisible()).toBe(true);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const at = await page.evaluate(() =>
      (window as unknown as { citygridMap: { project(p: [number, number]): { x: number; y: number } } }).citygridMap.project([
        109.025, 32.715,
      ]),
    );
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('[data-testid="wall-case-panel"][data-case-id="c-map"]', { timeout: 10_000 });
    expect(await page.getByTestId('wall-case-link').getAttribute('href')).toBe('cases#c-map');
    writeFileSync(join(OUTPUT, 'cases-wall.png'), await page.screenshot({ type: 'png' }));
    expectOffline(requests, server.origin);
  });

  // The test's server has cases now: the bare page stands in a server without them (404), and
  // one that wants a key the wall lacks (401) or a stronger one (403).
  for (const status of [404, 401, 403]) {
    it(`the wall hides its case layer on a server without cases (${status}), quietly`, async () => {
      const bare = await loopbackPage(browser, server.origin, { viewport: VIEWPORT });
      const thrown: string[] = [];
      bare.page.on('pageerror', (e) => thrown.push(e.message));
      bare.page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('cases:') && thrown.push(m.text()));
      let asked = 0;
      await bare.page.route(
        /\/api\/cases(\/|\?|$)/,
        (route) => (
          asked++,
          route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: 'CG_ERR', message: String(status) }) })
        ),
      );
      await bare.page.goto(`${server.origin}/`);
      await bare.page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await bare.page.waitForTimeout(500);
      expect(asked).toBeGreaterThan(0);
      expect(await bare.page.locator('#case-summary').isHidden()).toBe(true);
      expect(await bare.page.locator('#case-layer-switch').isHidden()).toBe(true);
      expect(thrown).toEqual([]);
      await bare.page.close();
    });
  }
});

describe('one case from report to closure against the cases server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let missing = false;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer('cases-walk', {});
    const admin = await server.app.store.keys.create({ role: 'admin' });
    const probe = await server.app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${admin.key}` } });
    missing = probe.statusCode === 404;
    if (missing)
      return console.log(
        'skipped: GET /api/cases answers 404 (no cases server in this build); the desk was tested against the stand-in above',
      );
    keys.admin = admin.key;
    // Case roles (issue 15): `citygrid keys create --role department --department cgj`.
    for (const [name, body] of Object.entries({
      operator: { role: 'operator' },
      supervisor: { role: 'supervisor' },
      dispatcher: { role: 'dispatcher' },
      department: { role: 'department', department: 'cgj' },
    })) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/keys',
        headers: { authorization: `Bearer ${admin.key}` },
        payload: { ...body, label: name },
      });
      expect(res.statusCode, res.body).toBe(201);
      keys[name] = res.json().key;
    }
  });
  afterAll(async () => server?.close());

  it("opens a case from a report, walks it through /cases with each role's key, and sees it on the wall", async (t) => {
    if (missing) return t.skip();
    const opened = await server.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${keys.operator}` },
      payload: {
        report: {
          lon: 109.015,
          lat: 32.705,
          category: '06010',
          source: 'app',
          created_at: new Date().toISOString(),
          description: '路边堆放生活垃圾',
        },
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id: string = opened.json().case.id;
    const { page, requests } = await loopbackPage(browser, server.origin, { viewport: VIEWPORT });
    // Reads need a key on this server (401 without one): the desk asks for it first.
    await page.goto(`${server.origin}/cases`);
    await useKey(page, keys.operator);
    await openOnDesk(page, server.origin, id);
    // The inspector's grid scope is the server's to set up; admin verifies here (admin may take every action).
    const steps = closureWalk({
      operator: keys.operator,
      supervisor: keys.supervisor,
      dispatcher: keys.dispatcher,
      department: keys.department,
      verifier: keys.admin,
    });
    for (const step of steps) {
      await takeStep(page, id, step);
      if (step.action === 'dispatch') {
        // On the wall (read with the key this tab stored), in the dispatched stage.
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('#case-stages li[data-stage="dispatched"]', { timeout: 30_000 });
        expect(await page.locator('#case-stages li[data-stage="dispatched"] .count').textContent()).toBe('1');
        await openOnDesk(page, server.origin, id);
        await useKey(page, keys.department);
        expect(await page.locator(`[data-testid="case-row"][data-case-id="${id}"]`).count()).toBe(1);
      }
    }
    expect(await page.getByTestId('case-stage').textContent()).toBe('结案');
    expect(await page.getByTestId('case-timeline').locator('li').count()).toBe(6);
    const audit = await server.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { authorization: `Bearer ${keys.admin}` } });
    if (audit.statusCode !== 404) expect(audit.statusCode, audit.body).toBe(200);
    expectOffline(requests, server.origin);
    await page.close();
  });
});
