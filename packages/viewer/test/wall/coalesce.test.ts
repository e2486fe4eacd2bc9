import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../src/wall/coalesce.ts';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, quietMs after the last poke of a burst', () => {
    const run = vi.fn();
    const c = coalesce(run, { quietMs: 2000, maxMs: 10_000 });
    c.poke();
    vi.advanceTimersByTime(1500);
    c.poke();
    vi.advanceTimersByTime(1999);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at most maxMs after the first poke while pokes keep coming', () => {
    const run = vi.fn();
    const c = coalesce(run, { quietMs: 2000, maxMs: 10_000 });
    for (let t = 0; t < 25_000; t += 1000) {
      c.poke();
      vi.advanceTimersByTime(1000);
    }
    // 25 s of a report a second: runs at 10 s and 20 s, the next is pending.
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('cancel drops the pending run', () => {
    const run = vi.fn();
    const c = coalesce(run, { quietMs: 100, maxMs: 1000 });
    c.poke();
    c.cancel();
    vi.advanceTimersByTime(5000);
    expect(run).not.toHaveBeenCalled();
  });
});
