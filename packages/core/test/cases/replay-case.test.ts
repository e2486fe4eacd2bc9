import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../src/cases/apply-action.ts';
import { caseContext } from '../../src/cases/case-context.ts';
import { overdue } from '../../src/cases/case-state.ts';
import { replayCase } from '../../src/cases/replay-case.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';

const ctx = caseContext(DEFAULT_PROFILE);
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
const opening = { id: 'c1', at: bj('2026-09-29T09:00'), category: '06010', department: 'cgj', grid_id: 'g1', reports: ['r1'] };
const by = (role: 'operator' | 'supervisor' | 'dispatcher' | 'inspector') => ({ role, grids: ['g1'] });
const dept = { role: 'department' as const, department: 'cgj' };

// A case from report to closure across 国庆: dispatched the day before the holiday, handled
// on the first working day after it — still in time, since the holiday does not count.
const history: CaseEvent[] = [
  { action: 'accept', at: bj('2026-09-29T09:20'), actor: by('operator') },
  { action: 'register', at: bj('2026-09-29T10:00'), actor: by('supervisor') },
  { action: 'dispatch', at: bj('2026-09-30T10:00'), actor: by('dispatcher') },
  { action: 'handle', at: bj('2026-10-08T17:00'), actor: dept, note: '已清理' },
  { action: 'verify', at: bj('2026-10-09T09:00'), actor: by('inspector') },
  { action: 'close', at: bj('2026-10-09T10:00'), actor: by('supervisor') },
];

describe('replayCase', () => {
  it('rebuilds a case from its events, with its clock across a holiday', () => {
    const dispatched = replayCase(opening, history.slice(0, 3), ctx);
    if (!dispatched.ok) throw new Error(dispatched.problem.message);
    // 2 working days after 09-30: 10-08 and 10-09 (国庆 10-01…07 off) → 10-09 18:00.
    expect(dispatched.state.due_at).toBe(bj('2026-10-09T18:00'));
    expect(overdue(dispatched.state, bj('2026-10-08T17:00'))).toBe(false);
    const closed = replayCase(opening, history, ctx);
    expect(closed.ok && [closed.state.stage, closed.state.version, closed.state.due_at, closed.state.reports]).toEqual([
      'closed',
      7,
      null,
      ['r1'],
    ]);
  });

  it('names the first event refused, with its index and the state before it', () => {
    const broken = [...history.slice(0, 3), { ...history[4] }, ...history.slice(5)];
    const r = replayCase(opening, broken, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.index, r.problem.index, r.problem.code, r.state.stage]).toEqual([3, 3, 'CG_ERR_ACTION_NOT_ALLOWED', 'dispatched']);
    expect(r.problem.message).toMatch(/^event 3 \(verify\): verify is not allowed on a case in stage dispatched/);
  });

  it('refuses times that go back, also before the opening', () => {
    const back = history.map((e, i) => (i === 4 ? { ...e, at: bj('2026-10-08T16:00') } : e));
    const r = replayCase(opening, back, ctx);
    expect(r.ok ? null : [r.index, r.problem.code]).toEqual([4, 'CG_ERR_EVENT_TIME']);
    const early = replayCase(opening, [{ ...history[0], at: opening.at - 1 }], ctx);
    expect(early.ok ? null : [early.index, early.problem.code]).toEqual([0, 'CG_ERR_EVENT_TIME']);
  });

  it('checks expected versions in imported events', () => {
    const r = replayCase(
      opening,
      history.map((e, i) => ({ ...e, expected_version: i === 2 ? 9 : i + 1 })),
      ctx,
    );
    expect(r.ok ? null : [r.index, r.problem.code]).toEqual([2, 'CG_ERR_STALE_VERSION']);
  });
});
