import { DuckDBInstance } from '@duckdb/node-api';
import { cliError } from '../errors.ts';
import { userPath } from '../commands/command.ts';

/**
 * A Parquet file's column names and its rows as plain objects, in chunks (DuckDB reads
 * Parquet natively, no extension to download), so millions of rows stream without loading
 * them all. Values come back as CSV-safe JS: BIGINT as its exact digits (report and grid codes
 * pass 2^53), dates and times as ISO 8601.
 */
export async function readParquet(file: string): Promise<{ columns: string[]; chunks: AsyncGenerator<Record<string, unknown>[]> }> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  let result: Awaited<ReturnType<typeof conn.stream>>;

  try {
    result = await conn.stream('SELECT * FROM read_parquet($1)', [userPath(file)]);
  } catch (e) {
    conn.closeSync();
    throw cliError('CG_ERR_UNREADABLE_INPUT', {}, `${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  async function* chunks(): AsyncGenerator<Record<string, unknown>[]> {
    try {
      for await (const chunk of result!.yieldRowObjectJs()) {
        yield chunk.map((row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
      }
    } finally {
      conn.closeSync();
    }
  }
  return { columns: result.columnNames(), chunks: chunks() };
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
}
