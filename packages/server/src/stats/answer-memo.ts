/**
 * Answers computed from one snapshot, kept by key (the snapshot's tag, the URL, the variant):
 * while nothing is written the wall's clients, all asking the same URL, share one computation
 * instead of each scanning 1M reports on 2 cores. A computation still running is shared too
 * (single flight), so ten concurrent requests cost one query even right after a write. Failed
 * computations are forgotten at once. The oldest entries go first beyond `limit`; a write
 * changes every tag, so stale entries are never read again and age out.
 */
export class AnswerMemo {
  readonly #entries = new Map<string, Promise<unknown>>();
  readonly #limit: number;

  /**
   * A memo of at most `limit` answers.
   * @example const memo = new AnswerMemo(32);
   */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * The answer for `key`: the one kept or being computed, else `compute()`'s, kept.
   * @example const stats = await memo.answer(`${tag}\n${url}`, () => reportStats(snapshot, query));
   */
  answer<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.#entries.get(key);
    if (kept) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept as Promise<T>;
    }
    const running = compute();
    this.#entries.set(key, running);
    running.catch(() => {
      if (this.#entries.get(key) === running) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    return running;
  }
}
