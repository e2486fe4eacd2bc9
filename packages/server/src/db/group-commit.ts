import type { Connection } from './connection.ts';

/**
 * How long a group waits for the senders of the group before it (1–2 event-loop turns of a
 * request each): long enough for a busy minute's clients to fall into one COMMIT, short
 * against the ~3 ms that COMMIT costs.
 */
export const GATHER_MS = 2;

/**
 * Requests that share one write, each answered after it (group commit). A request that finds
 * the store idle is written at once; requests that arrive while a write runs wait together for
 * the next. Under a steady load the senders of one group send their next requests together,
 * spread over a millisecond or two; the first of them would find the writer idle and go alone,
 * splitting every cycle into a group of 1 and one of n − 1, each paying a full COMMIT. So
 * shortly after a write (GATHER_MS), the next waits until as many requests as the last group
 * held have arrived, or GATHER_MS has passed. An idle store never waits.
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
  #lastSize = 1;
  #lastEnd = -Infinity;
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
    if (this.#pending.length >= this.#lastSize) this.#wake?.();
    if (this.#queued) return;
    this.#queued = true;
    this.#schedule(async (conn) => {
      if (performance.now() - this.#lastEnd < GATHER_MS && this.#pending.length < this.#lastSize) await this.#gather();
      this.#queued = false;
      const group = this.#pending.splice(0);
      this.#lastSize = group.length;
      try {
        await this.#write(conn, group);
      } catch (e) {
        this.#fail(group, e);
      }
      this.#lastEnd = performance.now();
    }).catch((e: unknown) => {
      this.#queued = false;
      this.#fail(this.#pending.splice(0), e);
    });
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
