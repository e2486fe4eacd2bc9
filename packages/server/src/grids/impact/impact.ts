import type { Connection } from '../../db/connection.ts';
import { routerIndex, type BBox, type Router } from '@citygrid/core';
import type { StoredReport } from '../../reports/report-schemas.ts';
import type { ImpactMatrix } from '../version-schemas.ts';
import { boxesCondition } from './changed-boxes.ts';
import { countMoves, type MoveCountArgs, type MoveCounts } from './count-moves.ts';
import { encodeCursor, type Cursor } from '../../db/cursor.ts';
import { afterCursor, REPORT_COLUMNS, reportOf } from '../../db/report-rows.ts';
import { readPointsInSlices } from '../../db/read-points.ts';
import { reportConditions, whereClause, type ReportFilter } from '../../db/report-filter.ts';

/** The version an impact is asked about: its number and its router. */
export interface TargetVersion {
  version: number;
  router: Router;
}

/** One cell of the matrix: current grid → grid of the target version; null is outside every grid. */
export interface ImpactPairIds {
  from: string | null;
  to: string | null;
}

/** The version the reports are routed to now (in the caller's snapshot), and where they may move. */
export interface CurrentVersion {
  version: number | null;
  /**
   * Bounding boxes of the grids that differ between the current version and the target
   * ({@link changedBoxes}), or null to route every report of the filter.
   */
  boxes: BBox[] | null;
}

/**
 * Counts the moves ({@link countMoves}) somewhere: the server passes its geometry pool, so the
 * routing runs on a worker thread; the arrays in `transfer` move there instead of being copied.
 */
export type MoveCounter = (args: MoveCountArgs, transfer: ArrayBuffer[]) => Promise<MoveCounts>;

/** Counts in-process: for callers without a pool (scripts, the store's own tests). */
export const countInProcess: MoveCounter = async (args) => countMoves(args);

// Chunks read between two yields to the event loop: ~65k rows, ~6 ms of getItem calls (1M rows
// read in one go: 80–190 ms on 2 shared cores).
const CHUNKS_PER_SLICE = 32;

/**
 * How many reports of the filter would change grid if `target` were current: each report's
 * position is routed with the target's router (routeBatch) and compared with its grid_id,
 * which is the current version's grid (re-routed at every publish). Only reports inside the
 * boxes of the grids that differ are read and routed: the others cannot move (see
 * changedBoxes), so an edit of a few grids reads a few percent of the rows. Run inside a read
 * transaction, so the current version, its grids and the reports' grid_id are one snapshot.
 *
 * DuckDB filters and joins (grid_id → the current grid's ord) and counts the window; the
 * positions are copied into typed arrays a slice of rows at a time, yielding between slices,
 * and `count` routes them and counts the pairs: on the server a worker thread (issue 19: 1M
 * reports routed on the main thread held every request for ~0.5 s), sent the router's shared
 * index and the arrays themselves (transferred). Appending the pairs to a temp table for a
 * GROUP BY would cost more than the routing (an appender call per value).
 */
export async function impactMatrix(
  conn: Connection,
  target: TargetVersion,
  current: CurrentVersion,
  filter: ReportFilter,
  count: MoveCounter = countInProcess,
): Promise<ImpactMatrix> {
  const currentIds: string[] = [];
  for (const row of (await conn.runAndReadAll('SELECT id, ord FROM grids')).getRowObjectsJS())
    currentIds[Number(row.ord)] = row.id as string;

  const { conditions, params } = reportConditions(filter, 'r');
  const total = Number(
    (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM reports r ${whereClause(conditions)}`, params)).getRowObjectsJS()[0].n,
  );
  if (current.boxes) {
    const inside = boxesCondition(current.boxes, 'r');
    conditions.push(inside.condition);
    Object.assign(params, inside.params);
  }
  const result = await conn.run(
    `SELECT r.lon, r.lat, coalesce(g.ord, -1)::INTEGER AS ord FROM reports r LEFT JOIN grids g ON g.id = r.grid_id ${whereClause(conditions)}`,
    params,
  );
  const { coords, ords: from } = await readPointsInSlices(result, CHUNKS_PER_SLICE);

  // A target grid "is" a current grid when the ids match; −2 matches nothing (−1 is outside).
  const targetIds = target.router.gridSet.grids.map((g) => g.id);
  const ordOf = new Map(currentIds.map((id, i) => [id, i]));
  const same = Int32Array.from(targetIds, (id) => ordOf.get(id) ?? -2);
  const width = targetIds.length + 1;
  const counted = await count({ index: routerIndex(target.router), coords, from, same, currentGrids: currentIds.length }, [
    coords.buffer as ArrayBuffer,
    from.buffer as ArrayBuffer,
    same.buffer as ArrayBuffer,
  ]);

  const matrix = Array.from(counted.keys, (key, k) => {
    const f = Math.floor(key / width) - 1;
    const t = (key % width) - 1;
    return { from: f < 0 ? null : currentIds[f], to: t < 0 ? null : targetIds[t], count: counted.counts[k] };
  });
  matrix.sort((a, b) => b.count - a.count || cmp(a.from, b.from) || cmp(a.to, b.to));
  return { version: target.version, current: current.version, total, moved: counted.moved, matrix };
}

/**
 * The reports of one matrix cell, by (created_at, id), a page at a time: those whose current
 * grid is `pair.from` and that the target routes to `pair.to`. Only the from-grid's reports
 * inside the changed boxes are read, in order, and routed a chunk at a time until the page is
 * full, so a page costs about what its rows cost, not the whole window.
 */
export async function impactPair(
  conn: Connection,
  target: TargetVersion,
  filter: ReportFilter,
  current: CurrentVersion,
  pair: ImpactPairIds,
  page: { limit: number; after?: Cursor },
): Promise<{ reports: StoredReport[]; next: string | null }> {
  const { conditions, params } = reportConditions(filter);
  if (current.boxes) {
    const inside = boxesCondition(current.boxes);
    conditions.push(inside.condition);
    Object.assign(params, inside.params);
  }
  if (pair.from === null) conditions.push('grid_id IS NULL');
  else {
    conditions.push('grid_id = $pairFrom');
    params.pairFrom = pair.from;
  }
  if (page.after) afterCursor(page.after, conditions, params);
  const toIndex = pair.to === null ? -1 : target.router.gridSet.grids.findIndex((g) => g.id === pair.to);
  const result = await conn.stream(`SELECT ${REPORT_COLUMNS} FROM reports ${whereClause(conditions)} ORDER BY created_at, id`, params);
  const names = result.columnNames();
  const rows: Record<string, unknown>[] = [];
  while (rows.length <= page.limit) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const columns = names.map((_, c) => chunk.getColumnVector(c));
    const [lon, lat] = [columns[names.indexOf('lon')], columns[names.indexOf('lat')]];
    for (let i = 0; i < chunk.rowCount && rows.length <= page.limit; i++) {
      if (target.router.locate(lon.getItem(i) as number, lat.getItem(i) as number) !== toIndex) continue;
      rows.push(Object.fromEntries(names.map((name, c) => [name, columns[c].getItem(i)])));
    }
  }
  const more = rows.length > page.limit;
  const last = rows[page.limit - 1];
  return {
    reports: rows.slice(0, page.limit).map(reportOf),
    next: more ? encodeCursor({ createdUs: last.us as bigint, id: last.id as string }) : null,
  };
}

function cmp(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
}
