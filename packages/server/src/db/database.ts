import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Mutex } from './mutex.ts';
import { transaction } from './transaction.ts';

/** Work done on a connection the Database lends for its duration. */
export type Work<T> = (conn: DuckDBConnection) => Promise<T>;

/**
 * One DuckDB database and the only way features reach it. Writes go through one connection,
 * one at a time (a promise-chain mutex): a connection has one transaction at a time, and two
 * batches awaiting inside BEGIN … COMMIT would interleave. Reads open a short-lived
 * connection each, so they see the last committed state and never a half-written batch.
 */
export class Database {
  readonly #instance: DuckDBInstance;
  readonly #writer: DuckDBConnection;
  readonly #writes = new Mutex();
  readonly #reads = new Set<Promise<unknown>>();
  #closed = false;
  #writesPending = 0;
  #writesDone = 0;

  /** Use {@link openDatabase} (open-database.ts). */
  constructor(instance: DuckDBInstance, writer: DuckDBConnection) {
    this.#instance = instance;
    this.#writer = writer;
  }

  /**
   * Runs `fn` on the writer once every earlier write has settled.
   * @example await db.write((conn) => transaction(conn, () => conn.run('DELETE FROM boundaries')));
   */
  write<T>(fn: Work<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    this.#writesPending++;
    return this.#writes
      .run(() => fn(this.#writer))
      .finally(() => {
        this.#writesPending--;
        this.#writesDone++;
      });
  }

  /**
   * A number that changes with every write, or null while a write is queued or running. The
   * store has no other writer (DuckDB locks the file to this process), so two equal numbers
   * read around a snapshot mean it saw exactly the state that number names: an answer computed
   * from it stays true until the number changes, and can be served without a query.
   * @example const before = db.writeGeneration(); … if (before !== null && db.writeGeneration() === before) keep(answer);
   */
  writeGeneration(): number | null {
    return this.#writesPending ? null : this.#writesDone;
  }

  /**
   * Runs `fn` on a connection of its own, closed afterwards.
   * @example const n = await db.read(async (conn) => (await conn.runAndReadAll('SELECT 1')).getRows());
   */
  read<T>(fn: Work<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    const run = (async () => {
      const conn = await this.#instance.connect();
      try {
        return await fn(conn);
      } finally {
        conn.closeSync();
      }
    })();
    this.#reads.add(run);
    void run.finally(() => this.#reads.delete(run)).catch(() => undefined);
    return run;
  }

  /**
   * {@link read} inside BEGIN … COMMIT: several statements, one snapshot.
   * @example await db.snapshot((conn) => impactMatrix(conn, target, current, filter));
   */
  snapshot<T>(fn: Work<T>): Promise<T> {
    return this.read((conn) => transaction(conn, () => fn(conn)));
  }

  /**
   * Waits for queued writes and running reads, then closes the database. Idempotent.
   * @example await db.close();
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writes.idle();
    await Promise.allSettled([...this.#reads]);
    this.#writer.closeSync();
    this.#instance.closeSync();
  }
}

function closedError(): Error {
  return new Error('the store is closed');
}
