import type { Connection } from '../db/connection.ts';
import { REPORT_COLUMNS, reportOf } from '../db/report-rows.ts';
import type { StoredReport } from './report-schemas.ts';

/**
 * One stored report, or null.
 * @example await readReport(conn, 'r1')
 */
export async function readReport(conn: Connection, id: string): Promise<StoredReport | null> {
  const rows = (await conn.runAndReadAll(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $id`, { id })).getRowObjectsJS();
  return rows.length ? reportOf(rows[0]) : null;
}

/**
 * Who reported it (report_contacts), or null when the report carried no contact.
 * @example await readContact(conn, 'r1') // { name: '张三', phone: '138…' }
 */
export async function readContact(conn: Connection, id: string): Promise<Record<string, string> | null> {
  const rows = (await conn.runAndReadAll('SELECT contact FROM report_contacts WHERE id = $id', { id })).getRowObjectsJS();
  return rows.length ? (JSON.parse(rows[0].contact as string) as Record<string, string>) : null;
}
