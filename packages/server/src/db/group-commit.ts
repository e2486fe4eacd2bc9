import type { Connection } from './connection.ts';

/**
 * The longest a write waits for the senders of the last cycle: their requests arrive spread
 * over a millisecond or two (each one's parsing and checks), and a COMMIT costs about 2 ms.
 */
export const GATHER_MS = 2;

/**
 * Requests that share one write, each answered after it (group commit). A request that finds
 * the store idle is written at once; requests that arrive while a write runs wait together for
 * the next. Under a steady load the senders of one group send their next requests together,
 * spread over a millisecond or two; the first of them would find the writer idle and go alone,
 * splitting every cycle into a group of 1 and one of n − 1, each paying a full COMMIT. So
 * shortly after a write (GATHER_MS), the next waits until as many requests have arrived as
 * the writes of the last cycle answered (those that ended within one write and one gather of
 * now: the clients likely to send again), or GATHER_MS has passed. Counting a cycle rather than
 * the last group is what lets a split of 1 and n − 1 merge back into one group of n. An idle
 * store never waits.
 *
 * @example
 * const group = new GroupCommit<Item>((run) => db.write(run), (conn, items) => store(conn, items), (items, e) => items.forEach((i) => i.reject(e)));
 * group.add(item);
 */
export class GroupCommit<T> {
  readonly #schedule: (run: (conn: Connection) => Promise<void>) => Promise<void>;
  readonly #write: (conn: Connection, group: T[]) => Promise<void>;
  readonly #fail: (group: T[], error: unknown) => void;
  readonly #pending: T[] = [];
  #queued = false;
  /** The latest writes: when each ended, how long it took, how many it answered. */
  #recent: { end: number; ms: number; size: number }[] = [];
  #wake: (() => void) | null = null;

  /**
   * @param schedule runs a write in turn with the store's other writes (the write lock)
   * @param write stores one group and answers each of its items
   * @param fail answers the items of a group whose write failed or could not run (a closed store)
   */
  constructor(
    schedule: (run: (conn: Connection) => Promise<void>) => Promise<void>,
    write: (conn: Connection, group: T[]) => Promise<void>,
    fail: (group: T[], error: unknown) => void,
  ) {
    this.#schedule = schedule;
    this.#write = write;
    this.#fail = fail;
  }

  /** Queues `item` for the next group write. */
  add(item: T): void {
    this.#pending.push(item);
    if (this.#pending.length >= this.#expected) this.#wake?.();
    if (this.#queued) return;
    this.#queued = true;
    this.#schedule(async (conn) => {
      this.#expected = this.#senders();
      if (this.#pending.length < this.#expected) await this.#gather();
      this.#queued = false;
      const group = this.#pending.splice(0);
      const start = performance.now();
      try {
        await this.#write(conn, group);
      } catch (e) {
        this.#fail(group, e);
      }
      const end = performance.now();
      this.#recent.push({ end, ms: end - start, size: group.length });
      if (this.#recent.length > 64) this.#recent.shift();
    }).catch((e: unknown) => {
      this.#queued = false;
      this.#fail(this.#pending.splice(0), e);
    });
  }

  #expected = 0;

  /** How many requests the writes of the last cycle answered: 0 once the store has been idle for GATHER_MS. */
  #senders(): number {
    const last = this.#recent.at(-1);
    if (!last) return 0;
    const since = performance.now() - last.ms - GATHER_MS;
    let n = 0;
    for (const w of this.#recent) if (w.end >= since) n += w.size;
    return n;
  }

  #gather(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, GATHER_MS);
      this.#wake = done;
    });
  }
}
