import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseContext } from '../../src/cases/case-context.ts';
import { allowedActions, applyAction, DEFAULT_PROFILE, openCase, overdue, overdueSpans, type CaseEvent } from '../../src/index.ts';

const ctx = caseContext(DEFAULT_PROFILE);
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
const opening = { id: 'c1', at: bj('2026-09-29T09:00'), category: '06010', department: 'cgj', grid_id: 'g1', reports: ['r1'] };
const by = (role: 'operator' | 'supervisor' | 'dispatcher' | 'inspector') => ({ role, grids: ['g1'] });

describe('overdueSpans', () => {
  it('spans from the stage due time until the late step, and until now for a case still late', () => {
    const events: CaseEvent[] = [
      { action: 'accept', at: bj('2026-09-29T09:20'), actor: by('operator') },
      { action: 'join', at: bj('2026-09-29T09:30'), actor: by('operator') },
      { action: 'register', at: bj('2026-09-29T10:00'), actor: by('supervisor') },
      // registered has 1 working hour to dispatch: due 11:00, dispatched the next morning.
      { action: 'dispatch', at: bj('2026-09-30T10:00'), actor: by('dispatcher') },
    ];
    const now = bj('2026-10-20T12:00');
    const spans = overdueSpans(opening, events, ctx, now);
    expect(spans[0]).toEqual([bj('2026-09-29T11:00'), bj('2026-09-30T10:00')]);
    // Dispatched with 2 working days across 国庆 (10-09 18:00), never handled: late until now.
    expect(spans[1]).toEqual([bj('2026-10-09T18:00'), now]);
    expect(spans).toHaveLength(2);
  });

  it('has no span for a case handled in time, and stops at an event the workflow refuses', () => {
    const inTime: CaseEvent[] = [{ action: 'accept', at: bj('2026-09-29T09:20'), actor: by('operator') }];
    expect(overdueSpans(opening, inTime, ctx, bj('2026-09-29T09:30'))).toEqual([]);
    const refused: CaseEvent[] = [{ action: 'close', at: bj('2026-09-29T09:20'), actor: by('supervisor') }];
    expect(overdueSpans(opening, refused, ctx, bj('2026-12-01T00:00'))).toEqual([]);
  });
});

describe('overdueSpans on random legal histories', () => {
  const admin = { role: 'admin' as const };
  // A random walk through the default workflow: any allowed action after 0–80 hours, with the
  // fields it needs (merge is left out: it needs another case).
  const history = fc.array(fc.tuple(fc.nat(1000), fc.integer({ min: 0, max: 80 * 60 })), { minLength: 1, maxLength: 25 }).map((steps) => {
    let state = openCase(opening, ctx);
    let at = opening.at;
    const events: CaseEvent[] = [];
    const lateAt: number[] = [];
    for (const [pick, minutes] of steps) {
      const actions = allowedActions(state, ctx).filter((a) => a !== 'merge');
      if (!actions.length) break;
      at += minutes * 60_000;
      const event: CaseEvent = { action: actions[pick % actions.length], at, actor: admin, note: '…', hours: 8, department: 'cgj' };
      if (overdue(state, at)) lateAt.push(at);
      const next = applyAction(state, event, ctx);
      if (!next.ok) throw new Error(next.problem.message);
      events.push(event);
      state = next.state;
    }
    return { events, lateAt, end: at };
  });

  it('gives sorted, disjoint spans that cover every moment a step was taken late, and nothing before the opening', () => {
    fc.assert(
      fc.property(history, ({ events, lateAt, end }) => {
        const spans = overdueSpans(opening, events, ctx, end);
        spans.forEach(([from, to], i) => {
          expect(from).toBeGreaterThanOrEqual(opening.at);
          expect(to).toBeGreaterThan(from);
          if (i > 0) expect(from).toBeGreaterThan(spans[i - 1][1]);
        });
        for (const t of lateAt) expect(spans.some(([from, to]) => from < t && t <= to)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
