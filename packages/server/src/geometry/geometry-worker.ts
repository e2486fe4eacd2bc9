// A worker thread of the geometry pool (geometry-pool.ts): runs GEOMETRY_TASKS by name, one
// at a time, and answers each with its value or its error (a CitygridError's problems travel
// as data, so the main thread answers the same catalogue error it would have raised itself).
import { parentPort } from 'node:worker_threads';
import { CitygridError } from '@citygrid/core';
import { GEOMETRY_TASKS, type GeometryTask } from './geometry-tasks.ts';

parentPort!.on('message', (message: { id: number; task: GeometryTask; args: unknown }) => {
  try {
    const value = (GEOMETRY_TASKS[message.task] as (args: unknown) => unknown)(message.args);
    parentPort!.postMessage({ id: message.id, value }, transferable(value));
  } catch (e) {
    const error =
      e instanceof CitygridError ? { problems: e.problems } : { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack };
    parentPort!.postMessage({ id: message.id, error });
  }
});

/**
 * The buffers of a value's top-level typed arrays (countMoves' cells, repairAnswer's `json`):
 * moved to the main thread, not copied. Only a buffer a view covers whole: a small Buffer may
 * sit in Node's shared pool, which moving would take from every other Buffer in it.
 */
function transferable(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  const whole = (v: unknown): v is ArrayBufferView & { buffer: ArrayBuffer } =>
    ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength;
  return [...new Set(Object.values(value).flatMap((v) => (whole(v) ? [v.buffer] : [])))];
}
