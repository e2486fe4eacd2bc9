import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from '@citygrid/core';
import { problem, serverError } from '../errors/catalogue.ts';
import type { GEOMETRY_TASKS, GeometryTask } from './geometry-tasks.ts';

type Args<K extends GeometryTask> = Parameters<(typeof GEOMETRY_TASKS)[K]>[0];
type Value<K extends GeometryTask> = ReturnType<(typeof GEOMETRY_TASKS)[K]>;

/** Options of {@link GeometryPool.run}. */
export interface RunOptions {
  /** Buffers of `args` to move to the worker rather than copy (they are unusable here afterwards). */
  transfer?: ArrayBuffer[];
  /** The catalogue error a task past the time limit answers: CG_ERR_CHECK_TIMEOUT unless said. */
  timeoutCode?: 'CG_ERR_CHECK_TIMEOUT' | 'CG_ERR_IMPACT_TIMEOUT' | 'CG_ERR_PUBLISH_TIMEOUT';
}

interface Job extends RunOptions {
  id: number;
  task: GeometryTask;
  args: unknown;
  what: string;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

// The worker is TypeScript like the rest of the server: a two-line bootstrap loads it through
// tsx's API, as the CLI and the tests load the server, whatever the parent was started with
// (node 20 does not apply an --import loader to a worker's own entry file).
const WORKER = new URL('./geometry-worker.ts', import.meta.url).href;
// tsx/esm/api resolves to its .cjs under require(), whose own import of the ESM half breaks
// from an eval'd worker: the .mjs beside it is the ESM entry.
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(import.meta.url)}));`;

/** Options of {@link GeometryPool}. */
export interface GeometryPoolOptions {
  /** Worker threads; default the machine's cores (os.availableParallelism()). */
  size?: number;
  /** How long one task may run before its worker is stopped and it answers CG_ERR_CHECK_TIMEOUT (or the task's own code); default 120 000 ms. */
  timeoutMs?: number;
}

/**
 * Worker threads for the heavy geometry (coverage validation and repair of an import, diffs,
 * the routing of an impact's reports): a 290 KB real file checks for tens of seconds, and on
 * the main thread that froze every request meanwhile. Tasks queue for a free worker (started
 * on first use, one per core by default); a task running past `timeoutMs` has its worker
 * terminated (and replaced) and answers 503 CG_ERR_CHECK_TIMEOUT (or the code it was run
 * with) and the fix. Intake, reads and /health keep answering.
 *
 * @example const { coverage } = await pool.run('checkGrids', { body, idField: 'id', context: {}, keep: false }, 'checking 2 grids');
 */
export class GeometryPool {
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  /** A pool of `size` workers (started when first needed) and a per-task time limit. */
  constructor(options: GeometryPoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? availableParallelism());
    this.#timeoutMs = options.timeoutMs ?? 120_000;
  }

  /**
   * Runs a task of GEOMETRY_TASKS on a worker once one is free; `what` names it in a timeout's message.
   * `transfer` lists buffers of `args` to move to the worker rather than copy (a big body's bytes:
   * unusable here afterwards).
   * @example await pool.run('diffGrids', { from, to }, 'the diff of versions 1 and 2')
   */
  run<K extends GeometryTask>(task: K, args: Args<K>, what: string, options: RunOptions = {}): Promise<Value<K>> {
    if (this.#closed) return Promise.reject(new Error('the geometry pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({
        id: this.#nextId++,
        task,
        args,
        what,
        ...options,
        transfer: options.transfer ?? [],
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.#dispatch();
    });
  }

  /** Tasks waiting for a worker and tasks running, for tests and logs. No I/O. */
  load(): { queued: number; running: number } {
    return { queued: this.#queue.length, running: this.#slots.filter((s) => s.job).length };
  }

  /**
   * Stops every worker; queued and running tasks reject. Idempotent.
   * @example await pool.close();
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Error('the geometry pool is closed');
    for (const job of this.#queue.splice(0)) job.reject(closed);
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(closed);
        return slot.worker.terminate();
      }),
    );
  }

  #dispatch(): void {
    while (this.#queue.length) {
      let slot = this.#slots.find((s) => !s.job);
      if (!slot && this.#slots.length < this.#size) slot = this.#start();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.#timeout(slot), this.#timeoutMs);
      slot.worker.postMessage({ id: job.id, task: job.task, args: job.args }, job.transfer);
    }
  }

  #start(): Slot {
    const worker = new Worker(BOOTSTRAP, { eval: true });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (message: { id: number; value?: unknown; error?: { problems?: Problem[]; message?: string; stack?: string } }) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      this.#finish(slot);
      if (!message.error) job.resolve(message.value);
      else if (message.error.problems) job.reject(serverError(message.error.problems as never));
      else job.reject(Object.assign(new Error(message.error.message), { stack: message.error.stack }));
    });
    // A worker that dies (out of memory, a crash in a native module) fails its task; the next task starts a fresh one.
    worker.on('error', (e) => this.#lost(slot, e));
    worker.on('exit', (code) => this.#lost(slot, new Error(`a geometry worker exited with code ${code}`)));
    worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    queueMicrotask(() => this.#dispatch());
  }

  #timeout(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.#remove(slot);
    void slot.worker.terminate();
    job.reject(serverError([problem(job.timeoutCode ?? 'CG_ERR_CHECK_TIMEOUT', {}, job.what, this.#timeoutMs / 1000)]));
    this.#dispatch();
  }

  #lost(slot: Slot, error: Error): void {
    if (!this.#slots.includes(slot)) return;
    const job = slot.job;
    this.#remove(slot);
    job?.reject(error);
    if (!this.#closed) this.#dispatch();
  }

  #remove(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
  }
}
