import { existsSync, openSync, statSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CitygridError, parseGrids } from '@citygrid/core';
import { build, readProfileFile, UNCHECKED, type Store } from '@citygrid/server';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { activityZones } from '../demo/synthetic-district.ts';
import { generateReports } from '../demo/synthetic-reports.ts';
import { generateCases, toImportLine } from '../demo/synthetic-cases.ts';
import { generatePatrols } from '../demo/synthetic-patrols.ts';
import { generateRatings } from '../demo/synthetic-ratings.ts';
import type { Command } from './command.ts';
import { userPath } from './command.ts';
import { choosePort, portInUse } from './free-port.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const VIEWER_DIR = resolve(ROOT, 'packages/viewer/dist');
const DEMOS: Record<string, string> = { hanbin: resolve(ROOT, 'data/demo') };
const DEMO_PROFILES: Record<string, string> = { hanbin: resolve(ROOT, 'data/profiles/hanbin.json') };

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the citygrid server and viewer on a DuckDB file.',
  usage: `usage: citygrid serve [--db citygrid.duckdb] [--profile city.json] [--port 8080] [--port-auto] [--host 127.0.0.1]
                      [--demo hanbin] [--public-read] [--rate-limit 3000] [--check-timeout 120]
                      [--log-level info] [--log-file f]

  --db file       DuckDB file (created if missing)                       [citygrid.duckdb]
  --profile file  the city profile (docs/profile.md): checked first, every problem listed,
                  exit 2 and nothing started; stored in the file as a new version if it
                  differs from the one in use. Without it: the profile stored in the file,
                  else the shipped default (with --demo: data/profiles/hanbin.json)
  --port n        TCP port (0 picks a free one); taken: exit 2            [8080]
  --port-auto     if the port is taken, use the next free one (up to 20 on) and print it
                  (npm run demo does)
  --host h        interface to listen on                                 [127.0.0.1]
  --demo hanbin   when the file holds no grids, load the generated demo
                  city (91 synthetic grids, 200,000 synthetic reports); implies --public-read;
                  on a file with no key, makes one admin key and prints it this once
  --public-read   reads (grids, reports, statistics, the live feed) need no key; writes still do
  --rate-limit n  requests per minute per API key (per address without one); 0: no limit  [3000]
  --log-level l   the request log: JSON lines, one per request (reqId, method, URL, route,
                  status, ms, key id; never a secret), errors with their stack:
                  debug, info, warn, error or silent                    [info]
  --log-file f    append the log to this file instead of stderr
  --check-timeout s  seconds a coverage check, repair, diff or impact may run on its worker
                  thread before it is stopped with 503 CG_ERR_CHECK_TIMEOUT (an impact:
                  CG_ERR_IMPACT_TIMEOUT)                                                [120]

The viewer is served at / (build it first: npx -y pnpm@10 run build; until then / says so),
the API at /api,
the OpenAPI documentation at /docs. Every /api write needs an API key of the right role
(citygrid keys create --role admin --db <file>, with the server stopped), and so do reads
unless --public-read.
example: citygrid serve --db data/demo.duckdb --demo hanbin`,
  options: {
    db: { type: 'string' },
    profile: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'string' },
    'public-read': { type: 'boolean' },
    'port-auto': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    'log-level': { type: 'string' },
    'log-file': { type: 'string' },
    'check-timeout': { type: 'string' },
  },
  async run({ positionals, values }) {
    if (positionals.length) throw CitygridError.of('CG_ERR_USAGE', {}, `serve takes no files, got ${positionals.join(' ')}`);
    const port = Number((values.port as string | undefined) ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw CitygridError.of('CG_ERR_USAGE', {}, `--port ${values.port} is not a port number (0–65535)`);
    const demo = values.demo as string | undefined;
    if (demo !== undefined && !(demo in DEMOS))
      throw CitygridError.of('CG_ERR_USAGE', {}, `--demo ${demo}: unknown demo (known: ${Object.keys(DEMOS).join(', ')})`);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    // Before the database and the demo load: a taken port fails in a second, not after them.
    const listenPort = await choosePort(host, port, values['port-auto'] === true);
    if (listenPort !== port) process.stdout.write(`citygrid serve: port ${port} is in use; using ${listenPort}\n`);
    if (!existsSync(resolve(VIEWER_DIR, 'index.html'))) {
      process.stderr.write(
        `citygrid serve: viewer not built (${VIEWER_DIR}); the API still works. Build it with: npx -y pnpm@10 run build\n`,
      );
    }
    const rate = Number((values['rate-limit'] as string | undefined) ?? 3000);
    if (!Number.isInteger(rate) || rate < 0)
      throw CitygridError.of(
        'CG_ERR_USAGE',
        {},
        `--rate-limit ${values['rate-limit']} is not a whole number of requests per minute (0: no limit)`,
      );
    const checkTimeout = Number((values['check-timeout'] as string | undefined) ?? 120);
    if (!(checkTimeout > 0))
      throw CitygridError.of('CG_ERR_USAGE', {}, `--check-timeout ${values['check-timeout']} is not a positive number of seconds`);
    // The demo is for looking at: a first-time user has no key, and the viewer only reads.
    const publicRead = values['public-read'] === true || demo !== undefined;
    const db = userPath((values.db as string | undefined) ?? 'citygrid.duckdb');
    // Read and checked before anything starts: a profile that is not valid never half-loads.
    const profilePath = values.profile === undefined ? (demo ? DEMO_PROFILES[demo] : undefined) : userPath(values.profile as string);
    const profile = profilePath === undefined ? null : readProfileFile(profilePath);
    const logger = openLog(values['log-level'] as string | undefined, values['log-file'] as string | undefined);
    const app = await build({
      dbPath: db,
      viewerDir: VIEWER_DIR,
      logger,
      auth: { publicRead },
      rateLimit: rate === 0 ? false : { max: rate, window_ms: 60_000 },
      geometry: { timeoutMs: checkTimeout * 1000 },
    });
    if (profile) await app.store.replaceProfile(profile.profile, profile.files, 'cli');
    if (demo && !app.store.gridSet()) await loadDemo(app.store, DEMOS[demo]);
    let address: string;
    try {
      address = await app.listen({ host, port: listenPort });
    } catch (e) {
      await app.close();
      // Taken in the instant since the probe.
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(host, listenPort);
      throw e;
    }
    const inUse = app.store.profiles;
    // The local demo starts with no key, so it could take no write: it makes one admin key and
    // shows it this once (a keyed file keeps its keys; a real deployment runs without --demo).
    const demoKey =
      demo && app.store.keys.activeCount() === 0
        ? (await app.store.keys.create({ role: 'admin', label: 'local demo (serve --demo)' })).key
        : null;
    if (demoKey)
      process.stdout.write(
        `local demo admin key, shown only this once (for writes: Authorization: Bearer <key>; the planner and case desk ask for it):\n  ${demoKey}\n`,
      );
    process.stdout.write(
      `citygrid serving ${db}\n  profile: ${inUse.current().profile.name} (version ${inUse.stored().version})\n  viewer: ${address}/\n  API docs: ${address}/docs\n  ${accessLine(app.store.keys.activeCount(), publicRead, values.db as string | undefined)}\n(Ctrl-C to stop)\n`,
    );
    await new Promise<void>((done) => {
      const stop = () => void app.close().then(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'];

/** The server's logger options from --log-level and --log-file; a file is opened (for appending) before anything starts. */
function openLog(level = 'info', file: string | undefined): false | { level: string; stream: { write(line: string): void } } {
  if (!LOG_LEVELS.includes(level))
    throw CitygridError.of('CG_ERR_USAGE', {}, `--log-level ${level} is not a level; use one of ${LOG_LEVELS.join(', ')}`);
  if (level === 'silent') return false;
  if (file === undefined) return { level, stream: process.stderr };
  const path = userPath(file);
  if (!existsSync(dirname(path)) || (existsSync(path) && !statSync(path).isFile()))
    throw CitygridError.of(
      'CG_ERR_USAGE',
      {},
      `--log-file ${file}: ${existsSync(path) ? 'is not a file' : `folder ${dirname(path)} does not exist`}`,
    );
  // Synchronous appends: the line of a crash must reach the file before the process ends.
  const fd = openSync(path, 'a');
  return { level, stream: { write: (line: string) => void writeSync(fd, line) } };
}

/** What a user can do without a key, and how to get one. */
function accessLine(keys: number, publicRead: boolean, db: string | undefined): string {
  const reads = publicRead ? 'reads are public (--public-read)' : 'reads need a viewer key';
  if (keys > 0) return `access: ${reads}; writes need a key of their role (${keys} active)`;
  return `access: ${reads}; no API keys yet, so every write is refused. Make one with the server stopped:\n    citygrid keys create --role admin --db ${db ?? 'citygrid.duckdb'}`;
}

/** Loads the committed demo outlines and grids, and 200,000 seeded synthetic reports. */
async function loadDemo(store: Store, dir: string): Promise<void> {
  const started = Date.now();
  const read = async (name: string) => JSON.parse(await readFile(resolve(dir, name), 'utf8')) as FeatureCollection;
  const grids = await read('grids.geojson');
  const parsed = parseGrids(grids);
  if (!parsed.ok) throw new CitygridError(parsed.problems);
  const towns = await read('towns.geojson');
  const district = await read('district.geojson');
  await store.replaceGrids(parsed.gridSet);
  await store.replaceBoundaries({ type: 'FeatureCollection', features: [...district.features, ...towns.features] });
  process.stdout.write(`loading demo: ${parsed.gridSet.grids.length} grids; generating 200,000 synthetic reports…\n`);
  // The same zones the demo grids were balanced on (gen-demo-data, seed 1): every grid of a
  // town then gets about the same number of reports.
  const zones = activityZones(towns as FeatureCollection<Polygon | MultiPolygon>, 1);
  const reports = generateReports({ grids, zones, district: district.features[0], seed: 1, count: 200_000 });
  await store.insertReportsBulk(reports);
  // A year of cases over those reports, each built through core's workflow (synthetic-cases.ts).
  const cases = generateCases({ reports, grids, profile: store.profiles.current().profile, seed: 1 });
  process.stdout.write(`importing ${cases.length.toLocaleString('en')} synthetic case histories…\n`);
  await store.cases.importCases(cases.map(toImportLine).join('\n'), UNCHECKED);
  // Grid workers' patrols and reporters' ratings, so attendance and satisfaction spread (docs/assessment.md).
  const span = reports.reduce(
    (t, r) => {
      const at = Date.parse(r.created_at);
      return { from: Math.min(t.from, at), until: Math.max(t.until, at) };
    },
    { from: Infinity, until: -Infinity },
  );
  const patrols = generatePatrols(parsed.gridSet.grids, { ...span, seed: 1 });
  await store.people.insert(patrols.people);
  await store.assessment.addCheckins(patrols.checkins);
  await store.ratings.importRatings(generateRatings(cases, 1));
  // Each case's assessment facts now, not on the wall's first request (which would hold intake meanwhile).
  await store.assessment.refresh();
  process.stdout.write(`demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
