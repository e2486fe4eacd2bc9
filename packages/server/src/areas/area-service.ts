import type { Grid } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import { readAreas, replaceBoundaryRows } from '../db/area-rows.ts';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import type { GridService } from '../grids/grid-service.ts';
import { areaCollection } from './area-features.ts';
import { BOUNDARY_LEVELS, levelName, levelNumber, type BoundaryLevel } from './boundary-levels.ts';
import { findContainers } from './find-containers.ts';
import { parseBoundaries } from './parse-boundaries.ts';
import { parseLevel, type LevelFields } from './parse-level.ts';

/** A loaded boundary level and how many units it has: what `GET /api/meta` lists. */
export interface LoadedLevel {
  level: BoundaryLevel;
  units: number;
}

/** What {@link AreaService.replaceLevel} stored. */
export interface ReplacedLevel extends LoadedLevel {
  /** Units with a parent (from the parent field, or found by location). */
  with_parent: number;
  /** Features read (several features sharing an id make one unit). */
  features: number;
}

/**
 * The boundary units above the grids — city (0), district (1), street/town (2), community (3) —
 * drawn under the grids. Their geometry is never routed reports against; it finds the parent of
 * a unit or grid whose file names none. Their `{ id, name, level, parent }` are the units a
 * grid's `path` climbs through (grid → community → street → district) and the levels
 * statistics count by.
 */
export class AreaService {
  readonly #db: Database;
  readonly #grids: GridService;

  /** The outlines of `db`; `grids` gets their hierarchy for its routers. */
  constructor(db: Database, grids: GridService) {
    this.#db = db;
    this.#grids = grids;
  }

  /**
   * Replaces every level at once from features carrying their own `level` (1 district, 2 town;
   * the demo's files); the routers are rebuilt over the new hierarchy once they are stored.
   * Throws a CitygridError if the collection is not valid polygons.
   * @example await areas.replaceBoundaries(fixture('grid-2x2/boundaries.geojson'));
   */
  async replaceBoundaries(fc: FeatureCollection): Promise<void> {
    const areas = parseBoundaries(fc);
    await this.#db.write(async (conn) => {
      const swap = this.#grids.prepareHierarchy(areas);
      await transaction(conn, () => replaceBoundaryRows(conn, areas));
      swap();
    });
  }

  /**
   * Replaces the units of one level from a FeatureCollection, all or nothing; the other levels
   * are kept. Features sharing an id are one unit (polygons unioned); a unit's parent is
   * `fields.parentField`, else the lowest unit above containing its interior point, else none.
   * Units of the levels below whose parent is missing or gone are re-attached by location, and
   * so are grids stored without a parent. An empty collection removes the level.
   * Throws a CitygridError listing every problem (feature index, id, fix).
   *
   * @param level `city`, `district`, `street` or `community`
   * @example await areas.replaceLevel('street', fc, { idField: 'service_region', nameField: 'service_region' }) // { level: 'street', units: 13, … }
   */
  async replaceLevel(level: string, fc: unknown, fields: LevelFields = {}): Promise<ReplacedLevel> {
    const n = levelNumber(level);
    return this.#db.write(async (conn) => {
      const others = (await readAreas(conn, 'boundaries')).filter((a) => a.level !== n);
      const units = parseLevel(fc, n, fields, others);
      const areas = reattachBelow(
        [...others, ...units].sort((a, b) => a.level - b.level),
        n,
      );
      const swap = this.#grids.prepareHierarchy(areas);
      await transaction(conn, () => replaceBoundaryRows(conn, areas));
      swap();
      const features = (fc as { features: unknown[] }).features.length;
      return { level: level as BoundaryLevel, units: units.length, with_parent: units.filter((u) => u.parent !== null).length, features };
    });
  }

  /**
   * The levels loaded, from the top down, with their unit counts (levels with none are left out).
   * @example await areas.levels() // [{ level: 'district', units: 1 }, { level: 'street', units: 7 }]
   */
  levels(): Promise<LoadedLevel[]> {
    return this.#db.read(async (conn) => countLevels(await readAreas(conn, 'boundaries')));
  }

  /**
   * The outlines as core grids, for checking grids against them.
   * @example (await areas.boundaryAreas()).map((a) => a.id)
   */
  boundaryAreas(): Promise<Grid[]> {
    return this.#db.read((conn) => readAreas(conn, 'boundaries'));
  }

  /**
   * The outlines as GeoJSON (an empty collection if none were loaded), of one level if asked.
   * @param level `city`, `district`, `street` or `community`; throws CG_ERR_UNKNOWN_LEVEL for another
   * @example (await areas.boundariesCollection('street')).features.length
   */
  boundariesCollection(level?: string): Promise<FeatureCollection> {
    const n = level === undefined ? undefined : levelNumber(level);
    return this.#db.read(async (conn) =>
      areaCollection((await readAreas(conn, 'boundaries')).filter((a) => n === undefined || a.level === n)),
    );
  }
}

/** Loaded levels in order, from stored units. */
export function countLevels(areas: readonly Grid[]): LoadedLevel[] {
  return BOUNDARY_LEVELS.map((level) => ({ level, units: areas.filter((a) => levelName(a.level) === level).length })).filter(
    (l) => l.units > 0,
  );
}

/** Units below level `n` whose parent is missing or no longer loaded get one by location. */
function reattachBelow(areas: Grid[], n: number): Grid[] {
  const ids = new Set(areas.map((a) => a.id));
  const orphans = areas.filter((a) => a.level > n && (a.parent === null || !ids.has(a.parent)));
  if (orphans.length === 0) return areas;
  const found = findContainers(orphans, areas);
  const parentOf = new Map(orphans.map((a, k) => [a, found[k]]));
  return areas.map((a) => (parentOf.has(a) ? { ...a, parent: parentOf.get(a)! } : a));
}
