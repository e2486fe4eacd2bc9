import type { Database } from '../db/database.ts';
import type { ReportEvent } from '../live/live-schemas.ts';
import { readIntakeCursor, readUntaken, writeIntakeCursor } from '../db/intake-cursor.ts';

/**
 * How long automatic intake gathers stored reports before one pass takes them all in. Under
 * load each group commit of reports would otherwise be followed by an intake of its own; a
 * read of cases takes in what is queued at once (settle), so it never sees less.
 */
export const INTAKE_GATHER_MS = 25;

/**
 * How often, at most, the cursor is written when intake wrote nothing: it bounds the reports
 * that a start after a crash takes in again (harmless, only slower), at one small write per period.
 */
export const CURSOR_EVERY_MS = 5_000;

/**
 * The queue of automatic intake: stored reports wait here, a few milliseconds, for the pass
 * that opens their cases or joins them to open ones (`takeIn`, the case service's). Passes run
 * one at a time in report order, and each moves the intake cursor (intake-cursor.ts) past its
 * reports once it is written: a report acknowledged just before a crash, whose intake never
 * ran, is taken in when the store opens again (`recover`). A pass is idempotent, since reports
 * already in a case are left alone, so taking a report in twice after a crash is safe.
 */
export class IntakeQueue {
  readonly #db: Database;
  readonly #takeIn: (ids: readonly string[]) => Promise<boolean>;
  #ids: string[] = [];
  #lastSeq = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #tail: Promise<void> = Promise.resolve();
  #cursorWritten = 0;
  /** A pass failed: the cursor stays where it is, so the next start takes that pass's reports in again. */
  #frozen = false;
  /** The last error of a pass, if any (the reports themselves are stored; the next start retries them). */
  lastError: Error | null = null;

  /**
   * @param takeIn one pass over stored reports; resolves true when it wrote cases
   * @example const queue = new IntakeQueue(db, (ids) => service.takeIn(ids));
   */
  constructor(db: Database, takeIn: (ids: readonly string[]) => Promise<boolean>) {
    this.#db = db;
    this.#takeIn = takeIn;
  }

  /**
   * Queues what a start after a crash left untaken: reports past the cursor, but those loaded in bulk.
   * @example await queue.recover(); await queue.settle();
   */
  async recover(): Promise<void> {
    const { cursor, untaken } = await this.#db.read(async (conn) => {
      const at = await readIntakeCursor(conn);
      return { cursor: at, untaken: await readUntaken(conn, at) };
    });
    this.#lastSeq = cursor;
    if (untaken.length) this.add(untaken);
  }

  /**
   * Queues stored reports (`claimed` ones excepted) for the next pass, within INTAKE_GATHER_MS.
   * @example queue.add(events)
   */
  add(events: readonly Pick<ReportEvent, 'id' | 'seq'>[], claimed: ReadonlySet<string> = new Set()): void {
    for (const e of events) if (!claimed.has(e.id)) this.#ids.push(e.id);
    for (const e of events) this.#lastSeq = Math.max(this.#lastSeq, e.seq);
    if (this.#ids.length) this.#timer ??= setTimeout(() => void this.settle(), INTAKE_GATHER_MS);
  }

  /**
   * Takes in what is queued now; resolves once it, and every pass before it, is written.
   * @example await queue.settle(); // before reading cases
   */
  settle(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const ids = this.#ids.splice(0);
    if (!ids.length) return this.#tail;
    const seq = this.#lastSeq;
    this.#tail = this.#tail
      .then(async () => {
        const wrote = await this.#takeIn(ids);
        if (this.#frozen) return;
        if (wrote || performance.now() - this.#cursorWritten >= CURSOR_EVERY_MS) {
          await this.#db.write((conn) => writeIntakeCursor(conn, seq));
          this.#cursorWritten = performance.now();
        }
      })
      .catch((e: Error) => {
        this.lastError = e;
        this.#frozen = true;
      });
    return this.#tail;
  }
}
