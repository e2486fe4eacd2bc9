import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  INTEGER,
  LIST,
  VARCHAR,
  listValue,
  type Connection,
  type PreparedStatement,
  type SqlType,
  type SqlValue,
} from '../db/connection.ts';
import type { CheckedReport } from './check-report-inputs.ts';
import type { ReportRows } from './append-reports.ts';
import { transaction } from '../db/transaction.ts';

// One statement for a whole group, its columns as parallel lists: DuckDB zips the unnests.
const INSERT_REPORTS = `INSERT INTO reports (id, lon, lat, category, source, created_at, grid_id, received_at,
  routed_version, routed_grid_id, seq, description, address, attributes, department, owner_level, dispatch_rule, category_known)
SELECT unnest($id::VARCHAR[]), unnest($lon::DOUBLE[]), unnest($lat::DOUBLE[]), unnest($category::VARCHAR[]),
  unnest($source::VARCHAR[]), make_timestamp(unnest($created_us::BIGINT[])), unnest($grid::VARCHAR[]),
  make_timestamp($received_us::BIGINT), $version::INTEGER, unnest($grid::VARCHAR[]), unnest($seq::BIGINT[]),
  unnest($description::VARCHAR[]), unnest($address::VARCHAR[]), unnest($attributes::VARCHAR[]),
  unnest($department::VARCHAR[]), unnest($level::VARCHAR[]), unnest($rule::VARCHAR[]), unnest($known::BOOLEAN[])`;
// Bound with their types: a list's type is otherwise guessed from its first item, and a first
// null makes the whole list null.
const TYPES: Record<string, SqlType> = Object.fromEntries([
  ...['id', 'category', 'source', 'grid', 'description', 'address', 'attributes', 'department', 'level', 'rule'].map((k) => [
    k,
    LIST(VARCHAR),
  ]),
  ['lon', LIST(DOUBLE)],
  ['lat', LIST(DOUBLE)],
  ['created_us', LIST(BIGINT)],
  ['seq', LIST(BIGINT)],
  ['known', LIST(BOOLEAN)],
  ['received_us', BIGINT],
  ['version', INTEGER],
]);
const INSERT_CONTACTS = 'INSERT INTO report_contacts SELECT unnest($id::VARCHAR[]), unnest($contact::VARCHAR[])';

// Prepared once per connection: parsing and planning the statement costs as much as running it.
const statements = new WeakMap<Connection, Promise<PreparedStatement>>();
function prepared(conn: Connection): Promise<PreparedStatement> {
  let statement = statements.get(conn);
  if (!statement) {
    statement = conn.prepare(INSERT_REPORTS);
    statements.set(conn, statement);
  }
  return statement;
}

/**
 * Stores a group commit's reports (tens of rows) with one INSERT that runs on DuckDB's threads,
 * committing on its own, or in one transaction with the contacts when any report has one. An
 * appender would be quicker per row (appendReports, for bulk loads) but its flush, which
 * updates the primary key and commits, runs synchronously on the main thread: ~1 ms per group
 * during which no other request is read. A repeated id fails the primary key and stores nothing.
 * @example await insertReportRows(conn, { reports: checked, gridIds: ['G1'], version: 3, firstSeq: lastSeq + 1, owners });
 */
export async function insertReportRows(conn: Connection, { reports, gridIds, version, firstSeq, owners }: ReportRows): Promise<void> {
  const list = <T extends SqlValue>(pick: (r: CheckedReport, i: number) => T) => listValue(reports.map(pick));
  const rows: Record<string, SqlValue> = {
    id: list((r) => r.id),
    lon: list((r) => r.lon),
    lat: list((r) => r.lat),
    category: list((r) => r.category),
    source: list((r) => r.source),
    created_us: list((r) => BigInt(r.createdMs) * 1000n),
    grid: list((_, i) => gridIds[i]),
    received_us: BigInt(Date.now()) * 1000n,
    version,
    seq: list((_, i) => BigInt(firstSeq + i)),
    description: list((r) => r.description),
    address: list((r) => r.address),
    attributes: list((r) => (r.attributes === null ? null : JSON.stringify(r.attributes))),
    department: list((_, i) => owners[i].department),
    level: list((_, i) => owners[i].owner_level),
    rule: list((_, i) => owners[i].dispatch_rule),
    known: list((r) => r.categoryKnown),
  };
  const contacts = reports.filter((r) => r.contact !== null);
  const insert = await prepared(conn);
  insert.bind(rows, TYPES);
  if (!contacts.length) {
    await insert.run();
    return;
  }
  await transaction(conn, async () => {
    await insert.run();
    const contactLists = { id: listValue(contacts.map((r) => r.id)), contact: listValue(contacts.map((r) => JSON.stringify(r.contact))) };
    await conn.run(INSERT_CONTACTS, contactLists, { id: LIST(VARCHAR), contact: LIST(VARCHAR) });
  });
}
