/**
 * The index's big typed arrays, carved from one ArrayBuffer allocated at once, plus one
 * scratch buffer allocated in the same breath.
 *
 * Why: V8 counts ArrayBuffers as external memory, and every ~64 MB of it allocated apart sets
 * off a full collection that marks the whole JS heap again, including the caller's nested
 * GeoJSON arrays (~0.7 s per collection at 100k grids). Allocated back to back they set off
 * one. A request the arena cannot hold gets its own array: slower, never wrong.
 */
export class Arena {
  private readonly buffer: ArrayBuffer;
  private used = 0;
  /** Scratch for the build only: not kept by the index, so not in `buffer`. */
  readonly scratch: Int32Array;

  /** `ints` Int32 slots for arrays the index keeps, `scratchInts` for the build's scratch. */
  constructor(ints: number, scratchInts: number) {
    this.buffer = new ArrayBuffer(4 * ints);
    this.scratch = new Int32Array(scratchInts);
  }

  /** A zeroed Int32Array of n elements, from the arena while it has room. */
  int32(n: number): Int32Array {
    if (4 * (this.used + n) > this.buffer.byteLength) return new Int32Array(n);
    const a = new Int32Array(this.buffer, 4 * this.used, n);
    this.used += n;
    return a;
  }
}
