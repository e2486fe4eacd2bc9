import type { Connection } from './connection.ts';

/** Row counts of the store's tables. */
export interface StoreCounts {
  grids: number;
  boundaries: number;
  reports: number;
}

/**
 * Rows in the current grids, the outlines and the reports (what GET /api/health shows).
 * @example await db.read(countRows) // { grids: 4, boundaries: 3, reports: 12 }
 */
export async function countRows(conn: Connection): Promise<StoreCounts> {
  const row = (
    await conn.runAndReadAll(
      'SELECT (SELECT count(*) FROM grids)::INTEGER AS grids, (SELECT count(*) FROM boundaries)::INTEGER AS boundaries, (SELECT count(*) FROM reports)::INTEGER AS reports',
    )
  ).getRowObjectsJS()[0];
  return { grids: Number(row.grids), boundaries: Number(row.boundaries), reports: Number(row.reports) };
}
