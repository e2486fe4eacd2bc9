import { describe, expect, test } from 'vitest';
import { GATHER_MS, GroupCommit } from '../../src/db/group-commit.ts';
import { Mutex } from '../../src/db/mutex.ts';
import type { Connection } from '../../src/db/connection.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A GroupCommit over a lock whose writes take `writeMs`, recording each group's size. */
function groupsOf(writeMs: number) {
  const lock = new Mutex();
  const sizes: number[] = [];
  const starts: number[] = [];
  const group = new GroupCommit<() => void>(
    (run) => lock.run(() => run({} as Connection)),
    async (_conn, items) => {
      starts.push(performance.now());
      sizes.push(items.length);
      await sleep(writeMs);
      for (const answer of items) answer();
    },
    () => undefined,
  );
  const send = () => new Promise<void>((resolve) => group.add(resolve));
  return { send, sizes, starts };
}

describe('GroupCommit', () => {
  test('an idle store writes a request at once, without gathering', async () => {
    const { send, sizes, starts } = groupsOf(0);
    await sleep(3 * GATHER_MS);
    const sent = performance.now();
    await send();
    expect(sizes).toEqual([1]);
    expect(starts[0] - sent).toBeLessThan(GATHER_MS);
  });

  test('n clients that resend a few event-loop turns apart keep falling into groups of n, not 1 and n − 1', async () => {
    const { send, sizes } = groupsOf(3);
    const clients = 8;
    // Client i resends i turns after its answer, as requests parsed one after another would.
    const client = async (i: number) => {
      for (let k = 0; k < 30; k++) {
        for (let w = 0; w < i; w++) await turn();
        await send();
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
    const full = sizes.filter((n) => n === clients).length;
    // Every write but a few (the first, and any the machine stalled past GATHER_MS) holds all 8.
    expect(full / sizes.length).toBeGreaterThan(0.7);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(clients * 30);
  });

  // Timing-based: a machine busy elsewhere can stretch the spread past GATHER_MS now and then;
  // a gather that does not work splits every cycle, and fails every try.
  test('clients whose resends spread over milliseconds, as over HTTP, merge into one group per cycle', { retry: 2 }, async () => {
    const { send, sizes } = groupsOf(3);
    const clients = 8;
    // Client i resends 0.15·i ms after its answer (each request's parsing and checks before
    // it): the first finds the writer idle, and without gathering every cycle splits in two.
    const client = async (i: number) => {
      for (let k = 0; k < 40; k++) {
        const at = performance.now() + 0.15 * i;
        while (performance.now() < at) await turn();
        await send();
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
    const writes = sizes.length;
    // One write per cycle would be 40; a split into two every cycle, 80.
    expect(writes).toBeLessThan(1.3 * 40);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(clients * 40);
  });
});
