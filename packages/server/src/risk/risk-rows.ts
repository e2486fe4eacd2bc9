import type { CaseEvent, CaseOpening, Period } from '@citygrid/core';
import { listValue, type Connection } from '../db/connection.ts';

/** A grid of the current version as risk scoring needs it. */
export interface RiskGridRow {
  id: string;
  name: string;
  area_m2: number;
}

/** Per period index, per grid id: a count. */
export type PeriodCounts = Map<number, Map<string, number>>;

/** One case's log, ready to replay: its opening and later events. */
export interface CaseLog {
  opening: CaseOpening;
  events: CaseEvent[];
}

/** A case that may have been overdue since some time: its grid and how many actions it has taken. */
export interface CaseVersion {
  id: string;
  grid_id: string;
  version: number;
}

// Every stored event was allowed when it was logged (and the audit checks the chain); the
// replay wants the clocks, not who acted, so it acts as admin, whom the workflow lets take any
// action on any case: a key's scope changed since cannot stop a replay half-way.
const ADMIN = { role: 'admin' } as const;

const us = (ms: number) => `make_timestamp(${BigInt(ms) * 1000n})`;

/** The periods as an inline table (i, s, e): computed bounds, never request text. */
function periodTable(periods: readonly Period[]): string {
  return `(VALUES ${periods.map((p, i) => `(${i}, ${us(p.start)}, ${us(p.end)})`).join(', ')}) AS p(i, s, e)`;
}

/**
 * The grid version the `grids` view shows; null before any publish.
 * @example await readCurrentVersion(conn) // 3
 */
export async function readCurrentVersion(conn: Connection): Promise<number | null> {
  const [row] = (await conn.runAndReadAll("SELECT max(version) AS v FROM grid_versions WHERE status = 'current'")).getRowObjectsJS();
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

/**
 * The current version's grids, in import order.
 * @example await readRiskGrids(conn) // [{ id: 'g1', name: '…', area_m2: 12000 }]
 */
export async function readRiskGrids(conn: Connection): Promise<RiskGridRow[]> {
  const rows = (await conn.runAndReadAll('SELECT id, name, area_m2 FROM grids ORDER BY ord')).getRowObjectsJS();
  return rows.map((r) => ({ id: r.id as string, name: r.name as string, area_m2: r.area_m2 as number }));
}

/**
 * Reports created in each period, per grid, in one scan of the reports joined to the periods.
 * @example (await readReportCounts(conn, periods)).get(0)?.get('g1') // 42
 */
export async function readReportCounts(conn: Connection, periods: readonly Period[]): Promise<PeriodCounts> {
  return counts(
    conn,
    `SELECT p.i, r.grid_id AS id, count(*)::INTEGER AS n FROM reports r JOIN ${periodTable(periods)}
       ON r.created_at >= p.s AND r.created_at < p.e
     WHERE r.grid_id IS NOT NULL GROUP BY p.i, r.grid_id`,
  );
}

/**
 * Repeated cases per period and grid, among the cases opened in the period: each case of a
 * category the grid already had a case of in the period, each duplicate report joined to a
 * case, and each reopening (docs/risk.md).
 * @example (await readRepeatedCounts(conn, periods)).get(0)?.get('g1') // 3
 */
export async function readRepeatedCounts(conn: Connection, periods: readonly Period[]): Promise<PeriodCounts> {
  return counts(
    conn,
    `SELECT p.i, c.grid_id AS id,
       (count(*) - count(DISTINCT c.category)
        + sum(greatest(coalesce(json_array_length(c.state, '$.reports'), 0) - 1, 0))
        + sum(coalesce(json_extract(c.state, '$.reopens')::INTEGER, 0)))::INTEGER AS n
     FROM cases c JOIN ${periodTable(periods)} ON c.opened_at >= p.s AND c.opened_at < p.e
     WHERE c.grid_id IS NOT NULL GROUP BY p.i, c.grid_id`,
  );
}

/**
 * The cases in a grid that may have been overdue at or after `since` (UTC ms): every case
 * still open, or touched since.
 * @example (await readCaseVersions(conn, since))[0] // { id: 'C0000001', grid_id: 'g1', version: 7 }
 */
export async function readCaseVersions(conn: Connection, since: number): Promise<CaseVersion[]> {
  const [ids = [], grids, versions] = (
    await conn.runAndReadAll(
      `SELECT id, grid_id, version FROM cases WHERE grid_id IS NOT NULL AND (NOT closed OR updated_at >= ${us(since)})`,
    )
  ).getColumnsJS();
  return ids.map((id, i) => ({ id: id as string, grid_id: grids[i] as string, version: Number(versions[i]) }));
}

/**
 * The logs of these cases, in one scan of the event log in case and sequence order, each event
 * with the admin as its actor.
 * @example (await readCaseLogs(conn, ['C0000001']))[0].events.length // 6
 */
export async function readCaseLogs(conn: Connection, ids: readonly string[]): Promise<CaseLog[]> {
  if (!ids.length) return [];
  // Columns, not rows: for the demo's 250,000 events getRowsJS takes ten times as long. The
  // actor is left out (reading each string costs more than the query): see ADMIN.
  const [caseIds = [], actions, atMs, payloads] = (
    await conn.runAndReadAll(
      `SELECT case_id, action, epoch_ms(acted_at) AS at_ms, payload FROM case_events
       WHERE case_id IN (SELECT unnest($ids::VARCHAR[])) ORDER BY case_id, seq`,
      { ids: listValue([...ids]) },
    )
  ).getColumnsJS();
  const logs: CaseLog[] = [];
  let current: CaseLog | null = null;
  for (let i = 0; i < caseIds.length; i++) {
    const [caseId, action, at] = [caseIds[i] as string, actions[i] as string, Number(atMs[i])];
    const fields = JSON.parse(payloads[i] as string) as Record<string, unknown>;
    if (action === 'open') {
      current = { opening: { ...fields, id: caseId, at } as unknown as CaseOpening, events: [] };
      logs.push(current);
    } else if (current?.opening.id === caseId) {
      current.events.push({ ...fields, action, at, actor: ADMIN } as CaseEvent);
    }
  }
  return logs;
}

async function counts(conn: Connection, sql: string): Promise<PeriodCounts> {
  const out: PeriodCounts = new Map();
  const [periods = [], ids, ns] = (await conn.runAndReadAll(sql)).getColumnsJS();
  periods.forEach((i, k) => {
    const period = out.get(Number(i)) ?? new Map<string, number>();
    period.set(ids[k] as string, Number(ns[k]));
    out.set(Number(i), period);
  });
  return out;
}
