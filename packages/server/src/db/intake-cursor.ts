import type { Connection } from './connection.ts';

/**
 * Where automatic intake (cases/intake-queue.ts) stands: every report up to `seq` has been
 * taken in, and the ranges of seqs stored by a bulk load, which intake never takes in. A
 * store that opens takes in the reports past the cursor outside those ranges: the ones
 * acknowledged just before a crash whose intake never ran.
 */
export const INTAKE_DDL = `CREATE TABLE IF NOT EXISTS intake_cursor (seq BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS intake_skips (first_seq BIGINT NOT NULL, last_seq BIGINT NOT NULL)`;

/**
 * Creates the cursor where it is missing, at the newest report: a file from before the cursor
 * had its intake done as it went.
 * @example await startIntakeCursor(conn);
 */
export async function startIntakeCursor(conn: Connection): Promise<void> {
  await conn.run(INTAKE_DDL);
  await conn.run('INSERT INTO intake_cursor SELECT coalesce(max(seq), 0) FROM reports WHERE NOT EXISTS (SELECT 1 FROM intake_cursor)');
}

/**
 * The seq up to which intake is done.
 * @example const seq = await readIntakeCursor(conn);
 */
export async function readIntakeCursor(conn: Connection): Promise<number> {
  const rows = (await conn.runAndReadAll('SELECT max(seq) AS seq FROM intake_cursor')).getRowObjectsJS();
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Reports past `cursor` that intake still owes, in seq order (bulk-loaded ones excepted).
 * @example const owed = await readUntaken(conn, await readIntakeCursor(conn));
 */
export async function readUntaken(conn: Connection, cursor: number): Promise<{ id: string; seq: number }[]> {
  const reader = await conn.runAndReadAll(
    `SELECT id, seq FROM reports r WHERE seq > $cursor
       AND NOT EXISTS (SELECT 1 FROM intake_skips s WHERE r.seq BETWEEN s.first_seq AND s.last_seq)
     ORDER BY seq`,
    { cursor: BigInt(cursor) },
  );
  return reader.getRowObjectsJS().map((row) => ({ id: row.id as string, seq: Number(row.seq) }));
}

/**
 * Moves the cursor to `seq` (never back).
 * @example await writeIntakeCursor(conn, 1042);
 */
export async function writeIntakeCursor(conn: Connection, seq: number): Promise<void> {
  await conn.run('UPDATE intake_cursor SET seq = greatest(seq, $seq)', { seq: BigInt(seq) });
}

/**
 * Marks seqs `first`…`last` as a bulk load's, which intake never takes in; inside the load's transaction.
 * @example await skipIntake(conn, lastSeq + 1, lastSeq + rows.length);
 */
export async function skipIntake(conn: Connection, first: number, last: number): Promise<void> {
  await conn.run('INSERT INTO intake_skips VALUES ($first, $last)', { first: BigInt(first), last: BigInt(last) });
}
