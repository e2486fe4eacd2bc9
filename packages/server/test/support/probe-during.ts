import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Sends each of `probes` in turn, round and round, while `work` runs, timing every answer,
 * and tracks the event loop's own delay, which catches a block between two requests too: what
 * issue 19's "never blocked" tests measure. A probe answered with an error status throws.
 * @example const { times, maxDelayMs } = await probeDuring(() => fetch(impactUrl), { health: () => fetch(`${base}/health`) });
 */
export async function probeDuring<T>(
  work: () => Promise<T>,
  probes: Record<string, () => Promise<Response>>,
): Promise<{ value: T; ms: number; times: Record<string, number[]>; maxDelayMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  let done = false;
  const started = performance.now();
  delay.enable();
  const running = work().finally(() => {
    done = true;
  });
  while (!done) {
    for (const [name, probe] of Object.entries(probes)) {
      const t0 = performance.now();
      const res = await probe();
      if (!res.ok) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
      times[name].push(performance.now() - t0);
    }
  }
  const value = await running;
  const ms = performance.now() - started;
  delay.disable();
  return { value, ms, times, maxDelayMs: delay.max / 1e6 };
}

/**
 * A function that POSTs a new report (ids `during-0`, `during-1` …) to the server at `base`.
 * @example const post = reportPoster(base); expect((await post()).status).toBe(201);
 */
export function reportPoster(base: string): (() => Promise<Response>) & { sent(): number } {
  let n = 0;
  const post = () =>
    fetch(`${base}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: `during-${n++}`, lon: 109.2, lat: 32.9, category: '06010', source: '12345' }),
    });
  return Object.assign(post, { sent: () => n });
}
