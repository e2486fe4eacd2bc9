/**
 * A zeroed buffer for the index's big arrays: a SharedArrayBuffer where the runtime has one,
 * else an ArrayBuffer.
 *
 * Why: V8 counts ArrayBuffer memory as external memory, and every ~64 MB of it allocated sets
 * off a full collection that marks the whole JS heap again, the caller's nested GeoJSON arrays
 * included (0.7–1 s per collection at 100k grids, `--trace-gc`). SharedArrayBuffer memory is
 * not counted (node 20: 200 MB allocated under a 0.8 GB heap of nested arrays took 1.27 s as
 * an ArrayBuffer, with a 0.9 s mark-compact, and 0.63 s shared, with none). Plain reads and
 * writes of a shared typed array compile the same. The price: memory the runtime does not
 * count does not hasten a collection either, so a dropped router's arrays are freed at the
 * next collection that something else sets off. Browsers without cross-origin isolation have
 * no SharedArrayBuffer: the build is then slower, the answers the same.
 */
export function indexBuffer(bytes: number): ArrayBuffer {
  return typeof SharedArrayBuffer === 'function' ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes);
}

/**
 * The index's big typed arrays, carved from one {@link indexBuffer} allocated at once, plus one
 * scratch buffer allocated in the same breath. A request the arena cannot hold gets its own
 * array: slower, never wrong.
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private used = 0;
  /** Scratch for the build only: not kept by the index, so not in `buffer`. */
  readonly scratch: Int32Array;

  /** `ints` Int32 slots for arrays the index keeps, `scratchInts` for the build's scratch. */
  constructor(ints: number, scratchInts: number) {
    this.buffer = indexBuffer(4 * ints);
    this.scratch = new Int32Array(indexBuffer(4 * scratchInts));
  }

  /** A zeroed Int32Array of n elements, from the arena while it has room. */
  int32(n: number): Int32Array {
    if (4 * (this.used + n) > this.buffer.byteLength) return new Int32Array(n);
    const a = new Int32Array(this.buffer, 4 * this.used, n);
    this.used += n;
    return a;
  }
}
