import type { Appender, Connection } from './connection.ts';

/**
 * Appends rows to `table` with a DuckDB appender, flushes and closes it. When a row fails
 * (a duplicate primary key surfaces at flush), closing the appender throws again with
 * "transaction is aborted"; that second error is dropped so the caller sees the first,
 * which names the cause.
 */
export async function withAppender(
  conn: Connection,
  table: string,
  fill: (appender: Appender) => void,
  where: { schema?: string; catalog?: string } = {},
): Promise<void> {
  const appender = await conn.createAppender(table, where.schema, where.catalog);
  try {
    fill(appender);
    appender.flushSync();
  } catch (e) {
    try {
      appender.closeSync();
    } catch {
      // see above: the first error is the one worth reporting
    }
    throw e;
  }
  appender.closeSync();
}
