import type { Connection } from './connection.ts';
import { transaction } from './transaction.ts';

/**
 * Gives reports stored before the live feed existed their `seq`, once, in one transaction:
 * in arrival order (received_at, then created_at and id for rows of one batch).
 * @returns the largest seq in the table (0 when empty)
 */
export async function migrateSeq(conn: Connection): Promise<number> {
  const missing = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM reports WHERE seq IS NULL')).getRowObjectsJS()[0].n);
  if (missing > 0) {
    await transaction(conn, () =>
      conn.run(
        `UPDATE reports SET seq = numbered.n FROM (
           SELECT id, (SELECT coalesce(max(seq), 0) FROM reports) + row_number() OVER (ORDER BY received_at, created_at, id) AS n
           FROM reports WHERE seq IS NULL
         ) AS numbered WHERE reports.id = numbered.id`,
      ),
    );
  }
  return Number((await conn.runAndReadAll('SELECT coalesce(max(seq), 0) AS n FROM reports')).getRowObjectsJS()[0].n);
}
