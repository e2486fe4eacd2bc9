import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CitygridError, problem, type BBox, type Grid, type GridSet, type Report, type RouteResult, type Router } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import type { Meta } from './reports/meta-schemas.ts';
import type { ReportInput, RoutedReport, StoredReport } from './reports/report-schemas.ts';
import type { GridStats } from './stats/stats-schemas.ts';
import type { GridVersion, ImpactMatrix, Published } from './grids/version-schemas.ts';
import type { ReportEvent } from './live/live-schemas.ts';
import { API_KEYS_DDL, ApiKeys } from './auth/api-keys.ts';
import { appendReports } from './reports/append-reports.ts';
import { areaCollection } from './areas/area-features.ts';
import { appendVersionGrids, readAreas, readUnits, replaceBoundaryRows } from './db/area-rows.ts';
import { buildRouter, type HierarchyUnit } from './grids/build-router.ts';
import { checkReportInputs } from './reports/check-report-inputs.ts';
import type { Cursor } from './db/cursor.ts';
import { DDL } from './db/ddl.ts';
import { gridStats } from './stats/grid-stats.ts';
import { changedBoxes } from './grids/changed-boxes.ts';
import { currentVersion, findVersion, insertVersion, listVersions, nextVersion, setCurrent } from './grids/grid-versions.ts';
import { impactMatrix, impactPair, type CurrentVersion, type ImpactPairIds } from './grids/impact.ts';
import { insertReports } from './reports/insert-reports.ts';
import { locateReports } from './grids/locate-reports.ts';
import { migrateGrids } from './db/migrate-grids.ts';
import { Mutex } from './db/mutex.ts';
import { deleteOpen311Fields, insertOpen311Fields, type Open311Fields } from './open311/open311-requests.ts';
import { parseBoundaries } from './areas/parse-boundaries.ts';
import { queryReports } from './reports/query-reports.ts';
import { readMeta } from './reports/read-meta.ts';
import { migrateSeq, readReportEvents, type EventFilter } from './live/report-events.ts';
import { reportPoints } from './reports/report-points.ts';
import type { ReportFilter } from './db/report-filter.ts';
import { rerouteReports } from './grids/reroute-reports.ts';
import { readState, snapshotOf, type Snapshot } from './db/snapshot.ts';
import { routeWithin } from './grids/route-within.ts';
import { transaction } from './db/transaction.ts';
import { VersionCache, type LoadedVersion } from './grids/version-cache.ts';

// Pairs of versions whose changed boxes are kept: a planner switches between a few drafts.
const BOXES_KEPT = 16;

/** The version serving now: its grids and the router every report and route query uses. */
interface Current {
  version: number;
  gridSet: GridSet;
  router: Router;
}

/** What {@link Store.importGrids} did. */
export interface ImportedVersion {
  /** The new version's number. */
  version: number;
  /** Whether it was published (asked to, or the first import). */
  published: boolean;
  /** The version serving after the import. */
  current: number;
  /** Stored reports whose grid changed (0 for a draft). */
  rerouted: number;
}

/** Options of {@link Store.importGrids}. */
export interface ImportGridsOptions {
  /** [false] Publish at once; the first import is published whatever this says. */
  publish?: boolean;
  /** [0] Coverage problems the caller accepted (force=true), recorded with the version. */
  problems?: number;
}

/** Row counts of the store's tables. */
export interface StoreCounts {
  grids: number;
  boundaries: number;
  reports: number;
}

/**
 * Opens (or creates) a citygrid DuckDB file and loads its current grid version into memory.
 * A file from before grid versions is migrated once: its grids become version 1.
 * @param dbPath file path, or ':memory:' for a throwaway store
 * @example
 * const store = await openStore('city.duckdb');
 * await store.replaceGrids(gridSet); // import and publish
 * await store.close();
 */
export async function openStore(dbPath: string): Promise<Store> {
  const instance = await DuckDBInstance.create(dbPath).catch((e: Error) => {
    // Another process (a running `citygrid serve`) holds the file: DuckDB allows one writer.
    throw /Could not set lock/.test(e.message) ? CitygridError.of('CG_ERR_DB_IN_USE', {}, dbPath) : e;
  });
  try {
    const writer = await instance.connect();
    await writer.run(DDL);
    await writer.run(API_KEYS_DDL);
    await migrateGrids(writer);
    const lastSeq = await migrateSeq(writer);
    const current = (await listVersions(writer)).find((v) => v.status === 'current');
    const loaded = current ? await loadVersion(writer, current) : null;
    const store = new Store(instance, writer, loaded, await readUnits(writer), lastSeq);
    await store.keys.load();
    return store;
  } catch (e) {
    instance.closeSync();
    throw e;
  }
}

/**
 * The citygrid store: grid versions, context outlines and reports in one DuckDB database,
 * usable with or without fastify (the CLI imports through it directly).
 *
 * Every grid import is a new, immutable version: a draft until it is published, when it
 * becomes the current version, the one reports are routed to. Publishing re-routes the stored
 * reports' grid_id in the same transaction that makes the version current, so a reader sees
 * the old grids with the old grid_ids or the new with the new; each report also keeps the
 * version that routed it on arrival and the grid it gave, which no publish rewrites.
 *
 * Writes go through one connection, one at a time (a promise-chain mutex), each in its own
 * transaction. Reads open a short-lived connection each, so they see the last committed state
 * and never a half-written batch. The current version and its router live in memory as one
 * object, swapped only after the publish has committed; other versions are loaded on demand
 * and kept in a small cache with their routers.
 */
export class Store {
  readonly #instance: DuckDBInstance;
  readonly #writer: DuckDBConnection;
  readonly #writes = new Mutex();
  readonly #reads = new Set<Promise<unknown>>();
  readonly #versions = new VersionCache();
  readonly #boxes = new Map<string, BBox[] | null>();
  readonly #stored = new Set<ReportsStoredListener>();
  #current: Current | null;
  #units: HierarchyUnit[];
  #lastSeq: number;
  #closed = false;
  /** API keys with roles (hashes only), checked in memory on every request. */
  readonly keys: ApiKeys;

  /** Use {@link openStore}. */
  constructor(instance: DuckDBInstance, writer: DuckDBConnection, current: LoadedVersion | null, units: HierarchyUnit[] = [], lastSeq = 0) {
    this.#instance = instance;
    this.#writer = writer;
    this.#units = units;
    this.#lastSeq = lastSeq;
    this.keys = new ApiKeys((fn) => this.#write(fn), (fn) => this.#read(fn));
    this.#current = current ? { version: current.version, gridSet: current.gridSet, router: buildRouter(current.gridSet, units) } : null;
    if (current) this.#versions.set({ ...current, router: this.#current!.router });
  }

  /** The current version's grids, which reports are routed against, or null before any import. Cached; no I/O. */
  gridSet(): GridSet | null {
    return this.#current?.gridSet ?? null;
  }

  /** The current version's number, or null before any import. No I/O. */
  currentVersion(): number | null {
    return this.#current?.version ?? null;
  }

  /**
   * Routes one WGS84 point with the current grids' router: grid, path (town, district), match
   * and distance. No I/O.
   * @param maxDistance_m a point outside every grid but this close to one (≤ 1000 m) is
   *   matched to the nearest; 0 (the default) never
   * @returns the answer, or null before any grids are loaded
   * @example store.route(109.0312, 32.6871)?.grid?.id // '610902001008001'
   */
  route(lon: number, lat: number, maxDistance_m = 0): RouteResult | null {
    const current = this.#current;
    return current ? routeWithin(current.router, lon, lat, maxDistance_m) : null;
  }

  /**
   * Stores a grid set as a new version, in one transaction. A draft unless `publish` is set or
   * no version is current yet (the first import is published: a store with grids always has a
   * current version). Publishing here is {@link publish} in the same transaction: the stored
   * reports are re-routed, and until COMMIT the previous version keeps serving.
   * @returns the new version's number, whether it was published, the current version, and how
   *   many reports changed grid
   * @example await store.importGrids(gridSet) // { version: 2, published: false, current: 1, rerouted: 0 }
   */
  async importGrids(gridSet: GridSet, options: ImportGridsOptions = {}): Promise<ImportedVersion> {
    return this.#write(async (conn) => {
      const publish = options.publish === true || !this.#current;
      const router = publish ? buildRouter(gridSet, this.#units) : undefined;
      let rerouted = 0;
      const version = await transaction(conn, async () => {
        const v = await nextVersion(conn);
        const area_m2 = gridSet.grids.reduce((sum, g) => sum + g.area_m2, 0);
        await insertVersion(conn, { version: v, idField: gridSet.idField, grids: gridSet.grids.length, area_m2, problems: options.problems ?? 0 });
        await appendVersionGrids(conn, v, gridSet.grids);
        if (router) {
          await setCurrent(conn, v);
          rerouted = await rerouteReports(conn, router);
        }
        return v;
      });
      this.#versions.set({ version, gridSet, router });
      if (router) this.#current = { version, gridSet, router };
      return { version, published: publish, current: this.#current!.version, rerouted };
    });
  }

  /**
   * Imports a grid set and publishes it at once: {@link importGrids} with `publish: true`, what
   * the CLI's import and the demo do.
   */
  async replaceGrids(gridSet: GridSet): Promise<ImportedVersion> {
    return this.importGrids(gridSet, { publish: true });
  }

  /**
   * Makes `version` current: in one transaction it becomes current, the previous one retired,
   * and every stored report's grid_id is re-routed with its router (routed_version and
   * routed_grid_id are kept). Readers see the previous version until COMMIT, then the new one;
   * a failure leaves the previous one serving. Any version may be published, so publishing a
   * retired one rolls back; publishing the current one changes nothing.
   * Throws CG_ERR_UNKNOWN_VERSION (404) for a version that does not exist.
   */
  async publish(version: number): Promise<Published> {
    return this.#write(async (conn) => {
      const previous = this.#current?.version ?? null;
      const loaded = await this.#load(conn, version);
      if (previous === version) return { version, previous, rerouted: 0 };
      const router = this.#routerOf(loaded);
      const rerouted = await transaction(conn, async () => {
        await setCurrent(conn, version);
        return rerouteReports(conn, router);
      });
      this.#current = { version, gridSet: loaded.gridSet, router };
      return { version, previous, rerouted };
    });
  }

  /** Every grid version, newest first, and the current one's number. */
  async versions(): Promise<{ current: number | null; versions: GridVersion[] }> {
    const versions = await this.#read(listVersions);
    return { current: versions.find((v) => v.status === 'current')?.version ?? null, versions };
  }

  /**
   * The grids of one version (cached). Throws CG_ERR_UNKNOWN_VERSION (404) if there is none.
   * @example (await store.versionGridSet(2)).grids.length
   */
  async versionGridSet(version: number): Promise<GridSet> {
    const cached = this.#versions.get(version);
    if (cached) return cached.gridSet;
    return (await this.#read((conn) => this.#load(conn, version))).gridSet;
  }

  /**
   * If `version` were current, how many reports of the filter would change grid, as a
   * current grid → version grid matrix with counts. Throws CG_ERR_UNKNOWN_VERSION (404).
   */
  async impact(version: number, filter: ReportFilter): Promise<ImpactMatrix> {
    const target = await this.#target(version);
    return this.#snapshot(async (conn) => impactMatrix(conn, target, await this.#currentFor(conn, target), filter));
  }

  /**
   * A page of the reports that would move from `pair.from` (a current grid, null: outside
   * every grid) to `pair.to` (a grid of `version`) if `version` were current.
   */
  async impactReports(version: number, filter: ReportFilter, pair: ImpactPairIds, page: { limit: number; after?: Cursor }): Promise<{ reports: StoredReport[]; next: string | null }> {
    const target = await this.#target(version);
    return this.#snapshot(async (conn) => impactPair(conn, target, filter, await this.#currentFor(conn, target), pair, page));
  }

  /**
   * Replaces the context outlines (district and towns, levels 1–2) drawn under the grids.
   * Their geometry is never routed against; their `{ id, name, level, parent }` are the units
   * a grid's `path` climbs through (grid → town → district), so the router is rebuilt.
   * Throws a CitygridError if the collection is not valid polygons.
   */
  async replaceBoundaries(fc: FeatureCollection): Promise<void> {
    const areas = parseBoundaries(fc);
    const units = areas.map(({ id, name, level, parent }) => ({ id, name, level, parent }));
    await this.#write(async (conn) => {
      const current = this.#current;
      const router = current ? buildRouter(current.gridSet, units) : null;
      await transaction(conn, () => replaceBoundaryRows(conn, areas));
      this.#units = units;
      this.#versions.dropRouters();
      if (current && router) {
        this.#current = { ...current, router };
        this.#versions.set({ version: current.version, gridSet: current.gridSet, router });
      }
    });
  }

  /**
   * Checks, routes and stores reports, all or nothing; resolves after COMMIT. Fills a random
   * UUID for a missing id and now for a missing created_at. Throws a CitygridError listing
   * every bad item (400, or 422 for unknown categories only) or every clashing id (409).
   * @param options.label how messages name an item, e.g. `i => 'body/' + i`
   * @returns `{ id, grid_id, version, match, path }` per input, in order; grid_id is null outside every grid
   */
  async insertReports(inputs: readonly ReportInput[], options: { label?: (index: number) => string } = {}): Promise<RoutedReport[]> {
    const checked = checkReportInputs(inputs, options.label);
    return this.#write(async (conn) => {
      const { routed, stored } = await insertReports(conn, checked, this.#current, this.#lastSeq);
      if (stored.length) this.#announce(stored, stored[stored.length - 1].seq);
      return routed;
    });
  }

  /**
   * Bulk load for generated or migrated data (200k+ rows): same checks and routing as
   * {@link insertReports}, but no idempotency lookup; one appender, one transaction. A repeated
   * id fails the whole load with CG_ERR_DUPLICATE_REPORT.
   * @returns number of reports stored
   */
  async insertReportsBulk(reports: readonly Report[]): Promise<number> {
    const checked = checkReportInputs(reports);
    return this.#write(async (conn) => {
      try {
        const current = this.#current;
        const gridIds = locateReports(current?.router ?? null, checked.map((r) => r.lon), checked.map((r) => r.lat));
        await transaction(conn, () => appendReports(conn, checked, gridIds, current?.version ?? null, this.#lastSeq + 1));
        // No events for a bulk load: listeners read the rows back from the store if they want them.
        if (checked.length) this.#announce([], this.#lastSeq + checked.length);
      } catch (e) {
        const dup = /Duplicate key "id: (.*)"/.exec((e as Error).message);
        if (dup) throw new CitygridError([{ ...problem('CG_ERR_DUPLICATE_REPORT', {}, JSON.stringify(dup[1])), id: dup[1] }]);
        throw e;
      }
      return checked.length;
    });
  }

  /** Rows per table. */
  counts(): Promise<StoreCounts> {
    return this.#read(async (conn) => {
      const row = (
        await conn.runAndReadAll(
          'SELECT (SELECT count(*) FROM grids)::INTEGER AS grids, (SELECT count(*) FROM boundaries)::INTEGER AS boundaries, (SELECT count(*) FROM reports)::INTEGER AS reports',
        )
      ).getRowObjectsJS()[0];
      return { grids: Number(row.grids), boundaries: Number(row.boundaries), reports: Number(row.reports) };
    });
  }

  /**
   * A version's grids as GeoJSON (default: the current one), properties = original + `id, name,
   * level, parent, area_m2`, and `version` beside `features` when there is one.
   * Throws CG_ERR_UNKNOWN_VERSION (404) for a version that does not exist.
   */
  async gridsCollection(version?: number): Promise<FeatureCollection & { version?: number }> {
    if (version === undefined) {
      const current = this.#current;
      return current ? { ...areaCollection(current.gridSet.grids), version: current.version } : areaCollection([]);
    }
    return { ...areaCollection((await this.versionGridSet(version)).grids), version };
  }

  /** The context outlines (district, towns) as core grids, for checking grids against them. */
  boundaryAreas(): Promise<Grid[]> {
    return this.#read((conn) => readAreas(conn, 'boundaries'));
  }

  /** The context outlines as GeoJSON (an empty collection if none were loaded). */
  boundariesCollection(): Promise<FeatureCollection> {
    return this.#read(async (conn) => areaCollection(await readAreas(conn, 'boundaries')));
  }

  /**
   * Runs `fn` on one read snapshot (BEGIN … COMMIT) with the state it sees: the current
   * version and its grids, the hierarchy, the reports' time span and a tag that changes with
   * any write an answer depends on (ETags). Statistics, exports and Open311 reads run here.
   */
  readSnapshot<T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    return this.#snapshot(async (conn) => {
      const state = await readState(conn);
      const current = this.#current;
      const gridSet = state.version === null ? null : state.version === current?.version ? current.gridSet : (await this.#load(conn, state.version)).gridSet;
      return fn(snapshotOf(conn, state, gridSet, this.#units));
    });
  }

  /**
   * Stores an Open311 service request: its fields first, then the report through
   * {@link insertReports} (checked, routed and stored like any other). Readers join the two,
   * so they see the request once the report has committed, with its fields; if the report is
   * refused, the fields are removed again.
   */
  async insertOpen311(input: ReportInput & { id: string }, fields: Open311Fields): Promise<RoutedReport> {
    checkReportInputs([input], () => 'body');
    await this.#write((conn) => insertOpen311Fields(conn, input.id, fields));
    try {
      return (await this.insertReports([input], { label: () => 'body' }))[0];
    } catch (e) {
      await this.#write((conn) => deleteOpen311Fields(conn, input.id));
      throw e;
    }
  }

  /** A page of reports, ordered by (created_at, id). */
  queryReports(filter: ReportFilter, page: { limit: number; after?: Cursor }): Promise<{ reports: StoredReport[]; next: string | null }> {
    return this.#read((conn) => queryReports(conn, filter, page));
  }

  /** Interleaved `[lon, lat, …]` float32 positions of matching reports, for the heatmap. */
  reportPoints(filter: ReportFilter): Promise<Float32Array> {
    return this.#read((conn) => reportPoints(conn, filter));
  }

  /** Matching reports per grid (all grids, 0 included) and how many fell outside. */
  gridStats(filter: ReportFilter): Promise<GridStats> {
    return this.#snapshot((conn) => gridStats(conn, filter));
  }

  /** Categories, sources, time range, counts and extent, for the viewer's filters. */
  meta(): Promise<Meta> {
    return this.#read((conn) => readMeta(conn, this.gridSet()));
  }

  /** The seq of the newest stored report (reports are numbered 1, 2, 3 … in storage order); 0 when none. No I/O. */
  lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Calls `listener` after every commit that stored reports, with the new reports as live-feed
   * events (empty for a bulk load) and the newest seq. Called inside the write lock, in seq
   * order: keep it short. Returns the function that unsubscribes.
   */
  onReportsStored(listener: ReportsStoredListener): () => void {
    this.#stored.add(listener);
    return () => this.#stored.delete(listener);
  }

  /** Stored reports with after < seq ≤ upto matching `filter`, in seq order, at most `limit`: the live feed's replay. */
  reportEvents(range: { after: number; upto: number; limit: number }, filter: EventFilter = {}): Promise<ReportEvent[]> {
    return this.#read((conn) => readReportEvents(conn, range, filter));
  }

  /** Waits for queued writes and running reads, then closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writes.idle();
    await Promise.allSettled([...this.#reads]);
    this.#writer.closeSync();
    this.#instance.closeSync();
  }

  #announce(events: ReportEvent[], lastSeq: number): void {
    this.#lastSeq = lastSeq;
    for (const listener of this.#stored) {
      try {
        listener(events, lastSeq);
      } catch {
        // The rows are committed: a listener's failure must not turn the write into an error.
      }
    }
  }

  #write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    return this.#writes.run(() => fn(this.#writer));
  }

  /** A version's grids from the cache, else from the database through `conn`. */
  async #load(conn: DuckDBConnection, version: number): Promise<LoadedVersion> {
    const cached = this.#versions.get(version);
    if (cached) return cached;
    const row = await findVersion(conn, version);
    if (!row) throw unknownVersion(version);
    const loaded = await loadVersion(conn, row);
    this.#versions.set(loaded);
    return loaded;
  }

  /** The version's router, built on first use and kept with it. */
  #routerOf(loaded: LoadedVersion): Router {
    loaded.router ??= buildRouter(loaded.gridSet, this.#units);
    return loaded.router;
  }

  async #target(version: number): Promise<{ version: number; router: Router }> {
    const current = this.#current;
    if (current?.version === version) return current;
    const loaded = this.#versions.get(version) ?? (await this.#read((conn) => this.#load(conn, version)));
    return { version, router: this.#routerOf(loaded) };
  }

  /**
   * The current version as `conn`'s snapshot sees it (the one in memory, except in the instant
   * after a publish commits), with the boxes where reports may route differently under
   * `target`. Versions never change, so the boxes are kept per pair of versions.
   */
  async #currentFor(conn: DuckDBConnection, target: { version: number; router: Router }): Promise<CurrentVersion> {
    const version = await currentVersion(conn);
    const key = `${version}:${target.version}`;
    let boxes = this.#boxes.get(key);
    if (boxes === undefined) {
      const current = version === null ? null : this.#current?.version === version ? this.#current.gridSet : (await this.#load(conn, version)).gridSet;
      boxes = changedBoxes(current, target.router.gridSet);
      if (this.#boxes.size >= BOXES_KEPT) this.#boxes.delete(this.#boxes.keys().next().value!);
      this.#boxes.set(key, boxes);
    }
    return { version, boxes };
  }

  /** {@link #read} inside BEGIN … COMMIT: several statements, one snapshot. */
  #snapshot<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#read((conn) => transaction(conn, () => fn(conn)));
  }

  #read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    const run = (async () => {
      const conn = await this.#instance.connect();
      try {
        return await fn(conn);
      } finally {
        conn.closeSync();
      }
    })();
    this.#reads.add(run);
    void run.finally(() => this.#reads.delete(run)).catch(() => undefined);
    return run;
  }
}

/** See {@link Store.onReportsStored}. */
export type ReportsStoredListener = (events: readonly ReportEvent[], lastSeq: number) => void;

/** A version's grids as a GridSet, read through `conn`. */
async function loadVersion(conn: DuckDBConnection, row: Pick<GridVersion, 'version' | 'idField'>): Promise<LoadedVersion> {
  const grids = await readAreas(conn, { version: row.version });
  return { version: row.version, gridSet: { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: row.idField } };
}

function unknownVersion(version: number): CitygridError {
  return new CitygridError([problem('CG_ERR_UNKNOWN_VERSION', {}, String(version))]);
}

function closedError(): Error {
  return new Error('the store is closed');
}
