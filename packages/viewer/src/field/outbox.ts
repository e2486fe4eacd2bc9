import type { FieldApi } from '../api/field.ts';
import { backoffMs, retriable } from './backoff.ts';
import type { FieldDb, OutboxItem, OutboxPayload } from './field-db.ts';

/**
 * The offline queue. Every report and patrol waits here (IndexedDB) from the moment it is made
 * and leaves once the server holds it whole: a report first, then its photos one by one (a
 * photo sent is never sent again after a reload), a patrol in one request. Client ids make a
 * resend harmless: the server answers the stored item. A try that gets no answer, a 5xx, 408
 * or 429 is retried with backoff; any other refusal stays, with the server's message, for the
 * inspector to see.
 */
export class Outbox {
  readonly #db: FieldDb;
  readonly #api: FieldApi;
  readonly #listeners = new Set<(items: OutboxItem[]) => void>();
  #running: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Use {@link Outbox.open}. */
  constructor(db: FieldDb, api: FieldApi) {
    this.#db = db;
    this.#api = api;
  }

  /** Items left `sending` by a closed app are waiting again. */
  static async open(db: FieldDb, api: FieldApi): Promise<Outbox> {
    for (const item of await db.getAll('outbox')) if (item.state === 'sending') await db.put('outbox', { ...item, state: 'waiting' });
    return new Outbox(db, api);
  }

  /** Calls `listener` with the queue, oldest first, now and after every change. */
  watch(listener: (items: OutboxItem[]) => void): void {
    this.#listeners.add(listener);
    void this.items().then(listener);
  }

  /** The queue, oldest first. */
  items(): Promise<OutboxItem[]> {
    return this.#db.getAllFromIndex('outbox', 'createdAt');
  }

  /**
   * Queues an item under its client id, then tries to send.
   * @example await outbox.add({ kind: 'patrol', patrol })
   */
  async add(payload: OutboxPayload): Promise<void> {
    const id = payload.kind === 'report' ? payload.report.id : payload.patrol.id;
    await this.#db.put('outbox', { ...payload, id, createdAt: Date.now(), state: 'waiting', failures: 0, nextAt: 0, lastError: null });
    await this.#changed();
    this.flush();
  }

  /** Tries every waiting item now (the network is back, or the inspector asked). */
  retryNow(): void {
    void (async () => {
      for (const item of await this.items())
        await this.#db.put('outbox', { ...item, nextAt: 0, state: item.state === 'failed' ? 'waiting' : item.state });
      this.flush();
    })();
  }

  /** Sends what is due, one item at a time; a second call while one runs joins it. */
  flush(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #run(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const item of await this.items()) {
      if (item.state === 'failed' || item.nextAt > Date.now()) continue;
      if (!navigator.onLine) break;
      await this.#send(item);
    }
    const waiting = (await this.items()).filter((i) => i.state === 'waiting');
    if (waiting.length) {
      const next = Math.max(1000, Math.min(...waiting.map((i) => i.nextAt)) - Date.now());
      this.#timer = setTimeout(() => void this.flush(), next);
    }
  }

  async #send(item: OutboxItem): Promise<void> {
    let current: OutboxItem = { ...item, state: 'sending' };
    await this.#save(current);
    try {
      if (current.kind === 'patrol') {
        await this.#api.sendPatrol(current.patrol);
      } else {
        if (!current.posted) {
          const routed = await this.#api.sendReport(current.report);
          current = { ...current, posted: true, gridId: routed.grid_id };
          await this.#save(current);
        }
        const report = current;
        for (const [i, photo] of report.photos.entries()) {
          if (photo.sent) continue;
          const stored = await this.#api.sendPhoto(report.id, photo.blob, photo.name);
          if (!stored.some((s) => s.sha256 === photo.sha256))
            throw new Error(
              `photo ${i + 1} arrived as ${stored.map((s) => s.sha256.slice(0, 12)).join(', ')}, not ${photo.sha256.slice(0, 12)}`,
            );
          photo.sent = true;
          await this.#save(report);
        }
      }
      await this.#db.delete('outbox', current.id);
      await this.#changed();
    } catch (e) {
      const status = (e as { status?: number }).status;
      const failures = current.failures + 1;
      await this.#save({
        ...current,
        state: retriable(status) ? 'waiting' : 'failed',
        failures,
        nextAt: Date.now() + backoffMs(failures - 1, Math.random()),
        lastError: e instanceof Error ? e.message : String(e),
      });
    }
  }

  async #save(item: OutboxItem): Promise<void> {
    await this.#db.put('outbox', item);
    await this.#changed();
  }

  async #changed(): Promise<void> {
    const items = await this.items();
    for (const l of this.#listeners) l(items);
  }
}
