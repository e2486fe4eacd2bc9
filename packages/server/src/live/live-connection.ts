import type { Writable } from 'node:stream';
import type { CaseLiveEvent, ReportEvent, StatsEvent } from './live-schemas.ts';
import { eventMatches, type EventFilter } from './report-events.ts';
import type { LiveFeed } from './live-feed.ts';

/** What one connection asked for. */
export interface LiveConnectionOptions {
  /** Send events with seq > after (Last-Event-ID, or the newest report at connect). */
  after: number;
  /** True when the client's Last-Event-ID was beyond the newest report and was ignored. */
  reset?: boolean;
  filter: EventFilter;
  /** Which events to send: `report` (one per stored report), `stats` (periodic per-grid counts), `case` (one per committed case event). */
  events: { report: boolean; stats: boolean; case?: boolean };
  /** The key's reach for `case` events: a department key hears its department's cases only, an inspector key its grids'. */
  caseScope?: { department?: string; grids?: readonly string[] };
}

// EventSource waits this long before reconnecting (the spec leaves the default to the browser).
const RETRY_MS = 2000;

/**
 * One client of the live feed, written as Server-Sent Events to `out`. It keeps a cursor (the
 * last seq it has passed, sent or filtered out) and pumps forward from it whenever the feed
 * wakes it. When `out` is full (the client reads slower than reports arrive) it stops pumping
 * until 'drain': the events it has not sent stay in the ring or the store, not in memory here.
 * A client that stays full for `stallTimeout_ms` is dropped; it reconnects with Last-Event-ID
 * and loses nothing.
 */
export class LiveConnection {
  readonly #feed: LiveFeed;
  readonly #out: Writable;
  readonly #options: LiveConnectionOptions;
  readonly #onEnd: () => void;
  #cursor: number;
  #since: number;
  #counts = new Map<string | null, number>();
  #pumping = false;
  #again = false;
  #blocked = false;
  #stall: NodeJS.Timeout | null = null;
  #ended = false;

  /** Use {@link LiveFeed.connect}. */
  constructor(feed: LiveFeed, out: Writable, options: LiveConnectionOptions, onEnd: () => void) {
    this.#feed = feed;
    this.#out = out;
    this.#options = options;
    this.#onEnd = onEnd;
    this.#cursor = options.after;
    this.#since = options.after;
  }

  /** Writes the `ready` event and catches up with anything already stored after the cursor. */
  start(): void {
    this.#out.on('close', () => this.#cleanup());
    this.#out.on('error', () => this.#cleanup());
    this.#out.on('drain', () => {
      this.#blocked = false;
      if (this.#stall) clearTimeout(this.#stall);
      this.#stall = null;
      this.wake();
    });
    const ready = { after: this.#cursor, last: this.#feed.last, ...(this.#options.reset ? { reset: true } : {}) };
    this.#write(`retry: ${RETRY_MS}\n` + frame('ready', ready, this.#cursor));
    this.wake();
  }

  /** New reports were stored: send what passes the filter. */
  wake(): void {
    if (this.#ended || this.#blocked) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    void this.#pump();
  }

  /**
   * Sends the counts of the reports passed since the previous stats event (none if the cursor
   * has not moved, or while the client's buffer is full: they go out with the next one).
   */
  sendStats(): void {
    if (this.#ended || this.#blocked || !this.#options.events.stats || this.#cursor === this.#since) return;
    const grids = [...this.#counts].filter(([id]) => id !== null).map(([id, count]) => ({ id: id!, count }));
    grids.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
    const total = [...this.#counts.values()].reduce((s, n) => s + n, 0);
    const stats: StatsEvent = { since: this.#since, through: this.#cursor, total, outside: this.#counts.get(null) ?? 0, grids };
    this.#since = this.#cursor;
    this.#counts = new Map();
    this.#write(frame('stats', stats, stats.through));
  }

  /**
   * Sends a committed case event, if asked for and within the grid filter and the key's
   * scope. Live only: without an `id:` line it leaves the client's Last-Event-ID (a report
   * seq) alone, and it is not replayed on reconnect (GET /api/cases gives the state then).
   * While the client's buffer is full it is dropped, like the stats counts are not.
   */
  sendCase(e: CaseLiveEvent): void {
    if (this.#ended || this.#blocked || !this.#options.events.case) return;
    const { grids } = this.#options.filter;
    const scope = this.#options.caseScope;
    if (grids && (e.grid_id === null || !grids.includes(e.grid_id))) return;
    if (scope?.department !== undefined && e.department !== scope.department) return;
    if (scope?.grids !== undefined && (e.grid_id === null || !scope.grids.includes(e.grid_id))) return;
    this.#write(`event: case\ndata: ${JSON.stringify(e)}\n\n`);
  }

  /** A comment line: keeps proxies from closing an idle connection. */
  heartbeat(): void {
    if (!this.#ended && !this.#blocked) this.#write(': heartbeat\n\n');
  }

  /** Ends the response (the app is closing). */
  end(): void {
    if (this.#ended) return;
    this.#out.end();
    this.#cleanup();
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        while (!this.#ended && !this.#blocked && this.#cursor < this.#feed.last) {
          const { events, through } = await this.#feed.read(this.#cursor, this.#options.filter, this.#feed.options.page);
          if (this.#ended) return;
          if (!this.#send(events)) break;
          this.#cursor = Math.max(this.#cursor, through);
        }
      } while (this.#again && !this.#ended && !this.#blocked);
    } catch {
      // The store closed under us (shutdown): the client reconnects and resumes.
      this.#out.destroy();
      this.#cleanup();
    } finally {
      this.#pumping = false;
    }
  }

  /** Sends events in order; false when the buffer filled (the cursor stops at the last one sent). */
  #send(events: readonly ReportEvent[]): boolean {
    for (const e of events) {
      if (e.seq <= this.#cursor) continue;
      if (eventMatches(e, this.#options.filter)) {
        this.#counts.set(e.grid_id, (this.#counts.get(e.grid_id) ?? 0) + 1);
        if (this.#options.events.report && !this.#write(frame('report', e, e.seq))) {
          this.#cursor = e.seq;
          return false;
        }
      }
      this.#cursor = e.seq;
    }
    return true;
  }

  /** Writes a chunk; when the buffer is full, stops pumping and starts the stall clock. */
  #write(chunk: string): boolean {
    if (this.#ended) return false;
    const ok = this.#out.write(chunk);
    if (!ok && !this.#blocked) {
      this.#blocked = true;
      this.#stall = setTimeout(() => {
        this.#out.destroy();
        this.#cleanup();
      }, this.#feed.options.stallTimeout_ms).unref();
    }
    return ok;
  }

  #cleanup(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#stall) clearTimeout(this.#stall);
    this.#onEnd();
  }
}

/** One Server-Sent Events frame; JSON has no raw newlines, so `data` is one line. */
function frame(event: string, data: unknown, id: number): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
