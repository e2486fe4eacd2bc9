import type { Result, SqlValue } from './connection.ts';

/** The first three columns of a `lon, lat, <integer>, …` result as typed arrays. */
export interface Points {
  /** Interleaved `[lon, lat, …]`, WGS84 degrees: what `routeBatch` takes. */
  coords: Float64Array;
  /** The third column (a grid's ord or index; −1 for none). */
  ords: Int32Array;
  /** Any column of row `k`, for the few rows that need more than the numbers. */
  at(k: number, column: number): SqlValue;
}

/**
 * Copies a materialized result's positions and grid column into typed arrays, chunk by chunk,
 * without building a JS object or array per row (what `getColumnsJS` does, 10× slower on 1M
 * rows with strings).
 */
export function readPoints(result: Result): Points {
  const coords = new Float64Array(2 * result.rowCount);
  const ords = new Int32Array(result.rowCount);
  const starts: number[] = [];
  for (let c = 0, k = 0; c < result.chunkCount; c++) {
    starts.push(k);
    k = copyChunk(result, c, coords, ords, k);
  }
  // Rows are usually asked for in order: the last chunk's vector is kept (getColumnVector
  // crosses into native code every time).
  let last = { chunk: -1, column: -1, vector: null as ReturnType<ReturnType<typeof result.getChunk>['getColumnVector']> | null };
  const at = (row: number, column: number): SqlValue => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    if (last.chunk !== lo || last.column !== column) last = { chunk: lo, column, vector: result.getChunk(lo).getColumnVector(column) };
    return last.vector!.getItem(row - starts[lo]);
  };
  return { coords, ords, at };
}

/**
 * {@link readPoints}' arrays, without `at`, copied `chunksPerSlice` chunks (2,048 rows each) at
 * a time with a yield to the event loop between slices: 1M rows copied in one go held every
 * request for 80–190 ms. The arrays are fresh and unshared, so they can be transferred to a
 * worker. With `withIds`, the fourth column (a number: a rowid cast to DOUBLE, say) comes back
 * as `ids`.
 * @example const { coords, ords } = await readPointsInSlices(await conn.run(sql), 32);
 */
export async function readPointsInSlices(
  result: Result,
  chunksPerSlice: number,
  withIds = false,
): Promise<Pick<Points, 'coords' | 'ords'> & { ids?: Float64Array }> {
  const coords = new Float64Array(2 * result.rowCount);
  const ords = new Int32Array(result.rowCount);
  const ids = withIds ? new Float64Array(result.rowCount) : undefined;
  for (let c = 0, k = 0; c < result.chunkCount; c++) {
    if (c > 0 && c % chunksPerSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    k = copyChunk(result, c, coords, ords, k, ids);
  }
  return ids ? { coords, ords, ids } : { coords, ords };
}

/** Copies chunk `c`'s first three columns (four with `ids`) to the arrays from row `k`; returns the next row. */
function copyChunk(result: Result, c: number, coords: Float64Array, ords: Int32Array, k: number, ids?: Float64Array): number {
  const chunk = result.getChunk(c);
  const lon = chunk.getColumnVector(0);
  const lat = chunk.getColumnVector(1);
  const ord = chunk.getColumnVector(2);
  const id = ids && chunk.getColumnVector(3);
  for (let i = 0; i < chunk.rowCount; i++, k++) {
    coords[2 * k] = lon.getItem(i) as number;
    coords[2 * k + 1] = lat.getItem(i) as number;
    ords[k] = ord.getItem(i) as number;
    if (id) ids![k] = id.getItem(i) as number;
  }
  return k;
}
