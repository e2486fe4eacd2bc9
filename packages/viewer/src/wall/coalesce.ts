/**
 * Runs `run` once after a burst of `poke()` calls: `quietMs` after the last poke, but never later
 * than `maxMs` after the first one, so a steady stream of live reports still refreshes the wall's
 * rankings every `maxMs` instead of never.
 * @example const refresh = coalesce(() => void reload(), { quietMs: 2000, maxMs: 10000 }); refresh.poke();
 */
export function coalesce(run: () => void, { quietMs, maxMs }: { quietMs: number; maxMs: number }, now: () => number = () => Date.now()) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let first = 0;
  const fire = () => {
    timer = null;
    run();
  };
  return {
    /** Something happened: (re)arm the timer. */
    poke(): void {
      const t = now();
      if (timer === null) first = t;
      else clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, first + maxMs - t)));
    },
    /** Forget a pending run (a full refresh is on its way anyway). */
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
