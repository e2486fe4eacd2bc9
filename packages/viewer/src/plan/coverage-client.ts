/**
 * The page's side of the coverage worker. Edits can come faster than checks (dragging, undo
 * held down): one check runs at a time, and only the newest waiting request is sent next;
 * intermediate states are never checked, and stale answers are never shown.
 */
import type { GridSet } from '@citygrid/core';
import type { CheckRequest, CheckResponse, ParentsMessage } from './coverage-worker.ts';

/** A finished check, with the round trip as the page saw it (clone + check + clone back). */
export type CheckResult = Extract<CheckResponse, { ok: true }> & { roundTripMs: number };

const DEFAULTS = {
  sliverWidth: 1, // m, as validateCoverage's default: narrower than a footpath, nobody patrols it
};

/** Runs checks in a worker; {@link check} resolves to null for a request overtaken by a newer one. */
export class CoverageClient {
  private seq = 0;
  private running: { seq: number; t0: number; resolve: (r: CheckResult | null) => void; reject: (e: Error) => void } | null = null;
  private waiting: { req: CheckRequest; resolve: (r: CheckResult | null) => void; reject: (e: Error) => void } | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly options: { sliverWidth?: number } = {},
  ) {
    worker.onmessage = (e: MessageEvent<CheckResponse>) => this.answered(e.data);
    worker.onerror = (e) => this.failed(new Error(`coverage worker: ${e.message}`));
  }

  /** The parent units for the hierarchy check of every later {@link check} (towns, district). */
  setParents(parents: GridSet | null): void {
    this.worker.postMessage({ type: 'parents', grids: parents?.grids ?? [] } satisfies ParentsMessage);
  }

  /** Checks a grid set. @returns the result, or null when a newer check was asked for meanwhile */
  check(gridSet: GridSet): Promise<CheckResult | null> {
    const req: CheckRequest = {
      type: 'check',
      seq: ++this.seq,
      grids: gridSet.grids,
      idField: gridSet.idField,
      sliverWidth: this.options.sliverWidth ?? DEFAULTS.sliverWidth,
    };
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { req, resolve, reject };
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const { req, resolve, reject } = this.waiting;
    this.waiting = null;
    this.running = { seq: req.seq, t0: performance.now(), resolve, reject };
    this.worker.postMessage(req);
  }

  private answered(res: CheckResponse): void {
    const run = this.running;
    if (!run || run.seq !== res.seq) return;
    this.running = null;
    if (res.ok) run.resolve(this.waiting ? null : { ...res, roundTripMs: performance.now() - run.t0 });
    else run.reject(new Error(res.error));
    this.pump();
  }

  private failed(err: Error): void {
    this.running?.reject(err);
    this.running = null;
    this.pump();
  }
}
