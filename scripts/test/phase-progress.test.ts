import { describe, expect, it } from 'vitest';
import { phaseProgress } from '../commands/phase-progress.ts';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream };
}

describe('phaseProgress', () => {
  it('in a log: one line per phase start and end, none in between', () => {
    const { out, stream } = fakeStream(false);
    const meter = phaseProgress('citygrid validate', stream);
    meter({ phase: 'geometry', done: 1000, total: 3000, unit: 'grids' });
    meter({ phase: 'geometry', done: 2000, total: 3000, unit: 'grids' });
    meter({ phase: 'geometry', done: 3000, total: 3000, unit: 'grids' });
    meter({ phase: 'done', done: 3000, total: 3000, unit: 'grids' });
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^citygrid validate: geometry 1,000\/3,000 grids \(33 %\), \d+\.\d s\n$/);
    expect(out[2]).toMatch(/^citygrid validate: done 3,000\/3,000 grids \(100 %\)/);
  });

  it('on a terminal: redraws one line, and ends it with a newline when done', () => {
    const { out, stream } = fakeStream(true);
    const meter = phaseProgress('citygrid repair', stream);
    meter({ phase: 'hashing', done: 10, total: 10, unit: 'edges' });
    meter({ phase: 'done', done: 5, total: 5, unit: 'grids' });
    expect(out.every((s) => s.startsWith('\r\x1b[K'))).toBe(true);
    expect(out[0].endsWith('\n')).toBe(false);
    expect(out[1].endsWith('\n')).toBe(true);
  });
});
