// Shared by bench/*.bench.ts: timing with warm-up and repetitions, summary statistics, a sink
// against dead-code elimination, and memory deltas (needs node --expose-gc; `pnpm bench` sets it).
import { availableParallelism, cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

/** Everything a timed function returns is added here and printed at the end, so no work is dead. */
export const sink = { value: 0 };

export interface Stats {
  min: number;
  max: number;
  mean: number;
  std: number;
  median: number;
}

/** min, max, mean, (sample) standard deviation and median of some numbers. */
export function stats(xs: number[]): Stats {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const std = n > 1 ? Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { min: sorted[0], max: sorted[n - 1], mean, std, median };
}

/**
 * Milliseconds per run of `run` over `reps` repetitions, after `warmups` untimed runs (the JIT
 * compiles during those). Each run's return value goes to the sink.
 */
export function timeRuns(run: () => number, reps: number, warmups = 1): number[] {
  for (let i = 0; i < warmups; i++) sink.value += run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    sink.value += run();
    times.push(performance.now() - t0);
  }
  return times;
}

const collect = (globalThis as { gc?: () => void }).gc;

/** True when the process was started with --expose-gc, so memory deltas are meaningful. */
export const canMeasureMemory = typeof collect === 'function';

/** Bytes on the JS heap plus ArrayBuffer backing stores, after a full collection. */
export function memoryNow(): number {
  collect?.();
  collect?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Builds something and reports the bytes it keeps alive: the heap + ArrayBuffer delta between a
 * collection before and one after the build (the result is still referenced then).
 */
export function retainedBytes<T>(build: () => T): { value: T; bytes: number } {
  const before = memoryNow();
  const value = build();
  const bytes = memoryNow() - before;
  return { value, bytes };
}

/** One line with what the numbers depend on: CPU, cores, memory, node, V8 flags, date. */
export function machineFacts(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux: os.cpus() is the best we have
  }
  const flags = process.execArgv.filter((a) => a.startsWith('--') && a !== '--import' && !a.includes('tsx')).join(' ');
  return [
    `CPU ${model}`,
    `nproc ${availableParallelism()}`,
    `RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `node ${process.version}${flags ? ` (${flags})` : ''}`,
    `${process.platform}/${process.arch}`,
    new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  ].join(', ');
}

/** 1234567 → '1,234,567'. */
export const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** A number with `digits` significant digits, no exponent for the ranges we print. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const d = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return x.toLocaleString('en-US', { minimumFractionDigits: Math.min(d, 6), maximumFractionDigits: Math.min(d, 6) });
}
