/**
 * A promise-chain mutex: each `run` starts only after every earlier one has settled.
 *
 * The store writes through a single DuckDB connection, and a connection has one transaction
 * at a time: two POSTs awaiting inside `BEGIN … COMMIT` at once would interleave their
 * statements into one transaction. Queuing them keeps each batch all-or-nothing.
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once the lock is free; resolves or rejects with its result. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    // The next caller waits for this one to settle, but must not inherit its rejection.
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
