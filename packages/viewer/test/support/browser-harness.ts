// What every browser test starts with: the built pages, Chromium, a throwaway database folder,
// and a page that may talk to the test's own server only.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { findChromium } from './chromium.ts';

/** packages/viewer/dist, where `vite build` puts the pages the server serves. */
export const DIST = join(dirname(fileURLToPath(import.meta.url)), '../../dist');

/**
 * Chromium's path, after checking that `dist/<page>` is built; throws with the command that fixes
 * what is missing.
 * @example const executablePath = requireBuiltPageAndChromium('plan.html');
 */
export function requireBuiltPageAndChromium(page: 'index.html' | 'plan.html' | 'cases.html' | 'assess.html' | 'm.html'): string {
  if (!existsSync(join(DIST, page))) {
    throw new Error(`packages/viewer/dist/${page} is missing: run \`npx -y pnpm@10 run build\` first (the root test command does)`);
  }
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('chromium not found on PATH: run `apt-get install -y chromium` (or `bash scripts/ensure-chromium.sh`)');
  return executablePath;
}

/** A fresh folder under the OS temp dir for a test's DuckDB file, and its removal. */
export function tempDbDir(name: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `citygrid-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A page that records every URL it asks for and refuses at once anything not on `origin` (a
 * request elsewhere fails the test's no-foreign-host check instead of timing out). Page errors,
 * and console errors (with `warnings`, warnings too), are printed.
 */
export async function loopbackPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
  { warnings = false } = {},
): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage(options);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || (warnings && m.type() === 'warning')) console.error(`[page ${m.type()}]`, m.text());
  });
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  return { page, requests };
}
