import { describe, expect, it } from 'vitest';
import { splitGrid } from '@citygrid/core';
import { History } from '../../src/plan/history.ts';
import { decodeHistory, encodeHistory } from '../../src/plan/history-codec.ts';
import { moveVertex } from '@citygrid/core';
import { sixGrids } from './fixtures.ts';

describe('History', () => {
  it('undoes and redoes, and a new edit after an undo drops what could be redone', () => {
    const h = new History({ state: 0, label: 'start' });
    h.push(1, 'one');
    h.push(2, 'two');
    expect(h.undoLabel()).toBe('two');
    expect(h.undo()).toBe(true);
    expect(h.present).toBe(1);
    expect(h.redoLabel()).toBe('two');
    expect(h.redo()).toBe(true);
    expect(h.present).toBe(2);
    h.undo();
    h.push(3, 'three');
    expect(h.canRedo()).toBe(false);
    expect(h.snapshot().steps.map((s) => s.state)).toEqual([0, 1, 3]);
  });

  it('does nothing past either end', () => {
    const h = new History({ state: 'a', label: 'a' });
    expect(h.undo()).toBe(false);
    expect(h.redo()).toBe(false);
    expect(h.undoLabel()).toBeNull();
    expect(h.present).toBe('a');
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new History({ state: 0, label: '0' }, { limit: 3 });
    for (let i = 1; i <= 5; i++) h.push(i, String(i));
    expect(h.snapshot().steps.map((s) => s.state)).toEqual([3, 4, 5]);
    expect(h.position).toBe(2);
  });

  it('is rebuilt from steps and a position', () => {
    const h = History.from(
      [
        { state: 'a', label: 'a' },
        { state: 'b', label: 'b' },
      ],
      0,
    );
    expect(h.present).toBe('a');
    expect(h.redo()).toBe(true);
    expect(() => History.from([], 0)).toThrow(/at least one step/);
    expect(() => History.from([{ state: 'a', label: 'a' }], 1)).toThrow(/outside/);
  });
});

describe('encodeHistory / decodeHistory', () => {
  it('stores each grid object once, and decodes to steps that share grids again', () => {
    const g0 = sixGrids();
    const g1 = splitGrid(g0, 'HB-1-1', [
      [108.999, 32.705],
      [109.011, 32.705],
    ]);
    const g2 = moveVertex(g1, [109.02, 32.71], [109.021, 32.711]).gridSet;
    const h = new History({ state: { gridSet: g0 }, label: '载入版本 1' });
    h.push({ gridSet: g1 }, '拆分');
    h.push({ gridSet: g2 }, '移动');
    h.undo();
    const rec = encodeHistory(h.snapshot(), { baseVersion: 1, saved: { version: 2, at: 1 }, updated: 5 });
    // 6 + split (2 pieces + neighbour HB-1-2 with the crossing point) + move (4 grids)
    expect(rec.pool.length).toBe(6 + 3 + 4);
    const back = structuredClone(rec);
    const d = decodeHistory(back);
    expect(d).toMatchObject({ at: 1, baseVersion: 1, saved: { version: 2, at: 1 }, updated: 5 });
    expect(d.steps.map((s) => s.label)).toEqual(['载入版本 1', '拆分', '移动']);
    expect(d.steps[1].state.gridSet.grids.map((g) => g.id)).toEqual(g1.grids.map((g) => g.id));
    expect(d.steps[1].state.gridSet.byId.get('HB-2-3')).toBe(d.steps[0].state.gridSet.byId.get('HB-2-3'));
    expect(d.steps[2].state.gridSet.byId.get('HB-1-2')!.geometry).toEqual(g2.byId.get('HB-1-2')!.geometry);
  });

  it('says what is wrong with a record it did not write', () => {
    expect(() => decodeHistory({ format: 2 })).toThrow(/format 1/);
    expect(() => decodeHistory({ format: 1, pool: [], steps: [{ label: 'x', grids: [3] }], at: 0 })).toThrow(/names grid #3/);
  });
});
