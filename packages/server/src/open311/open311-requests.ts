import { listValue, type Connection, type SqlValue } from '../db/connection.ts';
import { whereClause } from '../db/report-filter.ts';

/**
 * What an Open311 request carries beyond a report; every field optional, as in GeoReport v2.
 * Its description, address_string and attributes are the report's own (description, address,
 * attributes): rows stored before they were have them here, and reads fall back to them.
 */
export interface Open311Fields {
  media_url?: string;
  account_id?: string;
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  device_id?: string;
}

const COLUMNS = ['media_url', 'account_id', 'email', 'phone', 'first_name', 'last_name', 'device_id'] as const;

/** Stores the Open311 fields of report `id`. Inside the store's write lock. */
export async function insertOpen311Fields(conn: Connection, id: string, fields: Open311Fields): Promise<void> {
  const params: Record<string, SqlValue> = { id };
  for (const c of COLUMNS) params[c] = fields[c] ?? null;
  await conn.run(
    `INSERT INTO open311_requests (id, ${COLUMNS.join(', ')}) VALUES ($id, ${COLUMNS.map((c) => `$${c}`).join(', ')})`,
    params,
  );
}

/** Removes the fields of a report that was then refused. */
export async function deleteOpen311Fields(conn: Connection, id: string): Promise<void> {
  await conn.run('DELETE FROM open311_requests WHERE id = $id', { id });
}

/** Which requests `GET /open311/v2/requests.json` lists. */
export interface Open311Query {
  /** These ids only (overrides every other field, as the spec says). */
  ids?: string[];
  /** service_code: event type codes. */
  codes?: string[];
  /** requested_datetime ≥ this, ms since the epoch. */
  fromMs?: number;
  /** requested_datetime ≤ this (the spec's end_date is inclusive), ms since the epoch. */
  toMs?: number;
  /** Only requests of this status: closed, the report's case is in a terminal stage; open, any other (a report without a case is open). */
  status?: 'open' | 'closed';
  limit: number;
}

/** A report joined with its Open311 fields (media_url null for reports that came another way). */
export interface Open311Row {
  id: string;
  lon: number;
  lat: number;
  category: string;
  source: string;
  createdMs: number;
  receivedMs: number;
  gridId: string | null;
  /** The department code the profile dispatched it to when stored. */
  department: string | null;
  description: string | null;
  address: string | null;
  media_url: string | null;
  /** The report's case (cases/): whether its stage is terminal, its due time and last event (ms), its last note; all null without a case. */
  caseClosed: boolean | null;
  caseDueMs: number | null;
  caseUpdatedMs: number | null;
  caseNote: string | null;
}

/**
 * Reports as Open311 requests, newest first: every report, whatever its source, is a service
 * request (the store has one kind of record), with the state of its case if it has one
 * (the cases tables, read-only here). Only the public fields are read; the requester's
 * contact never leaves the table.
 */
export async function readOpen311Requests(conn: Connection, query: Open311Query): Promise<Open311Row[]> {
  const conditions: string[] = [];
  const params: Record<string, SqlValue> = {};
  if (query.ids) {
    conditions.push('r.id IN (SELECT unnest($ids::VARCHAR[]))');
    params.ids = listValue(query.ids);
  } else {
    if (query.codes?.length) {
      conditions.push('r.category IN (SELECT unnest($codes::VARCHAR[]))');
      params.codes = listValue(query.codes);
    }
    if (query.fromMs !== undefined) {
      conditions.push('r.created_at >= make_timestamp($fromUs::BIGINT)');
      params.fromUs = BigInt(query.fromMs) * 1000n;
    }
    if (query.toMs !== undefined) {
      conditions.push('r.created_at <= make_timestamp($toUs::BIGINT)');
      params.toUs = BigInt(query.toMs) * 1000n;
    }
    if (query.status === 'closed') conditions.push('c.closed');
    if (query.status === 'open') conditions.push('(c.closed IS NULL OR NOT c.closed)');
  }
  const rows = (
    await conn.runAndReadAll(
      `SELECT r.id, r.lon, r.lat, r.category, r.source, epoch_ms(r.created_at) AS created, epoch_ms(r.received_at) AS received, r.grid_id, r.department,
              coalesce(r.description, o.description) AS description, coalesce(r.address, o.address) AS address, o.media_url,
              c.closed AS case_closed, epoch_ms(c.due_at) AS case_due, epoch_ms(c.updated_at) AS case_updated,
              (SELECT json_extract_string(e.payload, '$.note') FROM case_events e
                WHERE e.case_id = c.id AND json_extract_string(e.payload, '$.note') IS NOT NULL ORDER BY e.seq DESC LIMIT 1) AS case_note
       FROM reports r LEFT JOIN open311_requests o ON o.id = r.id
         LEFT JOIN case_reports cr ON cr.report_id = r.id LEFT JOIN cases c ON c.id = cr.case_id
       ${whereClause(conditions)}
       ORDER BY r.created_at DESC, r.id DESC LIMIT ${query.limit}`,
      params,
    )
  ).getRowObjectsJS();
  return rows.map((row) => ({
    id: row.id as string,
    lon: row.lon as number,
    lat: row.lat as number,
    category: row.category as string,
    source: row.source as string,
    createdMs: Number(row.created),
    receivedMs: Number(row.received),
    gridId: (row.grid_id as string | null) ?? null,
    department: (row.department as string | null) ?? null,
    description: (row.description as string | null) ?? null,
    address: (row.address as string | null) ?? null,
    media_url: (row.media_url as string | null) ?? null,
    caseClosed: (row.case_closed as boolean | null) ?? null,
    caseDueMs: row.case_due === null || row.case_due === undefined ? null : Number(row.case_due),
    caseUpdatedMs: row.case_updated === null || row.case_updated === undefined ? null : Number(row.case_updated),
    caseNote: (row.case_note as string | null) ?? null,
  }));
}
