import type { CaseState } from '@citygrid/core';
import { listValue, TimestampValue, type Appender, type Connection, type SqlValue } from '../db/connection.ts';
import { withAppender } from '../db/with-appender.ts';
import type { CaseFilter } from './case-filter.ts';
import { afterCaseCursor, encodeCaseCursor, OVERDUE_SQL, type CaseCursor } from './case-cursor.ts';

/** A case as its row keeps it: the state and whether its stage is terminal. */
export interface CaseRow {
  state: CaseState;
  closed: boolean;
}

/**
 * Appends new cases (their ids must be new: the primary key refuses a repeat).
 * @example await appendCases(conn, [{ state, closed: false }]);
 */
export async function appendCases(conn: Connection, rows: readonly CaseRow[]): Promise<void> {
  if (!rows.length) return;
  await withAppender(conn, 'cases', (a) => {
    for (const { state: s, closed } of rows) {
      a.appendVarchar(s.id);
      a.appendVarchar(s.stage);
      a.appendBoolean(closed);
      a.appendInteger(s.version);
      varchar(a, s.department);
      a.appendVarchar(s.owner_level);
      varchar(a, s.grid_id);
      a.appendVarchar(s.category);
      a.appendVarchar(s.urgency);
      double(a, s.lon);
      double(a, s.lat);
      timestamp(a, s.opened_at);
      timestamp(a, s.updated_at);
      timestamp(a, s.due_at);
      timestamp(a, s.suspended_at);
      a.appendVarchar(JSON.stringify(s));
      a.endRow();
    }
  });
}

/**
 * Rewrites a case's row with its new state (the log, case_events, is what is never rewritten).
 * @example await updateCase(conn, { state: next, closed: false });
 */
export async function updateCase(conn: Connection, { state: s, closed }: CaseRow): Promise<void> {
  await conn.run(
    `UPDATE cases SET stage = $stage, closed = $closed, version = $version, department = $department, owner_level = $level, grid_id = $grid,
       urgency = $urgency, updated_at = make_timestamp($updated::BIGINT), due_at = make_timestamp($due::BIGINT),
       suspended_at = make_timestamp($suspended::BIGINT), state = $state
     WHERE id = $id`,
    {
      id: s.id,
      stage: s.stage,
      closed,
      version: s.version,
      department: s.department,
      level: s.owner_level,
      grid: s.grid_id,
      urgency: s.urgency,
      updated: us(s.updated_at),
      due: us(s.due_at),
      suspended: us(s.suspended_at),
      state: JSON.stringify(s),
    },
  );
}

/**
 * One case's state, or null.
 * @example await readCase(conn, 'c1')
 */
export async function readCase(conn: Connection, id: string): Promise<CaseState | null> {
  const rows = (await conn.runAndReadAll('SELECT state FROM cases WHERE id = $id', { id })).getRowObjectsJS();
  return rows.length ? (JSON.parse(rows[0].state as string) as CaseState) : null;
}

/**
 * Which of these case ids are stored.
 * @example await readStoredCaseIds(conn, ['c1', 'new']) // Set { 'c1' }
 */
export async function readStoredCaseIds(conn: Connection, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (
    await conn.runAndReadAll('SELECT id FROM cases WHERE id IN (SELECT unnest($ids::VARCHAR[]))', { ids: listValue([...ids]) })
  ).getRowObjectsJS();
  return new Set(rows.map((r) => r.id as string));
}

/**
 * Open (not terminal) cases of these categories opened between two times (UTC ms): the
 * candidates a new report may duplicate (findDuplicate decides).
 * @example await readOpenCases(conn, ['06010'], t - day, t + day)
 */
export async function readOpenCases(conn: Connection, categories: readonly string[], fromMs: number, toMs: number): Promise<CaseState[]> {
  if (!categories.length) return [];
  const rows = (
    await conn.runAndReadAll(
      `SELECT state FROM cases WHERE NOT closed AND category IN (SELECT unnest($cats::VARCHAR[]))
         AND opened_at BETWEEN make_timestamp($from::BIGINT) AND make_timestamp($to::BIGINT)`,
      { cats: listValue([...categories]), from: BigInt(fromMs) * 1000n, to: BigInt(toMs) * 1000n },
    )
  ).getRowObjectsJS();
  return rows.map((r) => JSON.parse(r.state as string) as CaseState);
}

/**
 * A page of cases matching `filter`: overdue ones first, then by due time (none last), then
 * id. Overdue is judged at `now` (UTC ms), which the cursor carries on, so the order holds
 * from page to page however long the client takes.
 * @example await queryCases(conn, { stages: ['dispatched'] }, { limit: 50, now: Date.now() })
 */
export async function queryCases(
  conn: Connection,
  filter: CaseFilter,
  page: { limit: number; now: number; after?: CaseCursor },
): Promise<{ states: CaseState[]; next: string | null }> {
  const now = page.after?.now ?? page.now;
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = { nowUs: BigInt(now) * 1000n, limit: page.limit + 1 };
  filterConditions(filter, conditions, params);
  if (page.after) afterCaseCursor(page.after, conditions, params);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  // The page's ids are sorted first and the states (~1 KB each) joined after: sorting the
  // states themselves through the top-N cost ~25% more at 1M cases (bench/cases.bench.ts).
  const sql = `WITH page AS (
      SELECT id, rank, due FROM (
        SELECT id, CASE WHEN ${OVERDUE_SQL} THEN 0 ELSE 1 END AS rank, COALESCE(epoch_us(due_at), 9223372036854775807) AS due,
               stage, department, grid_id, owner_level, opened_at
        FROM cases) AS c
      ${where} ORDER BY rank, due, id LIMIT $limit)
    SELECT cases.state, page.rank, page.due FROM page JOIN cases ON cases.id = page.id ORDER BY page.rank, page.due, page.id`;
  const rows = (await conn.runAndReadAll(sql, params)).getRowObjectsJS();
  const more = rows.length > page.limit;
  const kept = more ? rows.slice(0, page.limit) : rows;
  const states = kept.map((r) => JSON.parse(r.state as string) as CaseState);
  const last = kept[kept.length - 1];
  return {
    states,
    next: more
      ? encodeCaseCursor({ now, rank: Number(last.rank), due: BigInt(last.due as bigint), id: states[states.length - 1].id })
      : null,
  };
}

/** The WHERE conditions of a filter, over the inner select's columns (rank is 0 for overdue). */
function filterConditions(f: CaseFilter, conditions: string[], params: Record<string, SqlValue>): void {
  // One value (the usual query) is a plain equality, which DuckDB can push into the scan;
  // several are a semi-join against the list.
  const inList = (column: string, name: string, values: readonly string[] | undefined) => {
    if (!values) return;
    if (values.length === 1) {
      conditions.push(`${column} = $${name}`);
      params[name] = values[0];
      return;
    }
    conditions.push(`${column} IN (SELECT unnest($${name}::VARCHAR[]))`);
    params[name] = listValue([...values]);
  };
  inList('stage', 'stages', f.stages);
  inList('department', 'departments', f.departments);
  inList('grid_id', 'grids', f.grids);
  inList('owner_level', 'levels', f.levels);
  if (f.overdue !== undefined) conditions.push(f.overdue ? 'rank = 0' : 'rank = 1');
  if (f.fromMs !== undefined) {
    conditions.push('opened_at >= make_timestamp($fromUs::BIGINT)');
    params.fromUs = BigInt(f.fromMs) * 1000n;
  }
  if (f.toMs !== undefined) {
    conditions.push('opened_at < make_timestamp($toUs::BIGINT)');
    params.toUs = BigInt(f.toMs) * 1000n;
  }
  // The key's scope (a department key, an inspector key), on top of what it asked for.
  if (f.scope?.department !== undefined) {
    conditions.push('department = $scopeDepartment');
    params.scopeDepartment = f.scope.department;
  }
  if (f.scope?.grids !== undefined) {
    conditions.push('grid_id IN (SELECT unnest($scopeGrids::VARCHAR[]))');
    params.scopeGrids = listValue([...f.scope.grids]);
  }
}

function us(ms: number | null): bigint | null {
  return ms === null ? null : BigInt(ms) * 1000n;
}

function varchar(a: Appender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

function double(a: Appender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendDouble(v);
}

function timestamp(a: Appender, ms: number | null): void {
  if (ms === null) a.appendNull();
  else a.appendTimestamp(new TimestampValue(BigInt(ms) * 1000n));
}
