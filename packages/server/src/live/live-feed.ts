import type { Writable } from 'node:stream';
import { problem, serverError } from '../errors/catalogue.ts';
import type { CaseLiveEvent, ReportEvent } from './live-schemas.ts';
import type { EventFilter } from './report-events.ts';
import type { Store } from '../store.ts';
import { LiveConnection, type LiveConnectionOptions } from './live-connection.ts';

/** Options of the live feed (`build({ feed })`). */
export interface FeedOptions {
  /** [10000] ms between `stats` events on each connection. */
  statsInterval_ms?: number;
  /** [15000] ms between heartbeat comments, so proxies keep an idle connection open. */
  heartbeat_ms?: number;
  /** [30000] ms a client may leave its buffer full before it is dropped; it resumes with Last-Event-ID. */
  stallTimeout_ms?: number;
  /** [1000] open connections at most; more are refused with 503 CG_ERR_STREAM_FULL. */
  maxClients?: number;
  /** [4096] newest report events kept in memory; older ones are read back from the store. */
  ring?: number;
  /** [500] report events read from the store at a time when a connection catches up. */
  page?: number;
}

const DEFAULTS = {
  statsInterval_ms: 10_000, // a command-centre wall refreshes its counters about this often
  heartbeat_ms: 15_000, // under the 30–60 s idle timeouts of common proxies (nginx: 60 s)
  stallTimeout_ms: 30_000, // a client this far behind is better off reconnecting
  maxClients: 1000, // sockets are cheap, but not free; one per screen in a command centre
  ring: 4096, // ~1 MB of events: minutes of intake at a busy city's peak, served from memory
  page: 500, // one DuckDB read per 500 events when replaying from the store
} satisfies Required<FeedOptions>;

/**
 * The live feed's in-process event bus. The store announces each committed batch of reports
 * (numbered by `seq`, storage order); the feed keeps the newest in a ring and wakes its
 * connections. Each connection reads forward from its own cursor: from the ring when the
 * ring still holds what comes next, else from the store (a reconnect with an old
 * Last-Event-ID, a bulk load, a client that fell behind). So live delivery and replay are the
 * same code path, and a slow client costs a cursor, not a growing buffer.
 */
export class LiveFeed {
  readonly options: Required<FeedOptions>;
  readonly #store: Store;
  readonly #connections = new Set<LiveConnection>();
  readonly #unsubscribe: () => void;
  readonly #unsubscribeCases: () => void;
  readonly #timers: NodeJS.Timeout[];
  /** Events with seq in (#ringBase, #ringBase + #ring.length]; that end is always the store's lastSeq. */
  #ring: ReportEvent[] = [];
  #ringBase: number;

  constructor(store: Store, options: FeedOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    for (const [name, value] of Object.entries(this.options)) {
      if (!Number.isInteger(value) || value <= 0) throw new Error(`feed option ${name}: expected a positive integer, got ${value}`);
    }
    this.#store = store;
    this.#ringBase = store.lastSeq();
    this.#unsubscribe = store.onReportsStored((events, lastSeq) => this.#stored(events, lastSeq));
    this.#unsubscribeCases = store.cases.onCaseEvents((events) => this.#cases(events));
    const every = (ms: number, fn: (c: LiveConnection) => void) => setInterval(() => this.#connections.forEach(fn), ms).unref();
    this.#timers = [every(this.options.statsInterval_ms, (c) => c.sendStats()), every(this.options.heartbeat_ms, (c) => c.heartbeat())];
  }

  /** The newest stored report's seq. */
  get last(): number {
    return this.#store.lastSeq();
  }

  /** Open connections. */
  get size(): number {
    return this.#connections.size;
  }

  /**
   * Starts a connection writing to `out`, resuming after `options.after`. Throws 503
   * CG_ERR_STREAM_FULL when `maxClients` are open. The connection ends itself when `out` closes.
   */
  connect(out: Writable, options: LiveConnectionOptions): LiveConnection {
    if (this.#connections.size >= this.options.maxClients) throw serverError([problem('CG_ERR_STREAM_FULL', {}, this.options.maxClients)]);
    const connection = new LiveConnection(this, out, options, () => this.#connections.delete(connection));
    this.#connections.add(connection);
    connection.start();
    return connection;
  }

  /**
   * Events after `after` (up to `limit` examined) and how far they reach: `through` is the seq
   * up to which everything was examined, so a filtered-out stretch still moves the cursor.
   */
  async read(after: number, filter: EventFilter, limit: number): Promise<{ events: ReportEvent[]; through: number }> {
    const upto = this.last;
    if (after >= upto) return { events: [], through: after };
    if (after >= this.#ringBase) {
      const start = after - this.#ringBase;
      const slice = this.#ring.slice(start, start + limit);
      return { events: slice, through: slice.length ? slice[slice.length - 1].seq : upto };
    }
    const events = await this.#store.reportEvents({ after, upto, limit }, filter);
    return { events, through: events.length < limit ? upto : events[events.length - 1].seq };
  }

  /** Ends every connection and stops listening to the store (the app is closing). */
  close(): void {
    this.#unsubscribe();
    this.#unsubscribeCases();
    this.#timers.forEach(clearInterval);
    for (const c of [...this.#connections]) c.end();
  }

  /** Committed case events go straight to every connection: live only, nothing kept. */
  #cases(events: readonly CaseLiveEvent[]): void {
    for (const e of events) for (const c of this.#connections) c.sendCase(e);
  }

  #stored(events: readonly ReportEvent[], lastSeq: number): void {
    const end = this.#ringBase + this.#ring.length;
    if (events.length && events[0].seq === end + 1 && events[events.length - 1].seq === lastSeq) {
      this.#ring.push(...events);
      // Trim in halves, not one by one: shift() per event would copy the ring each time.
      if (this.#ring.length > 2 * this.options.ring) {
        const drop = this.#ring.length - this.options.ring;
        this.#ring = this.#ring.slice(drop);
        this.#ringBase += drop;
      }
    } else {
      // A bulk load (no events) or a gap: the ring restarts empty; connections read the store.
      this.#ring = [];
      this.#ringBase = lastSeq;
    }
    for (const c of this.#connections) c.wake();
  }
}
