import { getisOrdGi, gridAdjacency, type GridAdjacency, type GridSet } from '@citygrid/core';
import type { Hotspots } from './stats-schemas.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';

/** What Gi* is computed on: reports per km² of each grid (default) or plain counts. */
export type HotspotValue = 'density' | 'count';

// Versions never change, so a version's adjacency is computed once (~30 ms for the demo's
// 91 grids, linear in vertices) and dropped with the grid set.
const ADJACENCY = new WeakMap<GridSet, GridAdjacency>();

/** The adjacency of a version's grids, computed on first use. */
export function adjacencyOf(gridSet: GridSet): GridAdjacency {
  let adjacency = ADJACENCY.get(gridSet);
  if (!adjacency) {
    adjacency = gridAdjacency(gridSet);
    ADJACENCY.set(gridSet, adjacency);
  }

  return adjacency;
}

/**
 * Getis–Ord Gi* per grid of the snapshot's version over the reports of the filter: one DuckDB
 * query counts reports per grid, core's `getisOrdGi` does the rest with the grids' adjacency
 * (shared vertex-identical borders, self included; see docs/server.md). Grids are listed
 * hottest first (by z; grids without a z last).
 */
export async function reportHotspots(snapshot: Snapshot, filter: ReportFilter, value: HotspotValue): Promise<Hotspots> {
  const gridSet = snapshot.gridSet;
  const grids = gridSet?.grids ?? [];
  const counts = new Float64Array(grids.length);
  if (gridSet && grids.length) {
    const { conditions, params } = reportConditions(filter);
    const rows = (
      await snapshot.conn.runAndReadAll(
        `SELECT grid_id, count(*)::INTEGER AS n FROM reports ${whereClause([...conditions, 'grid_id IS NOT NULL'])} GROUP BY grid_id`,
        params,
      )
    ).getRowObjectsJS();
    const index = new Map(grids.map((g, i) => [g.id, i]));
    for (const row of rows) {
      const i = index.get(row.grid_id as string);
      if (i !== undefined) counts[i] = Number(row.n);
    }
  }
  const density = grids.map((g, i) => (g.area_m2 > 0 ? counts[i] / (g.area_m2 / 1e6) : 0));
  const values = value === 'count' ? Array.from(counts) : density;
  const adjacency = gridSet ? adjacencyOf(gridSet) : { offsets: new Int32Array(1), neighbours: new Int32Array(0) };
  const { z, p, confidence } = getisOrdGi(values, adjacency);
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n ? Math.sqrt(Math.max(0, values.reduce((a, b) => a + b * b, 0) / n - mean * mean)) : 0;
  const rows = grids.map((g, i) => ({
    id: g.id,
    name: g.name,
    count: counts[i],
    area_m2: g.area_m2,
    per_km2: density[i],
    neighbours: adjacency.offsets[i + 1] - adjacency.offsets[i],
    z: Number.isNaN(z[i]) ? null : z[i],
    p: Number.isNaN(p[i]) ? null : p[i],
    class: confidence[i] > 0 ? ('hot' as const) : confidence[i] < 0 ? ('cold' as const) : ('none' as const),
    confidence: Math.abs(confidence[i]) as 0 | 90 | 95 | 99,
  }));
  rows.sort((a, b) => (b.z ?? -Infinity) - (a.z ?? -Infinity) || (a.id < b.id ? -1 : 1));
  return {
    version: snapshot.version,
    value,
    n,
    mean,
    sd,
    hot: rows.filter((r) => r.class === 'hot').length,
    cold: rows.filter((r) => r.class === 'cold').length,
    grids: rows,
  };
}
