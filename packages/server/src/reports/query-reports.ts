import type { Connection } from '../db/connection.ts';
import type { StoredReport } from './report-schemas.ts';
import { encodeCursor, type Cursor } from '../db/cursor.ts';
import { afterCursor, REPORT_COLUMNS, reportOf } from '../db/report-rows.ts';
import { reportConditions, whereClause, type ReportFilter } from '../db/report-filter.ts';

/**
 * One page of reports matching `filter`, ordered by (created_at, id), starting after `after`.
 * Reads one row more than asked to know whether there is a next page.
 * @returns the page and the cursor of the next one (null on the last page)
 */
export async function queryReports(
  conn: Connection,
  filter: ReportFilter,
  page: { limit: number; after?: Cursor },
): Promise<{ reports: StoredReport[]; next: string | null }> {
  const { conditions, params } = reportConditions(filter);
  if (page.after) afterCursor(page.after, conditions, params);
  const reader = await conn.runAndReadAll(
    `SELECT ${REPORT_COLUMNS} FROM reports ${whereClause(conditions)}
     ORDER BY created_at, id LIMIT ${page.limit + 1}`,
    params,
  );
  const rows = reader.getRowObjectsJS();
  const more = rows.length > page.limit;
  const reports = rows.slice(0, page.limit).map(reportOf);
  const last = rows[page.limit - 1];
  return { reports, next: more ? encodeCursor({ createdUs: last.us as bigint, id: last.id as string }) : null };
}
