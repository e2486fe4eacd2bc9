import { listValue, type Connection } from '../db/connection.ts';
import { REPORT_COLUMNS, reportOf } from '../db/report-rows.ts';
import { withAppender } from '../db/with-appender.ts';
import type { StoredReport } from '../reports/report-schemas.ts';

/**
 * Records which case each report belongs to (a report belongs to one case at most: the
 * primary key refuses a second).
 * @example await appendCaseReports(conn, [['r1', 'c1'], ['r2', 'c1']]);
 */
export async function appendCaseReports(
  conn: Connection,
  pairs: ReadonlyArray<readonly [reportId: string, caseId: string]>,
): Promise<void> {
  if (!pairs.length) return;
  await withAppender(conn, 'case_reports', (a) => {
    for (const [reportId, caseId] of pairs) {
      a.appendVarchar(reportId);
      a.appendVarchar(caseId);
      a.endRow();
    }
  });
}

/**
 * The case of each of these reports that has one.
 * @example (await readCasesOfReports(conn, ['r1', 'r9'])).get('r1') // 'c1'
 */
export async function readCasesOfReports(conn: Connection, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (!reportIds.length) return new Map();
  const rows = (
    await conn.runAndReadAll('SELECT report_id, case_id FROM case_reports WHERE report_id IN (SELECT unnest($ids::VARCHAR[]))', {
      ids: listValue([...reportIds]),
    })
  ).getRowObjectsJS();
  return new Map(rows.map((r) => [r.report_id as string, r.case_id as string]));
}

/**
 * The stored reports of these ids, in the order given; ids not stored are left out.
 * @example await readReportsByIds(conn, ['r1', 'r2'])
 */
export async function readReportsByIds(conn: Connection, ids: readonly string[]): Promise<StoredReport[]> {
  if (!ids.length) return [];
  const rows = (
    await conn.runAndReadAll(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id IN (SELECT unnest($ids::VARCHAR[]))`, {
      ids: listValue([...ids]),
    })
  ).getRowObjectsJS();
  const byId = new Map(rows.map((r) => [r.id as string, reportOf(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
