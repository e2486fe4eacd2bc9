import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';

/**
 * Appends rows to `table` with a DuckDB appender, flushes and closes it. When a row fails
 * (a duplicate primary key surfaces at flush), closing the appender throws again with
 * "transaction is aborted"; that second error is dropped so the caller sees the first,
 * which names the cause.
 */
export async function withAppender(
  conn: DuckDBConnection,
  table: string,
  fill: (appender: DuckDBAppender) => void,
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
