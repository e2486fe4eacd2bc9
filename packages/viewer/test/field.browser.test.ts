// The field app (/m, 城管通) on a phone-sized Chromium: loaded once online, then offline it files
// three reports with photos and walks a patrol, survives a reload (the shell from the service
// worker, the queue from IndexedDB), and once online again everything lands exactly once, the
// photos byte for byte. Every request goes to the test's own server.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, UNCHECKED } from '@citygrid/server';
import { parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');
const PHONE = { width: 390, height: 844 };
// Inside HB-1-2 (109.01–109.02, 32.70–32.71), then HB-1-1 to its west.
const IN_HB_1_2 = { longitude: 109.015, latitude: 32.705, accuracy: 12 };
const IN_HB_1_1 = { longitude: 109.005, latitude: 32.705, accuracy: 9 };

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: requireBuiltPageAndChromium('m.html'), args: CHROMIUM_ARGS });
});
afterAll(async () => browser?.close());

async function startServer() {
  const db = tempDbDir('field');
  const app = await build({ dbPath: join(db.dir, 'field.duckdb'), viewerDir: DIST, auth: {}, rateLimit: false });
  const parsed = parseGrids(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8'), { idField: 'id' });
  if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.people.insert([{ id: 'P7', name: '王丽', role: 'full-time', grids: ['HB-1-1', 'HB-1-2'] }]);
  const { key } = await app.store.keys.create({ role: 'inspector', grids: ['HB-1-1', 'HB-1-2'], person: 'P7', label: '王丽的手机' });
  const { key: admin } = await app.store.keys.create({ role: 'admin' });
  const origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const close = async () => {
    await app.close();
    db.remove();
  };
  return { app, origin, key, admin, close };
}

/** A phone-sized screenshot for docs/field-app.md, once the CJK font slices are in. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUTPUT, name) });
}

describe('the field app offline', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: IN_HB_1_2,
      permissions: ['geolocation'],
    });
    // Context-wide, so the service worker's own fetches are seen too.
    context.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) => (new URL(route.request().url()).origin === server.origin ? route.continue() : route.abort()));
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
    mkdirSync(OUTPUT, { recursive: true });
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('signs in with a key and gets ready for offline use (service worker in control, data cached)', async () => {
    await page.goto(`${server.origin}/m`);
    await page.getByTestId('m-key').fill(server.key);
    await page.getByTestId('m-signin').click();
    await expect.poll(() => page.evaluate(() => document.body.dataset.offlineReady), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('m-grid').getAttribute('data-grid')).toBe('HB-1-2');
    await expect.poll(() => page.getByTestId('m-position').textContent()).toContain('±12 m');
    await page.getByTestId('m-category').fill('lj');
    await shot(page, 'field-report.png');
    await page.getByTestId('m-category').fill('');
  });

  it('files three reports with photos offline; they wait in the queue, each with its photo hashes', async () => {
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('m-online-state').getAttribute('data-state')).toBe('offline');
    for (const [i, query] of ['bllj', '暴露', '06010'].entries()) {
      await page.getByTestId('m-category').fill(query);
      await page.getByTestId('m-category-option').first().click();
      await expect.poll(() => page.getByTestId('m-category-chosen').getAttribute('data-code')).toBe('06010');
      await page.getByTestId('m-description').fill(`第${i + 1}处暴露垃圾`);
      await page.getByTestId('m-photo').setInputFiles(join(FIXTURES, 'field', `photo-${i + 1}.png`));
      await expect.poll(() => page.locator('#photos img').count()).toBe(1);
      await page.getByTestId('m-submit').click();
      await expect.poll(() => page.getByTestId('m-queue-count').textContent()).toBe(String(i + 1));
    }
    // Routed on the phone, offline: the grid shows without the server.
    expect(await page.getByTestId('m-grid').getAttribute('data-grid')).toBe('HB-1-2');
  });

  it('walks a patrol offline from HB-1-2 into HB-1-1; stopping queues its track', async () => {
    await page.getByTestId('m-tab-patrol').click();
    await page.getByTestId('m-patrol-toggle').click();
    await expect.poll(() => page.getByTestId('m-patrol-toggle').getAttribute('data-on')).toBe('true');
    await expect.poll(() => page.getByTestId('m-patrol-info').textContent()).toMatch(/已记录 1 个点/);
    await context.setGeolocation(IN_HB_1_1);
    await page.getByTestId('m-patrol-toggle').click();
    await expect.poll(() => page.getByTestId('m-patrol-toggle').getAttribute('data-on')).toBe('false');
    await expect.poll(() => page.getByTestId('m-queue-count').textContent()).toBe('4');
  });

  let sent: Map<string, string[]>;
  it('reloads offline: the shell comes from the service worker, the queue from IndexedDB', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('m-queue-count').textContent(), { timeout: 20_000 }).toBe('4');
    expect(await page.getByTestId('m-online-state').getAttribute('data-state')).toBe('offline');
    await page.getByTestId('m-tab-queue').click();
    const items = page.getByTestId('m-queue-item');
    await expect.poll(() => items.count()).toBe(4);
    await shot(page, 'field-queue.png');
    sent = new Map();
    for (const item of await items.all()) {
      const photos = await item.getAttribute('data-photos');
      if (photos !== null) sent.set((await item.getAttribute('data-id'))!, photos.split(','));
    }
    expect(sent.size).toBe(3);
  });

  it('back online, the three reports land once each with their photos byte for byte, and the patrol with its check-ins', async () => {
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('m-queue-count').textContent(), { timeout: 60_000 }).toBe('0');
    const { reports } = await server.app.store.queryReports({ sources: ['inspector-app'] }, { limit: 100 });
    expect(reports.map((r) => r.id).sort()).toEqual([...sent.keys()].sort());
    for (const r of reports) {
      expect(r).toMatchObject({ category: '06010', grid_id: 'HB-1-2' });
      const stored = (await server.app.store.attachments.list(r.id)).map((a) => a.sha256);
      expect(stored).toEqual(sent.get(r.id));
    }
    const patrols = await server.app.store.patrols.list({ person: 'P7' });
    expect(patrols).toHaveLength(1);
    expect(patrols[0].points).toBe(2);
    expect(patrols[0].checkins.map((c) => c.grid_id)).toEqual(['HB-1-2', 'HB-1-1']);
    // A later resend by the phone changes nothing.
    expect(await server.app.store.counts()).toMatchObject({ reports: 3 });
    await page.getByTestId('m-tab-patrol').click();
    await expect.poll(() => page.getByTestId('m-grid-item').count()).toBe(2);
    await shot(page, 'field-patrol.png');
  });

  it("verifies in the field a case of the inspector's grid that the department handled, with a photo", async () => {
    // The app's reports opened cases (inspector-app is an auto-case source): take one to 处置反馈.
    const cases = server.app.store.cases;
    await cases.settled();
    const [first] = (await cases.list({}, { limit: 10 }, UNCHECKED)).cases;
    let version = first.version;
    for (const body of [
      { action: 'accept' },
      { action: 'register' },
      { action: 'dispatch', department: 'cgj' },
      { action: 'handle', note: '已清运' },
    ]) {
      version = (await cases.act(first.id, { ...body, expected_version: version }, UNCHECKED)).case.version;
    }
    await page.getByTestId('m-tab-cases').click();
    const item = page.locator(`[data-testid="m-case"][data-case-id="${first.id}"]`);
    await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(1);
    await item.locator('textarea').fill('现场已清理干净');
    await item.locator('input[type=file]').setInputFiles(join(FIXTURES, 'field', 'photo-3.png'));
    await item.getByTestId('m-case-verify').click();
    await expect.poll(() => item.getAttribute('data-done'), { timeout: 20_000 }).toBe('verify');
    const after = await cases.get(first.id, UNCHECKED);
    expect(after.case.stage).toBe('verified');
    const note = after.events.at(-1)?.note ?? '';
    const sha = /sha256:([0-9a-f]{64})/.exec(note)?.[1];
    expect((await server.app.store.attachments.list(first.reports[0])).map((a) => a.sha256)).toContain(sha);
  });

  it('signs a second phone in from the link the desk encodes as a QR code for an admin', async () => {
    const desk = await context.browser()!.newContext({ viewport: { width: 1280, height: 800 } });
    desk.on('request', (r) => requests.push(r.url()));
    const deskPage = await desk.newPage();
    await deskPage.goto(`${server.origin}/cases`);
    const keyField = deskPage.getByTestId('cases-key');
    await keyField.fill(server.admin);
    await keyField.dispatchEvent('change');
    await deskPage.getByTestId('cases-field-key-open').click();
    await deskPage.getByTestId('cases-field-key-person').fill('P7');
    await deskPage.getByTestId('cases-field-key-grids').fill('HB-1-1, HB-1-2');
    await deskPage.getByTestId('cases-field-key-make').click();
    await expect.poll(() => deskPage.getByTestId('cases-field-key-qr').isVisible()).toBe(true);
    const link = await deskPage.getByTestId('cases-field-key-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.origin}/m#key=cg_[0-9a-f]{12}_`));
    expect(server.app.store.keys.list().filter((k) => k.person === 'P7')).toHaveLength(2);
    await desk.close();

    const phone = await context
      .browser()!
      .newContext({ viewport: PHONE, isMobile: true, geolocation: IN_HB_1_2, permissions: ['geolocation'] });
    phone.on('request', (r) => requests.push(r.url()));
    const phonePage = await phone.newPage();
    await phonePage.goto(link);
    await expect.poll(() => phonePage.getByTestId('m-grid').getAttribute('data-grid')).toBe('HB-1-2');
    expect(phonePage.url()).not.toContain('key=');
    await phone.close();
  });

  it('sent nothing to any other host', () => {
    expect(requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin)).toEqual([]);
  });
});
