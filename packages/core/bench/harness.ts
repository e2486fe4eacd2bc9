// Shared by bench/*.bench.ts: timing with warm-up and repetitions, summary statistics, a sink
// against dead-code elimination, and memory deltas (needs node --expose-gc; `pnpm bench` sets it).
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
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

/**
 * How many items a pass should cover to take about `targetMs`: runs `run(n)` on 100, 400, 1,600 …
 * items until one run takes ≥ 200 ms (these runs double as warm-up), then scales; at most `maxN`,
 * rounded to two significant digits. For baselines too slow to run on every point.
 */
export function calibrate(run: (n: number) => number, maxN: number, targetMs: number): number {
  for (let n = Math.min(100, maxN); ; n = Math.min(maxN, n * 4)) {
    const t0 = performance.now();
    sink.value += run(n);
    const ms = performance.now() - t0;
    if (n >= maxN) return maxN;
    if (ms >= 200) {
      const want = (n * targetMs) / ms;
      const unit = 10 ** Math.max(0, Math.floor(Math.log10(want)) - 1);
      return Math.min(maxN, Math.max(1, Math.round(want / unit) * unit));
    }
  }
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
 * collection before and one after the builds (the results are still referenced then), divided
 * by `copies`. Several copies drown the ±0.3 MB the heap moves by itself (bytecode flushing,
 * feedback) when one copy is small.
 */
export function retainedBytes<T>(build: () => T, copies = 1): { value: T; bytes: number } {
  const before = memoryNow();
  const values: T[] = [];
  for (let i = 0; i < copies; i++) values.push(build());
  const bytes = (memoryNow() - before) / copies;
  return { value: values[0], bytes };
}

/** One line with what the numbers depend on: CPU, cores, memory, node, V8 flags, date. */
export function machineFacts(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch {
    // not Linux: os.cpus() is the best we have
  }
  const caches: string[] = [];
  for (let i = 0; i < 8; i++) {
    try {
      const dir = `/sys/devices/system/cpu/cpu0/cache/index${i}`;
      const level = readFileSync(`${dir}/level`, 'utf8').trim();
      if (level !== '1') caches.push(`L${level} ${readFileSync(`${dir}/size`, 'utf8').trim()}`);
    } catch {
      break; // no more cache levels, or not Linux
    }
  }
  const flags = process.execArgv.filter((a) => a.startsWith('--') && a !== '--import' && !a.includes('tsx')).join(' ');
  return [
    `CPU ${model}${caches.length ? ` (${caches.join(', ')})` : ''}`,
    `nproc ${availableParallelism()}`,
    `RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `node ${process.version}${flags ? ` (${flags})` : ''}`,
    `${process.platform}/${process.arch}`,
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at start`,
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
