import { describe, expect, test } from 'vitest';
import { IntakeQueue } from '../../src/cases/intake-queue.ts';
import type { Database } from '../../src/db/database.ts';

/** A database that only records the cursor writes. */
function cursorDb() {
  const cursor: number[] = [];
  const conn = {
    run: async (_sql: string, params: { seq: bigint }) => {
      cursor.push(Number(params.seq));
    },
  };
  const db = { write: (fn: (c: unknown) => Promise<unknown>) => fn(conn) } as unknown as Database;
  return { db, cursor };
}

describe('IntakeQueue', () => {
  test('moves the cursor past each pass that wrote cases, in report order', async () => {
    const { db, cursor } = cursorDb();
    const passes: string[][] = [];
    const queue = new IntakeQueue(db, async (ids) => {
      passes.push([...ids]);
      return true;
    });
    queue.add([
      { id: 'a', seq: 1 },
      { id: 'b', seq: 2 },
    ]);
    await queue.settle();
    queue.add([{ id: 'c', seq: 3 }], new Set(['c']));
    queue.add([{ id: 'd', seq: 4 }]);
    await queue.settle();
    expect(passes).toEqual([['a', 'b'], ['d']]);
    expect(cursor).toEqual([2, 4]);
  });

  test('after a failed pass the cursor never moves again, so the next start takes that pass in again', async () => {
    const { db, cursor } = cursorDb();
    let calls = 0;
    const queue = new IntakeQueue(db, async () => {
      calls++;
      if (calls === 2) throw new Error('disk full');
      return true;
    });
    queue.add([{ id: 'a', seq: 1 }]);
    await queue.settle();
    queue.add([{ id: 'b', seq: 2 }]);
    await queue.settle();
    queue.add([{ id: 'c', seq: 3 }]);
    await queue.settle();
    expect(queue.lastError?.message).toBe('disk full');
    expect(cursor).toEqual([1]);
  });
});
