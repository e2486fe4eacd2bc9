import type { Connection } from './connection.ts';

/**
 * Runs `fn` inside BEGIN … COMMIT on `conn`, rolling back if it throws. Resolves only after
 * COMMIT returns, i.e. once DuckDB has written the WAL: a 201 means the rows survive a crash.
 * Callers hold the store's write lock, so no other statement can join this transaction.
 */
export async function transaction<T>(conn: Connection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await conn.run('COMMIT');
    return result;
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}
