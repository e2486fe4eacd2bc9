import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, mayTake, whyNot } from '../../src/cases/allowed-actions.ts';
import { applyAction, type CaseEvent } from '../../src/cases/apply-action.ts';
import { caseContext, type CaseContext } from '../../src/cases/case-context.ts';
import { openCase, overdue, stageClock, type CaseState } from '../../src/cases/case-state.ts';
import { workingMsBetween } from '../../src/cases/time-limit.ts';
import { DEFAULT_PROFILE } from '../../src/profile/default-profile.ts';
import { CASE_ROLES, type CaseRole, type CityProfile, type WorkflowAction } from '../../src/profile/profile-schema.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-06-01T09:00:00+08:00');
const FULL = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/profile/full.json'), 'utf8')) as CityProfile;

/** A case in `stage`, owned by cgj in grid g1 at grid level, as the generated tests need. */
function caseIn(ctx: CaseContext, stage: string, extra: Partial<CaseState> = {}): CaseState {
  return { ...openCase({ id: 'c1', at: T0, category: '06010', department: 'cgj', grid_id: 'g1' }, ctx), stage, ...extra };
}

/** An event with every field an action may need, by an actor in scope of caseIn's case. */
function fullEvent(action: string, role: CaseRole, at = T0 + H): CaseEvent {
  return { action, at, actor: { role, department: 'cgj', grids: ['g1'] }, department: 'cgj', hours: 2, note: 'why', target: 'c0' };
}

// The state machine, generated from the workflow data: every action × stage × role, for the
// shipped workflow and the fixture's own. Allowed iff the data says so; a role the action does
// not list is 403 whatever the stage, a listed role in a stage the action does not start from 422.
for (const [name, profile] of [
  ['default', DEFAULT_PROFILE],
  ['fixture', FULL],
] as const) {
  const ctx = caseContext(profile);
  describe(`applyAction on the ${name} workflow`, () => {
    const rows = ctx.workflow.actions.flatMap((a) =>
      ctx.workflow.stages.flatMap((s) => CASE_ROLES.map((role) => [a.code, s.code, role] as const)),
    );
    it(`decides all ${rows.length} action × stage × role cells as the data says`, () => {
      for (const [code, stage, role] of rows) {
        const action = ctx.actions.get(code)!;
        for (const suspended of [false, true]) {
          const state = caseIn(ctx, stage, suspended ? { suspended: true, suspended_at: T0 } : {});
          const result = applyAction(state, fullEvent(code, role), ctx);
          const where = `${code} in ${stage}${suspended ? ' (suspended)' : ''} by ${role}`;
          const listed = role === 'admin' || action.roles.includes(role);
          const startsHere = action.from.includes(stage);
          const effectOk = suspended ? action.effect === 'resume' : action.effect !== 'resume';
          if (!listed) expect(result.ok ? 'ok' : result.problem.code, where).toBe('CG_ERR_ACTION_FORBIDDEN');
          else if (!startsHere || !effectOk) expect(result.ok ? 'ok' : result.problem.code, where).toBe('CG_ERR_ACTION_NOT_ALLOWED');
          else {
            expect(result.ok, `${where}: ${result.ok ? '' : result.problem.message}`).toBe(true);
            if (result.ok) {
              expect(result.state.version, where).toBe(state.version + 1);
              expect(result.state.stage, where).toBe(action.to ?? stage);
            }
          }
        }
      }
    });
  });
}

describe('applyAction', () => {
  const ctx = caseContext(DEFAULT_PROFILE);
  const opened = openCase({ id: 'c1', at: T0, category: '06010', grid_id: 'g1', department: 'cgj' }, ctx);

  it('names the role and who may take the action in a 403', () => {
    const r = applyAction(opened, { action: 'accept', at: T0, actor: { role: 'dispatcher' } }, ctx);
    expect(r.ok ? null : r.problem.message).toBe('role dispatcher may not take accept; it may be taken by operator, admin');
  });

  it('names the stage and the actions allowed now in a 422', () => {
    const r = applyAction(opened, { action: 'dispatch', at: T0, actor: { role: 'dispatcher' } }, ctx);
    expect(r.ok ? null : r.problem.message).toBe('dispatch is not allowed on a case in stage reported; allowed now: accept, merge');
  });

  it('refuses a stale expected_version with 409 naming both versions; the right one passes', () => {
    const stale = applyAction(opened, { action: 'accept', at: T0, actor: { role: 'operator' }, expected_version: 0 }, ctx);
    expect(stale.ok ? null : [stale.problem.code, stale.problem.message]).toEqual([
      'CG_ERR_STALE_VERSION',
      'expected version 0, but the case is at version 1',
    ]);
    expect(applyAction(opened, { action: 'accept', at: T0, actor: { role: 'operator' }, expected_version: 1 }, ctx).ok).toBe(true);
  });

  it('lets exactly one of two dispatchers who saw the same version win', () => {
    const registered = caseIn(ctx, 'registered', { version: 4 });
    const first = applyAction(registered, { ...fullEvent('dispatch', 'dispatcher'), expected_version: 4 }, ctx);
    expect(first.ok).toBe(true);
    const second = applyAction(
      first.ok ? first.state : registered,
      { ...fullEvent('dispatch', 'dispatcher'), department: 'gajj', expected_version: 4 },
      ctx,
    );
    expect(second.ok ? null : second.problem.code).toBe('CG_ERR_STALE_VERSION');
  });

  it('keeps a department to its own cases and an inspector to its grids (403)', () => {
    const dispatched = caseIn(ctx, 'dispatched');
    const other = applyAction(dispatched, { ...fullEvent('handle', 'department'), actor: { role: 'department', department: 'gajj' } }, ctx);
    expect(other.ok ? null : [other.problem.code, other.problem.message]).toEqual([
      'CG_ERR_CASE_OUT_OF_SCOPE',
      "department gajj acts only on its own cases; this case is cgj's",
    ]);
    const handled = caseIn(ctx, 'handled');
    const elsewhere = applyAction(handled, { ...fullEvent('verify', 'inspector'), actor: { role: 'inspector', grids: ['g2'] } }, ctx);
    expect(elsewhere.ok ? null : elsewhere.problem.code).toBe('CG_ERR_CASE_OUT_OF_SCOPE');
    expect(applyAction(handled, { ...fullEvent('verify', 'inspector'), actor: { role: 'inspector', grids: ['g2', 'g1'] } }, ctx).ok).toBe(
      true,
    );
  });

  // Every needed field of every action, left out once: 400 naming the action.
  const needRows = ctx.workflow.actions.flatMap((a) => (a.needs ?? []).map((field) => [a.code, field] as const));
  it.each(needRows)('%s without %s is 400', (code, field) => {
    const action = ctx.actions.get(code)!;
    const state = caseIn(ctx, action.from[0], action.effect === 'resume' ? { suspended: true, suspended_at: T0 } : {});
    const event = { ...fullEvent(code, 'admin') } as Record<string, unknown>;
    delete event[field];
    const r = applyAction(state, event as unknown as CaseEvent, ctx);
    expect(r.ok ? null : [r.problem.code, r.problem.message.startsWith(`${code} needs`)]).toEqual(['CG_ERR_ACTION_FIELD', true]);
  });

  it('refuses bad field values: hours ≤ 0, an unknown department, a merge into itself, a dispatch to no department', () => {
    const dispatched = caseIn(ctx, 'dispatched');
    const code = (r: ReturnType<typeof applyAction>) => (r.ok ? 'ok' : r.problem.message);
    expect(code(applyAction(dispatched, { ...fullEvent('extend', 'supervisor'), hours: 0 }, ctx))).toBe('extend needs hours > 0, got 0');
    expect(code(applyAction(dispatched, { ...fullEvent('extend', 'supervisor'), hours: undefined }, ctx))).toBe(
      'extend needs hours: none were requested',
    );
    expect(code(applyAction(dispatched, { ...fullEvent('transfer', 'dispatcher'), department: 'police' }, ctx))).toMatch(
      /needs a department of the profile, one of cgj, gajj/,
    );
    expect(code(applyAction(caseIn(ctx, 'reported'), { ...fullEvent('merge', 'operator'), target: 'c1' }, ctx))).toBe(
      'merge needs a target other than the case itself',
    );
    expect(
      code(
        applyAction(
          caseIn(ctx, 'registered', { department: null }),
          { ...fullEvent('dispatch', 'dispatcher'), department: undefined },
          ctx,
        ),
      ),
    ).toMatch(/dispatch needs a department/);
  });

  it('lists the actions allowed now, for anyone or for one actor', () => {
    const dispatched = caseIn(ctx, 'dispatched');
    expect(allowedActions(dispatched, ctx)).toEqual(['transfer', 'handle', 'return', 'request-extension', 'extend', 'suspend', 'escalate']);
    expect(allowedActions(dispatched, ctx, { role: 'department', department: 'cgj' })).toEqual(['handle', 'return', 'request-extension']);
    expect(allowedActions(dispatched, ctx, { role: 'department', department: 'gajj' })).toEqual([]);
    expect(allowedActions({ ...dispatched, suspended: true, suspended_at: T0 }, ctx, { role: 'admin' })).toEqual(['resume']);
  });

  it('takes the shipped defaults for a profile without case settings', () => {
    const bare = caseContext({ name: 'x', timezone: '+08:00' });
    expect([bare.initial, bare.urgencies, bare.time_limits.length > 0, bare.calendar.hours]).toEqual([
      'reported',
      ['normal', 'urgent'],
      true,
      [
        [510, 720],
        [870, 1080],
      ],
    ]);
  });

  it("refuses an event earlier than the case's last (422)", () => {
    const r = applyAction(opened, { action: 'accept', at: T0 - 1, actor: { role: 'operator' } }, ctx);
    expect(r.ok ? null : r.problem.code).toBe('CG_ERR_EVENT_TIME');
  });

  it("refuses an unknown action (400) listing the workflow's", () => {
    const r = applyAction(opened, { action: 'teleport', at: T0, actor: { role: 'admin' } }, ctx);
    expect(r.ok ? null : r.problem.message).toMatch(/^unknown action "teleport"; the workflow has accept, register/);
  });

  it('escalates one level at a time, 小事不出格, and not past city', () => {
    let state = caseIn(ctx, 'registered');
    const levels: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = applyAction(state, fullEvent('escalate', 'supervisor', T0 + i), ctx);
      if (!r.ok) throw new Error(r.problem.message);
      state = r.state;
      levels.push(state.owner_level);
    }
    expect(levels).toEqual(['community', 'street', 'district', 'city']);
    expect(state.escalations).toBe(4);
    const top = applyAction(state, fullEvent('escalate', 'supervisor', T0 + 9), ctx);
    expect(top.ok ? null : top.problem.message).toMatch(/owned at city level, the top/);
  });

  it('counts reworks, returns (clearing the department), transfers, extensions and reopens', () => {
    const ok = (s: CaseState, e: CaseEvent) => {
      const r = applyAction(s, e, ctx);
      if (!r.ok) throw new Error(r.problem.message);
      return r.state;
    };
    const rework = ok(caseIn(ctx, 'handled'), fullEvent('fail-verification', 'inspector'));
    expect([rework.stage, rework.reworks]).toEqual(['dispatched', 1]);
    const returned = ok(caseIn(ctx, 'dispatched'), fullEvent('return', 'department'));
    expect([returned.stage, returned.department, returned.returns]).toEqual(['registered', null, 1]);
    const moved = ok(caseIn(ctx, 'dispatched'), { ...fullEvent('transfer', 'dispatcher'), department: 'gajj', level: 'street' });
    expect([moved.department, moved.owner_level, moved.transfers]).toEqual(['gajj', 'street', 1]);
    const reopened = ok(caseIn(ctx, 'closed', { due_at: null }), fullEvent('reopen', 'supervisor'));
    expect([reopened.stage, reopened.reopens]).toEqual(['registered', 1]);
    const merged = ok(caseIn(ctx, 'accepted'), fullEvent('merge', 'operator'));
    expect([merged.stage, merged.merged_into, merged.due_at]).toEqual(['merged', 'c0', null]);
  });

  it('extends by the hours a department asked for, in working hours, once a supervisor approves', () => {
    // Dispatched Monday 09:00: due Wednesday 18:00 (2 working days, local default).
    const d = applyAction(caseIn(ctx, 'registered'), { ...fullEvent('dispatch', 'dispatcher'), at: T0 }, ctx);
    if (!d.ok) throw new Error(d.problem.message);
    expect(new Date(d.state.due_at!).toISOString()).toBe(new Date(Date.parse('2026-06-03T18:00:00+08:00')).toISOString());
    const asked = applyAction(d.state, { ...fullEvent('request-extension', 'department'), hours: 3 }, ctx);
    if (!asked.ok) throw new Error(asked.problem.message);
    expect([asked.state.extension_requested, asked.state.due_at]).toEqual([3, d.state.due_at]);
    const granted = applyAction(asked.state, { action: 'extend', at: T0 + 2 * H, actor: { role: 'supervisor' } }, ctx);
    if (!granted.ok) throw new Error(granted.problem.message);
    // 3 working hours after Wednesday 18:00: Thursday 11:30.
    expect(new Date(granted.state.due_at!).toISOString()).toBe(new Date(Date.parse('2026-06-04T11:30:00+08:00')).toISOString());
    expect([granted.state.extensions, granted.state.extension_requested]).toEqual([1, null]);
  });

  it('stops the clock while suspended: a resume keeps the working time that was left', () => {
    const d = applyAction(caseIn(ctx, 'registered'), { ...fullEvent('dispatch', 'dispatcher'), at: T0 }, ctx);
    if (!d.ok) throw new Error(d.problem.message);
    const suspendedAt = Date.parse('2026-06-02T10:00:00+08:00');
    const s = applyAction(d.state, fullEvent('suspend', 'supervisor', suspendedAt), ctx);
    if (!s.ok) throw new Error(s.problem.message);
    const later = Date.parse('2026-06-20T10:00:00+08:00'); // past the old due time, over 端午 (06-19)
    expect(overdue(s.state, later)).toBe(false);
    const r = applyAction(s.state, fullEvent('resume', 'supervisor', later), ctx);
    if (!r.ok) throw new Error(r.problem.message);
    const cal = ctx.calendar;
    expect(workingMsBetween(later, r.state.due_at!, cal)).toBe(workingMsBetween(suspendedAt, d.state.due_at!, cal));
    expect(r.state.suspended_ms).toBe(later - suspendedAt);
    expect(overdue(r.state, later)).toBe(false);
  });

  it('gives urgent cases their own limit (most specific rule)', () => {
    const urgent = openCase({ id: 'u', at: T0, category: '06010', urgency: 'urgent' }, ctx);
    const reg = { ...urgent, stage: 'registered', department: 'cgj' };
    const d = applyAction(reg, { ...fullEvent('dispatch', 'dispatcher'), at: T0 }, ctx);
    expect(d.ok && new Date(d.state.due_at!).toISOString()).toBe(new Date(Date.parse('2026-06-01T15:30:00+08:00')).toISOString());
  });
});

// Random walks: random actions by random roles at random later times, with or without each
// field. Whatever happens, the case stays a legal one.
describe('applyAction sequences (property)', () => {
  const ctx = caseContext(DEFAULT_PROFILE);
  const stages = new Set(ctx.stages.keys());
  const step = fc.record({
    action: fc.constantFrom(...ctx.actions.keys(), 'teleport'),
    role: fc.constantFrom(...CASE_ROLES),
    dt: fc.integer({ min: 0, max: 30 * H }),
    department: fc.option(fc.constantFrom('cgj', 'gajj', 'nobody'), { nil: undefined }),
    hours: fc.option(fc.constantFrom(-1, 0.5, 8), { nil: undefined }),
    note: fc.option(fc.constant('why'), { nil: undefined }),
    target: fc.option(fc.constantFrom('c0', 'c1'), { nil: undefined }),
    ownDepartment: fc.boolean(),
    stale: fc.boolean(),
    // Seven steps in eight take an action the case allows now, by a role that may and in its
    // scope: walks go deep (every stage is reached, the last assertion checks it).
    legal: fc.noBias(fc.nat(7)).map((n) => n > 0),
    // Unbiased: fast-check favours small numbers, which would always pick the first action.
    pick: fc.noBias(fc.nat(9999)),
  });
  const reached = new Set<string>();

  it('never reaches an illegal state', () => {
    fc.assert(
      // Walks start in any stage, its clock running: most paths through the workflow end early
      // (a merge, a rejection), so walks from the start alone rarely reach 核查 and 结案.
      fc.property(fc.constantFrom(...stages), fc.array(step, { minLength: 20, maxLength: 100 }), (start, steps) => {
        const opened = openCase({ id: 'c1', at: T0, category: '06010', department: 'cgj', grid_id: 'g1' }, ctx);
        let state: CaseState = { ...opened, stage: start, ...stageClock(opened, start, T0, ctx) };
        let at = T0;
        let accepted = 0;
        for (const drawn of steps) {
          at += drawn.dt;
          const allowed = allowedActions(state, ctx);
          const a = drawn.legal && allowed.length ? ctx.actions.get(allowed[drawn.pick % allowed.length])! : null;
          const s = a
            ? {
                ...drawn,
                action: a.code,
                role: a.roles[drawn.pick % a.roles.length],
                ownDepartment: true,
                note: 'why',
                target: 'c0',
                hours: 8,
                department: drawn.department === 'nobody' ? 'cgj' : drawn.department,
                stale: drawn.stale && drawn.pick % 4 === 0,
              }
            : drawn;
          const actor = { role: s.role, department: s.ownDepartment ? (state.department ?? 'cgj') : 'gajj', grids: ['g1'] };
          const event: CaseEvent = {
            action: s.action,
            at,
            actor,
            department: s.department,
            hours: s.hours,
            note: s.note,
            target: s.target,
            expected_version: s.stale ? state.version - 1 : state.version,
          };
          const before = state;
          const r = applyAction(state, event, ctx);
          if (!r.ok) continue;
          state = r.state;
          accepted++;
          reached.add(state.suspended ? 'suspended' : state.stage);
          const action = ctx.actions.get(s.action) as WorkflowAction;
          expect(stages.has(state.stage)).toBe(true);
          expect(state.version).toBe(before.version + 1);
          expect(mayTake(s.role, action)).toBe(true);
          expect(whyNot(before, action)).toBe(null); // terminal stages too: only their own actions leave them
          expect(s.stale).toBe(false);
          if (ctx.stages.get(state.stage)!.terminal) expect(state.due_at).toBe(null);
          if (before.suspended) expect(action.effect).toBe('resume');
          if (action.effect === 'resume' && before.due_at !== null && before.due_at > before.suspended_at!) {
            // The clock stopped: the working (or wall) time left is what it was at suspension.
            const left = (from: number, to: number) => (before.clock === 'working' ? workingMsBetween(from, to, ctx.calendar) : to - from);
            expect(left(at, state.due_at!)).toBe(left(before.suspended_at!, before.due_at));
          }
          if (state.suspended) expect(overdue(state, at + 1000 * H)).toBe(overdue(state, at));
        }
        expect(state.version).toBe(1 + accepted);
      }),
      { numRuns: 300 },
    );
    // The walks did reach every stage, and suspension: the invariants were tested there.
    expect([...reached].sort()).toEqual([...stages, 'suspended'].filter((x) => x !== ctx.initial).sort());
  });
});
