import { describe, expect, it } from 'vitest';
import type { CoverageProgress } from '@citygrid/core';
import { progressAfter } from '../commands/validate-progress.ts';

const at = (phase: CoverageProgress['phase'], done = 1, total = 1): CoverageProgress => ({ phase, done, total, unit: 'edges' });

describe('progressAfter', () => {
  it('shows nothing for a check under a second, and every phase of a longer one from the first event after a second', () => {
    let clock = 0;
    const seen: string[] = [];
    const meter = progressAfter(
      (p) => seen.push(p.phase),
      1000,
      () => clock,
    );
    meter(at('geometry'));
    clock = 900;
    meter(at('hashing'));
    expect(seen).toEqual([]);
    clock = 1100;
    meter(at('resolve', 0, 5000));
    meter(at('resolve', 1000, 5000));
    meter(at('done'));
    expect(seen).toEqual(['resolve', 'resolve', 'done']);
  });
});
