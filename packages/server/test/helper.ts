import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, type TestContext } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { build as buildApp, type BuildOptions } from '../src/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

// Access control and the rate limit are off unless a test asks for them (test/auth/access.test.ts):
// the other tests are about what each route does, and inject thousands of requests.
const OPEN = { auth: false, rateLimit: false } satisfies BuildOptions;

/** The app on an in-memory store (unless told otherwise), closed when the test ends. */
export async function build(t: TestContext, options: BuildOptions = {}) {
  const app = await buildApp({ ...OPEN, ...options });
  t.onTestFinished(() => app.close());
  return app;
}

/**
 * One app for a whole describe block, for table-driven tests that only read (or are all
 * refused): building an app costs ~50 ms, and a table of twenty rows should not pay it twenty
 * times. Call at describe level; use the returned getter inside tests.
 */
export function sharedApp(setup: (app: FastifyInstance) => Promise<void> = async () => {}): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildApp({ ...OPEN, logger: !!process.env.LOG });
    await setup(app);
  });
  afterAll(() => app?.close());
  return () => app!;
}

/** Loads the 2×2 grids, and optionally its reports, into an app. */
export async function loadFixture(app: FastifyInstance, withReports = true): Promise<void> {
  const grids = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('grid-2x2/grids.geojson') });
  if (grids.statusCode !== 201) throw new Error(`grid fixture refused: ${grids.body}`);
  if (!withReports) return;
  const reports = await app.inject({ method: 'POST', url: '/api/reports', payload: fixtureReports().inputs });
  if (reports.statusCode !== 201) throw new Error(`report fixture refused: ${reports.body}`);
}

/** Text of a fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A parsed JSON fixture. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** One fixture report: the input plus the grid it must route to, how it matches, and why. */
export interface FixtureReport {
  id: string;
  lon: number;
  lat: number;
  category: string;
  source: string;
  created_at: string;
  expect: string | null;
  match: 'inside' | 'border' | 'outside';
  why: string;
}

/** The 2×2 fixture's reports as API inputs (without `expect`, `match` and `why`). */
export function fixtureReports(): { inputs: Omit<FixtureReport, 'expect' | 'match' | 'why'>[]; expected: FixtureReport[] } {
  const { reports } = fixture<{ reports: FixtureReport[] }>('grid-2x2/reports.json');
  return { inputs: reports.map(({ expect: _e, match: _m, why: _w, ...input }) => input), expected: reports };
}

/** The fixture's town and district outlines, whose units a grid's `path` climbs through. */
export async function loadBoundaries(app: FastifyInstance): Promise<void> {
  await app.store.replaceBoundaries(fixture<FeatureCollection>('grid-2x2/boundaries.geojson'));
}

/** `path` of every fixture grid once the boundaries are loaded: town T1, then district 610902. */
export const FIXTURE_PATH = [
  { id: 'T1', name: '示例街道', level: 2 },
  { id: '610902', name: '汉滨区', level: 1 },
];

/** An app with the 2×2 grids loaded. */
export async function buildWithGrids(t: TestContext, options: BuildOptions = {}) {
  const app = await build(t, { logger: !!process.env.LOG, ...options });
  const res = await app.inject({ method: 'POST', url: '/api/grids', payload: fixture('grid-2x2/grids.geojson') });
  if (res.statusCode !== 201) throw new Error(`grid fixture refused: ${res.body}`);
  return app;
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'citygrid-server-'));
  t.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
