import { DuckDBInstance } from '@duckdb/node-api';
import { CitygridError } from '@citygrid/core';
import { userPath } from '../commands/command.ts';

/**
 * Rows of a Parquet file as plain objects, in chunks (DuckDB reads Parquet natively, no
 * extension to download), so millions of rows stream without loading them all.
 */
export async function* readParquet(file: string): AsyncGenerator<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    let result;
    try {
      result = await conn.stream('SELECT * FROM read_parquet($1)', [userPath(file)]);
    } catch (e) {
      throw CitygridError.of('CG_ERR_UNREADABLE_INPUT', {}, `${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    for await (const chunk of result.yieldRowObjectJs()) {
      yield chunk.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
    }
  } finally {
    conn.closeSync();
  }
}
