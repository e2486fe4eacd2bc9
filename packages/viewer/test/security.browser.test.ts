// The server's security headers (issue 7) against the built pages, in headless Chromium: the
// Content-Security-Policy must let the heatmap, the planner (its coverage worker, maplibre's
// blob: workers, WebGL) and the OpenAPI page run, and the server runs as the demo does: access
// control on, reads public, no key in the browser. Needs packages/viewer/dist and chromium.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from '@citygrid/server';
import { parseGrids } from '@citygrid/core';
import { CHROMIUM_ARGS } from './support/chromium.ts';
import { DIST, requireBuiltPageAndChromium, tempDbDir } from './support/browser-harness.ts';
import { syntheticReports } from './support/reports.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures');

let app: Awaited<ReturnType<typeof build>>;
let browser: Browser;
let origin: string;
let db: { dir: string; remove(): void } | undefined;

beforeAll(async () => {
  const executablePath = requireBuiltPageAndChromium('plan.html');
  db = tempDbDir('security');
  app = await build({ dbPath: join(db.dir, 'security.duckdb'), viewerDir: DIST, auth: { publicRead: true } });
  const parsed = parseGrids(readFileSync(join(FIXTURES, 'grids.geojson'), 'utf8'));
  if (!parsed.ok) throw new Error('fixture grids.geojson does not parse');
  await app.store.replaceGrids(parsed.gridSet);
  await app.store.replaceBoundaries(JSON.parse(readFileSync(join(FIXTURES, 'boundaries.geojson'), 'utf8')));
  await app.store.insertReportsBulk(syntheticReports(500, 7));
  origin = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  db?.remove();
});

/** A page that records every CSP violation (the event, and Chromium's console report of it). */
async function recordingPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    else if (m.type() === 'error') console.error('[page]', m.text());
  });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  page.on('worker', (w) => w.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text())));
  return { page, violations };
}

describe('security headers in the browser', () => {
  it('the heatmap page runs under the CSP without a key', async () => {
    const { page, violations } = await recordingPage();
    const res = await page.goto(`${origin}/`);
    expect(res?.headers()['content-security-policy']).toContain("worker-src 'self' blob:");
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the planner page runs under the CSP, its coverage worker included', async () => {
    const { page, violations } = await recordingPage();
    await page.goto(`${origin}/plan`);
    await page.waitForSelector('body[data-ready="true"][data-check="done"]', { timeout: 60_000 });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the case desk (/cases) runs under the CSP, its map included', async () => {
    const { page, violations } = await recordingPage();
    await page.goto(`${origin}/cases`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#case-map canvas', { state: 'attached', timeout: 30_000 });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the OpenAPI page (/docs) renders under the CSP', async () => {
    const { page, violations } = await recordingPage();
    await page.goto(`${origin}/docs`);
    await page.waitForSelector('.opblock', { timeout: 60_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(violations).toEqual([]);
    await page.close();
  });
});
