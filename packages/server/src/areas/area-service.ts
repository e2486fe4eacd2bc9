import type { Grid } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import { readAreas, replaceBoundaryRows } from '../db/area-rows.ts';
import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import type { GridService } from '../grids/grid-service.ts';
import { areaCollection } from './area-features.ts';
import { parseBoundaries } from './parse-boundaries.ts';

/**
 * The context outlines (district and towns, levels 1–2) drawn under the grids. Their geometry
 * is never routed against; their `{ id, name, level, parent }` are the units a grid's `path`
 * climbs through (grid → town → district) and the levels statistics count by.
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
   * Replaces the outlines; the routers are rebuilt over the new hierarchy once they are stored.
   * Throws a CitygridError if the collection is not valid polygons.
   * @example await areas.replaceBoundaries(fixture('grid-2x2/boundaries.geojson'));
   */
  async replaceBoundaries(fc: FeatureCollection): Promise<void> {
    const areas = parseBoundaries(fc);
    const units = areas.map(({ id, name, level, parent }) => ({ id, name, level, parent }));
    await this.#db.write(async (conn) => {
      const swap = this.#grids.prepareHierarchy(units);
      await transaction(conn, () => replaceBoundaryRows(conn, areas));
      swap();
    });
  }

  /**
   * The outlines as core grids, for checking grids against them.
   * @example (await areas.boundaryAreas()).map((a) => a.id)
   */
  boundaryAreas(): Promise<Grid[]> {
    return this.#db.read((conn) => readAreas(conn, 'boundaries'));
  }

  /**
   * The outlines as GeoJSON (an empty collection if none were loaded).
   * @example (await areas.boundariesCollection()).features.length
   */
  boundariesCollection(): Promise<FeatureCollection> {
    return this.#db.read(async (conn) => areaCollection(await readAreas(conn, 'boundaries')));
  }
}
