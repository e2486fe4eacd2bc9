import { createHash } from 'node:crypto';
import type { Connection } from './connection.ts';
import type { GridSet } from '@citygrid/core';
import type { HierarchyUnit } from '../grids/build-router.ts';

/**
 * One read transaction and the state it sees: what statistics, exports and Open311 reads run
 * on. Everything in it belongs to the same moment: the grids are the version current in the
 * snapshot (not a version published a millisecond later), and `tag` describes exactly the
 * data the queries on `conn` will read.
 */
export interface Snapshot {
  /** The connection inside the snapshot's transaction; use it for every query of the answer. */
  conn: Connection;
  /** The current grid version as the snapshot sees it; null before any import. */
  version: number | null;
  /** That version's grids; null before any import. */
  gridSet: GridSet | null;
  /** The units above the grids (towns, district), for community and street levels. */
  hierarchy: readonly HierarchyUnit[];
  /**
   * Changes whenever anything an answer depends on changes: the current version, the number
   * of reports and the last arrival time, the hierarchy. A hash: opaque, short, ETag-ready.
   */
  tag: string;
  /** The stored reports' created_at range, µs since the epoch; null when there are none. */
  span: { minUs: bigint; maxUs: bigint } | null;
}

/** What {@link readState} reads in one statement. */
export interface StoredState {
  version: number | null;
  reports: number;
  lastReceivedUs: bigint | null;
  span: Snapshot['span'];
}

/**
 * The version, report count, last arrival and time span. The span (min and max created_at)
 * is the costly part, a scan of 1M timestamps (~6–11 ms here, against ~2 ms for the rest,
 * which every statistics request pays): it is taken from `previous` when the count and last
 * arrival are unchanged. Reports are only ever added, and a publish changes the version, so
 * (count, last arrival, version) changes with every write that can change an answer, and
 * (count, last arrival) with every write that can change the span.
 * @param previous the state this returned last time, if any
 * @example const state = await readState(conn, lastState);
 */
export async function readState(conn: Connection, previous?: StoredState): Promise<StoredState> {
  const row = (
    await conn.runAndReadAll(
      `SELECT (SELECT version FROM grid_versions WHERE status = 'current') AS version, count(*)::BIGINT AS n,
              epoch_us(max(received_at)) AS last FROM reports`,
    )
  ).getRowObjectsJS()[0];
  const reports = Number(row.n);
  const lastReceivedUs = (row.last as bigint | null) ?? null;
  const state = { version: row.version === null ? null : Number(row.version), reports, lastReceivedUs, span: null as StoredState['span'] };
  if (reports && previous?.reports === reports && previous.lastReceivedUs === lastReceivedUs) state.span = previous.span;
  else if (reports) {
    const span = (
      await conn.runAndReadAll('SELECT epoch_us(min(created_at)) AS t0, epoch_us(max(created_at)) AS t1 FROM reports')
    ).getRowObjectsJS()[0];
    state.span = { minUs: span.t0 as bigint, maxUs: span.t1 as bigint };
  }
  return state;
}

// Hierarchies are replaced, never changed in place: each array gets a number once.
const generations = new WeakMap<readonly HierarchyUnit[], number>();
let nextGeneration = 1;

/** The snapshot of `state` on `conn`. */
export function snapshotOf(conn: Connection, state: StoredState, gridSet: GridSet | null, hierarchy: readonly HierarchyUnit[]): Snapshot {
  let generation = generations.get(hierarchy);
  if (generation === undefined) {
    generation = nextGeneration++;
    generations.set(hierarchy, generation);
  }

  // The process start time keeps a tag from one process from matching another's after a
  // restart with the same counts but, say, different boundaries loaded.
  const text = `${PROCESS}:${state.version}:${state.reports}:${state.lastReceivedUs}:${generation}`;
  const tag = createHash('sha1').update(text).digest('base64url').slice(0, 16);
  return { conn, version: state.version, gridSet, hierarchy, tag, span: state.span };
}

const PROCESS = `${process.pid}.${Date.now()}`;
