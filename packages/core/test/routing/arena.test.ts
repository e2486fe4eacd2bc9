import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/routing/arena.ts';

describe('Arena', () => {
  it('carves disjoint zeroed views from one buffer, and gives a request it cannot hold its own array', () => {
    const arena = new Arena(10, 4);
    expect(arena.scratch.length).toBe(4);
    const a = arena.int32(6);
    const b = arena.int32(4);
    expect(a.buffer).toBe(b.buffer);
    a.fill(7);
    expect([...b]).toEqual([0, 0, 0, 0]);
    b.fill(9);
    expect([...a]).toEqual([7, 7, 7, 7, 7, 7]);
    const c = arena.int32(1); // full: a separate array
    expect(c.buffer).not.toBe(a.buffer);
    expect([...c]).toEqual([0]);
    expect(arena.int32(0).length).toBe(0);
  });
});
