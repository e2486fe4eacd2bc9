import type { BBox, Grid, GridSet, RouteResult, Router, RouterIndex } from '@citygrid/core';
import { problem, serverError } from '../errors/catalogue.ts';
import type { FeatureCollection } from 'geojson';
import { areaCollection } from '../areas/area-features.ts';
import { withParents } from '../areas/find-containers.ts';
import { appendVersionGrids, readAreas } from '../db/area-rows.ts';
import type { Connection } from '../db/connection.ts';
import type { Cursor } from '../db/cursor.ts';
import type { Database } from '../db/database.ts';
import type { ReportFilter } from '../db/report-filter.ts';
import { readState, snapshotOf, type Snapshot, type StoredState } from '../db/snapshot.ts';
import { transaction } from '../db/transaction.ts';
import type { StoredReport } from '../reports/report-schemas.ts';
import { buildRouter, routerOfIndex, type HierarchyUnit } from './build-router.ts';
import type { IndexBuilder } from './index-on-pool.ts';
import { changedBoxes } from './impact/changed-boxes.ts';
import { currentVersion, findVersion, insertVersion, listVersions, nextVersion, setCurrent } from './grid-versions.ts';
import { impactMatrix, impactPair, type CurrentVersion, type ImpactPairIds, type MoveCounter } from './impact/impact.ts';
import { rerouteReports, type Rerouter } from './reroute/reroute-reports.ts';
import { routeWithin } from './route-within.ts';
import { VersionCache, type LoadedVersion } from './version-cache.ts';
import type { GridVersion, ImpactMatrix, Published } from './version-schemas.ts';

// Pairs of versions whose changed boxes are kept: a planner switches between a few drafts.
const BOXES_KEPT = 16;

/** The version serving now: its grids and the router every report and route query uses. */
export interface Current {
  version: number;
  gridSet: GridSet;
  router: Router;
}

/** What {@link GridService.importGrids} did. */
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

/** Options of {@link GridService.importGrids}. */
export interface ImportGridsOptions {
  /** [false] Publish at once; the first import is published whatever this says. */
  publish?: boolean;
  /** [0] Coverage problems the caller accepted (force=true), recorded with the version. */
  problems?: number;
  /** Where a publish routes the stored reports: the HTTP route passes the geometry pool's worker threads; in-process by default. */
  reroute?: Rerouter;
  /**
   * The grids' router index, built where they were checked (a worker: checkGrids): the router
   * is made over it instead of built here, for a publish and for a draft's later impact.
   */
  index?: RouterIndex;
}

/** Where {@link GridService.publish} does its heavy work; in-process for what is not given. */
export interface PublishWork {
  /** Routes the stored reports (the HTTP route: the geometry pool). */
  reroute?: Rerouter;
  /** Builds the version's router index when it has no router yet (the HTTP route: the geometry pool). */
  buildIndex?: IndexBuilder;
}

/**
 * Grid versions: importing, publishing (which re-routes the stored reports), diff and impact,
 * and routing points with the current version.
 *
 * Every grid import is a new, immutable version: a draft until it is published, when it
 * becomes the current version, the one reports are routed to. Publishing re-routes the stored
 * reports' grid_id in the same transaction that makes the version current, so a reader sees
 * the old grids with the old grid_ids or the new with the new; each report also keeps the
 * version that routed it on arrival and the grid it gave, which no publish rewrites.
 *
 * The current version and its router live in memory as one object, swapped only after the
 * publish has committed; other versions are loaded on demand and kept in a small cache with
 * their routers, built with the hierarchy (towns, district) the boundaries give.
 *
 * A grid stored without a `parent` gets, in memory, the lowest boundary unit that contains its
 * interior point (areas/find-containers.ts): so grids imported before or after their streets
 * group by street either way, and a new boundary level re-attaches them. The stored row keeps
 * what the file said.
 */
export class GridService {
  readonly #db: Database;
  readonly #versions = new VersionCache();
  readonly #boxes = new Map<string, BBox[] | null>();
  // Grid sets with parents found by location → the grid set as stored, to find them afresh.
  readonly #storedOf = new WeakMap<GridSet, GridSet>();
  #current: Current | null;
  #units: HierarchyUnit[];
  #boundaries: readonly Grid[];
  // The state the last snapshot read: its time span is reused while the reports are unchanged.
  #lastState: StoredState | undefined;

  /** Use {@link GridService.open}. */
  constructor(db: Database, current: LoadedVersion | null, boundaries: readonly Grid[]) {
    this.#db = db;
    this.#boundaries = boundaries;
    this.#units = unitsOf(boundaries);
    const gridSet = current && this.#resolve(current.gridSet);
    this.#current = current && gridSet ? { version: current.version, gridSet, router: buildRouter(gridSet, this.#units) } : null;
    if (this.#current) this.#versions.set({ ...this.#current });
  }

  /**
   * Loads the current version, if any, with the boundaries above its grids.
   * @example const grids = await GridService.open(db, await db.read((c) => readAreas(c, 'boundaries')));
   */
  static async open(db: Database, boundaries: readonly Grid[]): Promise<GridService> {
    const loaded = await db.read(async (conn) => {
      const current = (await listVersions(conn)).find((v) => v.status === 'current');
      return current ? loadVersion(conn, current) : null;
    });
    return new GridService(db, loaded, boundaries);
  }

  /** The current version's grids, which reports are routed against, or null before any import. No I/O. */
  gridSet(): GridSet | null {
    return this.#current?.gridSet ?? null;
  }

  /** The current version's number, or null before any import. No I/O. */
  currentVersion(): number | null {
    return this.#current?.version ?? null;
  }

  /** The current version with its router, or null before any import: what new reports are routed with. No I/O. */
  current(): Current | null {
    return this.#current;
  }

  /** The units above the grids (towns, district), as the boundaries give them. No I/O. */
  hierarchy(): HierarchyUnit[] {
    return this.#units;
  }

  /**
   * Routes one WGS84 point with the current grids' router: grid, path (town, district), match
   * and distance. No I/O.
   * @param maxDistance_m a point outside every grid but this close to one (≤ 1000 m) is
   *   matched to the nearest; 0 (the default) never
   * @returns the answer, or null before any grids are loaded
   * @example grids.route(109.0312, 32.6871)?.grid?.id // '610902001008001'
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
   * @example await grids.importGrids(gridSet) // { version: 2, published: false, current: 1, rerouted: 0 }
   */
  async importGrids(stored: GridSet, options: ImportGridsOptions = {}): Promise<ImportedVersion> {
    return this.#db.write(async (conn) => {
      const gridSet = this.#resolve(stored);
      const publish = options.publish === true || !this.#current;
      const router = options.index
        ? routerOfIndex(gridSet, options.index, this.#units)
        : publish
          ? buildRouter(gridSet, this.#units)
          : undefined;
      let rerouted = 0;
      const version = await transaction(conn, async () => {
        const v = await nextVersion(conn);
        const area_m2 = gridSet.grids.reduce((sum, g) => sum + g.area_m2, 0);
        await insertVersion(conn, {
          version: v,
          idField: gridSet.idField,
          grids: gridSet.grids.length,
          area_m2,
          problems: options.problems ?? 0,
        });
        await appendVersionGrids(conn, v, stored.grids);
        if (publish && router) {
          await setCurrent(conn, v);
          rerouted = await rerouteReports(conn, router, options.reroute);
        }
        return v;
      });
      this.#versions.set({ version, gridSet, router });
      if (publish && router) this.#current = { version, gridSet, router };
      return { version, published: publish, current: this.#current!.version, rerouted };
    });
  }

  /**
   * Makes `version` current: in one transaction it becomes current, the previous one retired,
   * and every stored report's grid_id is re-routed with its router (routed_version and
   * routed_grid_id are kept). Readers see the previous version until COMMIT, then the new one;
   * a failure leaves the previous one serving. Any version may be published, so publishing a
   * retired one rolls back; publishing the current one changes nothing.
   * Throws CG_ERR_UNKNOWN_VERSION (404) for a version that does not exist.
   * @param work where the reports are routed and the version's router index built, if it has
   *   no router yet: the HTTP route passes the geometry pool's worker threads; in-process by default
   * @example await grids.publish(2) // { version: 2, previous: 1, rerouted: 12 }
   */
  async publish(version: number, work: PublishWork = {}): Promise<Published> {
    return this.#db.write(async (conn) => {
      const previous = this.#current?.version ?? null;
      const loaded = await this.#load(conn, version);
      if (previous === version) return { version, previous, rerouted: 0 };
      const router = await this.#routerOf(loaded, work.buildIndex);
      const rerouted = await transaction(conn, async () => {
        await setCurrent(conn, version);
        return rerouteReports(conn, router, work.reroute);
      });
      this.#current = { version, gridSet: loaded.gridSet, router };
      return { version, previous, rerouted };
    });
  }

  /**
   * Every grid version, newest first, and the current one's number.
   * @example (await grids.versions()).current // 1
   */
  async versions(): Promise<{ current: number | null; versions: GridVersion[] }> {
    const versions = await this.#db.read(listVersions);
    return { current: versions.find((v) => v.status === 'current')?.version ?? null, versions };
  }

  /**
   * The grids of one version (cached). Throws CG_ERR_UNKNOWN_VERSION (404) if there is none.
   * @example (await grids.versionGridSet(2)).grids.length
   */
  async versionGridSet(version: number): Promise<GridSet> {
    const cached = this.#versions.get(version);
    if (cached) return cached.gridSet;
    return (await this.#db.read((conn) => this.#load(conn, version))).gridSet;
  }

  /**
   * A version's grids as GeoJSON (default: the current one), properties = original + `id, name,
   * level, parent, area_m2`, and `version` beside `features` when there is one.
   * Throws CG_ERR_UNKNOWN_VERSION (404) for a version that does not exist.
   * @example (await grids.gridsCollection(2)).features.length
   */
  async gridsCollection(version?: number): Promise<FeatureCollection & { version?: number }> {
    if (version === undefined) {
      const current = this.#current;
      return current ? { ...areaCollection(current.gridSet.grids), version: current.version } : areaCollection([]);
    }
    return { ...areaCollection((await this.versionGridSet(version)).grids), version };
  }

  /**
   * If `version` were current, how many reports of the filter would change grid, as a
   * current grid → version grid matrix with counts. Throws CG_ERR_UNKNOWN_VERSION (404).
   * @param count where the reports are routed and counted: the HTTP route passes the geometry
   *   pool's worker threads; in-process by default
   * @param buildIndex where the version's router index is built on first use (the same pool)
   * @example (await grids.impact(2, {})).moved
   */
  async impact(version: number, filter: ReportFilter, count?: MoveCounter, buildIndex?: IndexBuilder): Promise<ImpactMatrix> {
    const target = await this.#target(version, buildIndex);
    return this.#db.snapshot(async (conn) => impactMatrix(conn, target, await this.#currentFor(conn, target), filter, count));
  }

  /**
   * A page of the reports that would move from `pair.from` (a current grid, null: outside
   * every grid) to `pair.to` (a grid of `version`) if `version` were current.
   * @example await grids.impactReports(2, {}, { from: 'A', to: 'B' }, { limit: 100 })
   */
  async impactReports(
    version: number,
    filter: ReportFilter,
    pair: ImpactPairIds,
    page: { limit: number; after?: Cursor },
  ): Promise<{ reports: StoredReport[]; next: string | null }> {
    const target = await this.#target(version);
    return this.#db.snapshot(async (conn) => impactPair(conn, target, filter, await this.#currentFor(conn, target), pair, page));
  }

  /**
   * Builds the current version's router over new boundaries, without changing anything yet;
   * the function it returns swaps it in. The boundaries call it around their write, so a
   * router that cannot be built leaves the old outlines stored. Grids stored without a parent
   * are re-attached to the new boundaries; other versions reload on next use.
   * @example const swap = grids.prepareHierarchy(boundaries); await writeOutlines(); swap();
   */
  prepareHierarchy(boundaries: readonly Grid[]): () => void {
    const current = this.#current;
    const units = unitsOf(boundaries);
    const next = current && this.#reattach(current, boundaries, units);
    return () => {
      this.#boundaries = boundaries;
      this.#units = units;
      this.#versions.clear();
      if (next) {
        this.#current = next;
        this.#versions.set({ ...next });
      }
    };
  }

  /** The current version over new boundaries: its grids re-attached, and a router over them. */
  #reattach(current: Current, boundaries: readonly Grid[], units: HierarchyUnit[]): Current {
    // Parents found by location are found afresh from what was stored (null), not kept.
    const gridSet = this.#resolve(this.#storedOf.get(current.gridSet) ?? current.gridSet, boundaries);
    return { version: current.version, gridSet, router: buildRouter(gridSet, units) };
  }

  /** The grids with missing parents found in `boundaries`, remembering what was stored. */
  #resolve(stored: GridSet, boundaries: readonly Grid[] = this.#boundaries): GridSet {
    const gridSet = withParents(stored, boundaries);
    if (gridSet !== stored) this.#storedOf.set(gridSet, stored);
    return gridSet;
  }

  /**
   * Runs `fn` on one read snapshot (BEGIN … COMMIT) with the state it sees: the current
   * version and its grids, the hierarchy, the reports' time span and a tag that changes with
   * any write an answer depends on (ETags). Statistics, exports and Open311 reads run here.
   * @example await grids.readSnapshot(async (s) => s.version)
   */
  readSnapshot<T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    return this.#db.snapshot(async (conn) => {
      const state = await readState(conn, this.#lastState);
      this.#lastState = state;
      const current = this.#current;
      const gridSet =
        state.version === null
          ? null
          : state.version === current?.version
            ? current.gridSet
            : (await this.#load(conn, state.version)).gridSet;
      return fn(snapshotOf(conn, state, gridSet, this.#units));
    });
  }

  /** A version's grids from the cache, else from the database through `conn`. */
  async #load(conn: Connection, version: number): Promise<LoadedVersion> {
    const cached = this.#versions.get(version);
    if (cached) return cached;
    const row = await findVersion(conn, version);
    if (!row) throw serverError([problem('CG_ERR_UNKNOWN_VERSION', {}, String(version))]);
    const loaded = await loadVersion(conn, row);
    loaded.gridSet = this.#resolve(loaded.gridSet);
    this.#versions.set(loaded);
    return loaded;
  }

  /**
   * The version's router, made on first use and kept with it: over an index `buildIndex` builds
   * (on a worker: 10k grids are ~300 ms of CPU), else built here.
   */
  async #routerOf(loaded: LoadedVersion, buildIndex?: IndexBuilder): Promise<Router> {
    if (loaded.router) return loaded.router;
    if (!buildIndex) {
      loaded.router = buildRouter(loaded.gridSet, this.#units);
      return loaded.router;
    }
    const units = this.#units;
    const index = await buildIndex(loaded.gridSet);
    // Kept only if the boundaries did not change meanwhile (its paths climb the old ones).
    const router = routerOfIndex(loaded.gridSet, index, units);
    if (units === this.#units) loaded.router ??= router;
    return loaded.router ?? router;
  }

  async #target(version: number, buildIndex?: IndexBuilder): Promise<{ version: number; router: Router }> {
    const current = this.#current;
    if (current?.version === version) return current;
    const loaded = this.#versions.get(version) ?? (await this.#db.read((conn) => this.#load(conn, version)));
    return { version, router: await this.#routerOf(loaded, buildIndex) };
  }

  /**
   * The current version as `conn`'s snapshot sees it (the one in memory, except in the instant
   * after a publish commits), with the boxes where reports may route differently under
   * `target`. Versions never change, so the boxes are kept per pair of versions.
   */
  async #currentFor(conn: Connection, target: { version: number; router: Router }): Promise<CurrentVersion> {
    const version = await currentVersion(conn);
    const key = `${version}:${target.version}`;
    let boxes = this.#boxes.get(key);
    if (boxes === undefined) {
      const current =
        version === null ? null : this.#current?.version === version ? this.#current.gridSet : (await this.#load(conn, version)).gridSet;
      boxes = changedBoxes(current, target.router.gridSet);
      if (this.#boxes.size >= BOXES_KEPT) this.#boxes.delete(this.#boxes.keys().next().value!);
      this.#boxes.set(key, boxes);
    }
    return { version, boxes };
  }
}

/** A version's grids as a GridSet, read through `conn`. */
async function loadVersion(conn: Connection, row: Pick<GridVersion, 'version' | 'idField'>): Promise<LoadedVersion> {
  const grids = await readAreas(conn, { version: row.version });
  return { version: row.version, gridSet: { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: row.idField } };
}

/** The boundaries' `{ id, name, level, parent }`: the hierarchy paths climb through. */
function unitsOf(boundaries: readonly Grid[]): HierarchyUnit[] {
  return boundaries.map(({ id, name, level, parent }) => ({ id, name, level, parent }));
}
