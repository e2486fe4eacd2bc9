// A worker thread of the geometry pool (geometry-pool.ts): runs GEOMETRY_TASKS by name, one
// at a time, and answers each with its value or its error (a CitygridError's problems travel
// as data, so the main thread answers the same catalogue error it would have raised itself).
import { parentPort } from 'node:worker_threads';
import { CitygridError } from '@citygrid/core';
import { GEOMETRY_TASKS, type GeometryTask } from './geometry-tasks.ts';

parentPort!.on('message', (message: { id: number; task: GeometryTask; args: unknown }) => {
  try {
    const value = (GEOMETRY_TASKS[message.task] as (args: unknown) => unknown)(message.args);
    parentPort!.postMessage({ id: message.id, value }, bytesOf(value));
  } catch (e) {
    const error =
      e instanceof CitygridError ? { problems: e.problems } : { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack };
    parentPort!.postMessage({ id: message.id, error });
  }
});

/** The buffers of a value's byte members (a written answer, repairAnswer's `json`): moved to the main thread, not copied. */
function bytesOf(value: unknown): ArrayBuffer[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap((v) =>
    v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer
      ? [v.buffer]
      : [],
  );
}
