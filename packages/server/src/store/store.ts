import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CitygridError, problem, type Grid, type GridSet, type Report, type RouteResult, type Router } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import type { Meta } from '../schemas/meta.ts';
import type { ReportInput, RoutedReport, StoredReport } from '../schemas/reports.ts';
import type { GridStats } from '../schemas/stats.ts';
import { appendReports } from './append-reports.ts';
import { areaCollection } from './area-features.ts';
import { readAreas, readUnits, replaceAreas } from './area-rows.ts';
import { buildRouter, type HierarchyUnit } from './build-router.ts';
import { checkReportInputs } from './check-report-inputs.ts';
import type { Cursor } from './cursor.ts';
import { DDL } from './ddl.ts';
import { gridStats } from './grid-stats.ts';
import { insertReports } from './insert-reports.ts';
import { locateReports } from './locate-reports.ts';
import { Mutex } from './mutex.ts';
import { parseBoundaries } from './parse-boundaries.ts';
import { queryReports } from './query-reports.ts';
import { readMeta } from './read-meta.ts';
import { reportPoints } from './report-points.ts';
import type { ReportFilter } from './report-filter.ts';
import { rerouteReports } from './reroute-reports.ts';
import { routeWithin } from './route-within.ts';
import { transaction } from './transaction.ts';

/** Row counts of the store's tables. */
export interface StoreCounts {
  grids: number;
  boundaries: number;
  reports: number;
}

/**
 * Opens (or creates) a citygrid DuckDB file and loads its grids into memory.
 * @param dbPath file path, or ':memory:' for a throwaway store
 * @example
 * const store = await openStore('city.duckdb');
 * await store.replaceGrids(gridSet);
 * await store.close();
 */
export async function openStore(dbPath: string): Promise<Store> {
  const instance = await DuckDBInstance.create(dbPath);
  try {
    const writer = await instance.connect();
    await writer.run(DDL);
    const grids = await readAreas(writer, 'grids');
    const idField = (await writer.runAndReadAll("SELECT value FROM meta WHERE key = 'idField'")).getRowObjectsJS()[0]?.value as string | undefined;
    const gridSet = grids.length ? { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: idField ?? 'id' } : null;
    return new Store(instance, writer, gridSet, await readUnits(writer));
  } catch (e) {
    instance.closeSync();
    throw e;
  }
}

/**
 * The citygrid store: grids, context outlines and reports in one DuckDB database, usable
 * with or without fastify (the CLI imports through it directly).
 *
 * Writes go through one connection, one at a time (a promise-chain mutex), each in its own
 * transaction. Reads open a short-lived connection each, so they see the last committed state
 * and never a half-written batch. The grid set and its router live in memory: the router is
 * built once per grid version (and again when the boundaries its paths follow change), every
 * report and route query uses it, and both are swapped only after their replacement has
 * committed.
 */
export class Store {
  readonly #instance: DuckDBInstance;
  readonly #writer: DuckDBConnection;
  readonly #writes = new Mutex();
  readonly #reads = new Set<Promise<unknown>>();
  #gridSet: GridSet | null;
  #units: HierarchyUnit[];
  #router: Router | null;
  #closed = false;

  /** Use {@link openStore}. */
  constructor(instance: DuckDBInstance, writer: DuckDBConnection, gridSet: GridSet | null, units: HierarchyUnit[] = []) {
    this.#instance = instance;
    this.#writer = writer;
    this.#gridSet = gridSet;
    this.#units = units;
    this.#router = gridSet ? buildRouter(gridSet, units) : null;
  }

  /** The grids reports are routed against, or null before any import. Cached; no I/O. */
  gridSet(): GridSet | null {
    return this.#gridSet;
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
    return this.#router ? routeWithin(this.#router, lon, lat, maxDistance_m) : null;
  }

  /**
   * Replaces every grid in one transaction, then re-routes the stored reports against the new
   * grids so counts stay true. Until COMMIT the previous grids keep serving.
   */
  async replaceGrids(gridSet: GridSet): Promise<void> {
    await this.#write(async (conn) => {
      const router = buildRouter(gridSet, this.#units);
      await transaction(conn, async () => {
        await replaceAreas(conn, 'grids', gridSet.grids);
        await conn.run("INSERT OR REPLACE INTO meta VALUES ('idField', $idField)", { idField: gridSet.idField });
        await rerouteReports(conn, router);
      });
      this.#gridSet = gridSet;
      this.#router = router;
    });
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
      const router = this.#gridSet ? buildRouter(this.#gridSet, units) : null;
      await transaction(conn, () => replaceAreas(conn, 'boundaries', areas));
      this.#units = units;
      this.#router = router;
    });
  }

  /**
   * Checks, routes and stores reports, all or nothing; resolves after COMMIT. Fills a random
   * UUID for a missing id and now for a missing created_at. Throws a CitygridError listing
   * every bad item (400, or 422 for unknown categories only) or every clashing id (409).
   * @param options.label how messages name an item, e.g. `i => 'body/' + i`
   * @returns `{ id, grid_id, match, path }` per input, in order; grid_id is null outside every grid
   */
  async insertReports(inputs: readonly ReportInput[], options: { label?: (index: number) => string } = {}): Promise<RoutedReport[]> {
    const checked = checkReportInputs(inputs, options.label);
    return this.#write((conn) => insertReports(conn, checked, this.#router));
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
        const gridIds = locateReports(this.#router, checked.map((r) => r.lon), checked.map((r) => r.lat));
        await transaction(conn, () => appendReports(conn, checked, gridIds));
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

  /** The grids as GeoJSON, properties = original + `id, name, level, parent, area_m2`. */
  gridsCollection(): FeatureCollection {
    return areaCollection(this.#gridSet?.grids ?? []);
  }

  /** The context outlines (district, towns) as core grids, for checking grids against them. */
  boundaryAreas(): Promise<Grid[]> {
    return this.#read((conn) => readAreas(conn, 'boundaries'));
  }

  /** The context outlines as GeoJSON (an empty collection if none were loaded). */
  boundariesCollection(): Promise<FeatureCollection> {
    return this.#read(async (conn) => areaCollection(await readAreas(conn, 'boundaries')));
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
    return this.#read((conn) => gridStats(conn, filter));
  }

  /** Categories, sources, time range, counts and extent, for the viewer's filters. */
  meta(): Promise<Meta> {
    return this.#read((conn) => readMeta(conn, this.#gridSet));
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

  #write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    return this.#writes.run(() => fn(this.#writer));
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

function closedError(): Error {
  return new Error('the store is closed');
}
