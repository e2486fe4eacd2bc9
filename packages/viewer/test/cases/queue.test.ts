import { DEFAULT_WORKFLOW } from '@citygrid/core';
import { describe, expect, it } from 'vitest';
import { casesOfTab, countByStage, firstTab, moveSelection, sortQueue, tabCounts } from '../../src/cases/queue.ts';
import { openStages } from '../../src/cases/workflow.ts';
import { servedCase } from './fixtures.ts';

const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h)).toISOString();

describe('sortQueue', () => {
  it('puts overdue cases first, the most overdue on top, then the soonest due, then those without a limit', () => {
    const cases = [
      servedCase({ id: 'later', due_at: at(9) }),
      servedCase({ id: 'none', due_at: null, time_left_ms: null }),
      servedCase({ id: 'late-1h', due_at: at(2), overdue: true }),
      servedCase({ id: 'soon', due_at: at(4) }),
      servedCase({ id: 'late-3h', due_at: at(0), overdue: true }),
    ];
    expect(sortQueue(cases).map((c) => c.id)).toEqual(['late-3h', 'late-1h', 'soon', 'later', 'none']);
  });
  it('breaks ties by id, so the order is stable between refreshes', () => {
    const cases = [servedCase({ id: 'b' }), servedCase({ id: 'a' }), servedCase({ id: 'c' })];
    expect(sortQueue(cases).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(sortQueue([...cases].reverse()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
  it('does not reorder its input', () => {
    const cases = [servedCase({ id: 'b' }), servedCase({ id: 'a' })];
    sortQueue(cases);
    expect(cases.map((c) => c.id)).toEqual(['b', 'a']);
  });
});

describe('tabs', () => {
  const cases = [
    servedCase({ id: '1', stage: 'reported', allowed_actions: ['accept', 'merge'] }),
    servedCase({ id: '2', stage: 'reported', allowed_actions: ['accept', 'merge'], overdue: true, due_at: at(0) }),
    servedCase({ id: '3', stage: 'dispatched' }),
  ];
  it('counts "mine" (actions the key may take now) and every open stage, zeros included, in workflow order', () => {
    expect(tabCounts(cases, openStages(DEFAULT_WORKFLOW))).toEqual([
      ['mine', 2],
      ['reported', 2],
      ['accepted', 0],
      ['registered', 0],
      ['dispatched', 1],
      ['handled', 0],
      ['verified', 0],
    ]);
  });
  it('"mine" holds the cases with allowed actions, overdue first', () => {
    expect(casesOfTab(cases, 'mine').map((c) => c.id)).toEqual(['2', '1']);
    expect(casesOfTab(cases, 'dispatched').map((c) => c.id)).toEqual(['3']);
  });
  it('opens on "mine" when the key has work, else on the first stage with cases', () => {
    expect(firstTab(tabCounts(cases, ['reported', 'dispatched']))).toBe('mine');
    expect(
      firstTab([
        ['mine', 0],
        ['reported', 0],
        ['dispatched', 4],
      ]),
    ).toBe('dispatched');
    expect(firstTab([['mine', 0]])).toBe('mine');
  });
  it('counts per stage with the overdue among them (the wall panel)', () => {
    expect(countByStage(cases, ['reported', 'dispatched'])).toEqual([
      { stage: 'reported', count: 2, overdue: 1 },
      { stage: 'dispatched', count: 1, overdue: 0 },
    ]);
  });
});

describe('moveSelection', () => {
  const rows: [number, number, number, number, string][] = [
    [0, 1, 5, 1, 'j moves down'],
    [4, 1, 5, 4, 'j stops at the last'],
    [0, -1, 5, 0, 'k stops at the first'],
    [-1, 1, 5, 0, 'j with nothing selected takes the first'],
    [3, -1, 0, -1, 'an empty queue selects nothing'],
    [9, -1, 3, 2, 'a selection past a shrunk queue comes back inside'],
  ];
  it.each(rows)('moveSelection(%i, %i, %i) = %i (%s)', (i, step, n, expected) => expect(moveSelection(i, step, n)).toBe(expected));
});
