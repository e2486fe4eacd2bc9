import { problem, type Problem } from '../errors.ts';
import { LEVELS, type Level, type WorkflowAction } from '../profile/profile-schema.ts';
import { mayTake, outOfScope, whyNot, allowedActions, type CaseActor } from './allowed-actions.ts';
import type { CaseContext } from './case-context.ts';
import { stageClock, type CaseState } from './case-state.ts';
import { addWorkingMs, workingMsBetween } from './time-limit.ts';

const HOUR = 3_600_000;

/** One action taken on a case: what it is, when (UTC ms), by whom, with its fields. */
export interface CaseEvent {
  /** An action code of the workflow. */
  action: string;
  at: number;
  actor: CaseActor;
  /** The version the actor saw; a case that has moved on since refuses the event (409). */
  expected_version?: number;
  /** dispatch, transfer, escalate: the department that takes the case. */
  department?: string;
  /** dispatch, transfer: the level that owns it from now on. */
  level?: Level;
  /** request-extension, extend: hours (working or wall-clock, as the stage's clock counts). */
  hours?: number;
  note?: string;
  /** merge: the id of the case this one joins. */
  target?: string;
}

/** The case after an action, or the one problem that refused it. */
export type ApplyResult = { ok: true; state: CaseState } | { ok: false; problem: Problem };

/**
 * Takes an action on a case, purely: the new state (version + 1), or why not. Checked in
 * this order, each with its catalogue code:
 * 1. the action exists (CG_ERR_ACTION_UNKNOWN, 400);
 * 2. the actor's role may take it (CG_ERR_ACTION_FORBIDDEN, 403) and the case is in its
 *    scope (CG_ERR_CASE_OUT_OF_SCOPE, 403);
 * 3. it is not earlier than the case's last event (CG_ERR_EVENT_TIME, 422);
 * 4. `expected_version`, if given, is the case's version (CG_ERR_STALE_VERSION, 409);
 * 5. the stage and the case allow it now (CG_ERR_ACTION_NOT_ALLOWED, 422, naming the
 *    actions allowed);
 * 6. the fields it needs are there (CG_ERR_ACTION_FIELD, 400).
 * Then the stage moves to the action's `to` (its clock restarts from the time limits) and
 * its effect applies: see docs/cases.md.
 *
 * @example applyAction(opened, { action: 'accept', at, actor: { role: 'operator' } }, ctx) // { ok: true, state: { stage: 'accepted', version: 2, … } }
 */
export function applyAction(state: CaseState, event: CaseEvent, ctx: CaseContext): ApplyResult {
  const action = ctx.actions.get(event.action);
  if (!action) return refuse('CG_ERR_ACTION_UNKNOWN', JSON.stringify(event.action), [...ctx.actions.keys()].join(', '));
  if (!mayTake(event.actor.role, action))
    return refuse('CG_ERR_ACTION_FORBIDDEN', event.actor.role, action.code, [...action.roles, 'admin'].join(', '));
  const scope = outOfScope(state, event.actor);
  if (scope !== null) return refuse('CG_ERR_CASE_OUT_OF_SCOPE', scope);
  if (!(event.at >= state.updated_at)) return refuse('CG_ERR_EVENT_TIME', iso(event.at), iso(state.updated_at));
  if (event.expected_version !== undefined && event.expected_version !== state.version)
    return refuse('CG_ERR_STALE_VERSION', event.expected_version, state.version);
  const why = whyNot(state, action);
  if (why !== null) return refuse('CG_ERR_ACTION_NOT_ALLOWED', action.code, why, allowedActions(state, ctx).join(', ') || 'none');
  const missing = missingField(state, action, event, ctx);
  if (missing !== null) return refuse('CG_ERR_ACTION_FIELD', action.code, missing);
  let next: CaseState = { ...state, version: state.version + 1, updated_at: event.at };
  if (action.to !== undefined)
    next = { ...next, stage: action.to, stage_started_at: event.at, ...stageClock(next, action.to, event.at, ctx) };
  return { ok: true, state: action.effect ? applyEffect(next, action, event, ctx) : next };
}

/** What an action's effect does to the case (the stage has already moved). */
function applyEffect(s: CaseState, action: WorkflowAction, e: CaseEvent, ctx: CaseContext): CaseState {
  switch (action.effect) {
    case 'dispatch':
      return { ...s, department: e.department ?? s.department, owner_level: e.level ?? s.owner_level };
    case 'transfer':
      return { ...s, department: e.department ?? s.department, owner_level: e.level ?? s.owner_level, transfers: s.transfers + 1 };
    case 'return':
      // Not this department's: the dispatcher must choose again, so no department is kept.
      return { ...s, department: null, returns: s.returns + 1 };
    case 'request-extension':
      return { ...s, extension_requested: e.hours! };
    case 'extend': {
      const hours = e.hours ?? s.extension_requested!;
      return { ...s, due_at: push(s, hours * HOUR, ctx), extensions: s.extensions + 1, extension_requested: null };
    }
    case 'suspend':
      return { ...s, suspended: true, suspended_at: e.at };
    case 'resume': {
      // The clock stopped at suspension: the deadline moves by the time (working or wall, as
      // the stage counts) that passed since, so the time left is what it was.
      // A resume that moves to a stage has started that stage's clock afresh: nothing to push.
      const since = s.suspended_at!;
      const lost = s.clock === 'working' ? workingMsBetween(since, e.at, ctx.calendar) : e.at - since;
      const due_at = action.to === undefined ? push(s, lost, ctx) : s.due_at;
      return { ...s, suspended: false, suspended_at: null, suspended_ms: s.suspended_ms + (e.at - since), due_at };
    }
    case 'rework':
      return { ...s, reworks: s.reworks + 1 };
    case 'escalate':
      return {
        ...s,
        owner_level: LEVELS[LEVELS.indexOf(s.owner_level) + 1],
        department: e.department ?? s.department,
        escalations: s.escalations + 1,
      };
    case 'merge':
      return { ...s, merged_into: e.target! };
    case 'reopen':
      return { ...s, reopens: s.reopens + 1 };
    default:
      return s;
  }
}

/** The due time moved later by `ms` of the stage's own clock. */
function push(s: CaseState, ms: number, ctx: CaseContext): number | null {
  if (s.due_at === null) return null;
  return s.clock === 'working' ? addWorkingMs(s.due_at, ms, ctx.calendar) : s.due_at + ms;
}

/** What the event lacks for this action, or null: its `needs`, then its effect's own. */
function missingField(s: CaseState, action: WorkflowAction, e: CaseEvent, ctx: CaseContext): string | null {
  const needs = new Set(action.needs ?? []);
  if (action.effect === 'transfer') needs.add('department');
  if (action.effect === 'merge') needs.add('target');
  if (action.effect === 'request-extension') needs.add('hours');
  if (needs.has('note') && !(typeof e.note === 'string' && e.note.trim() !== '')) return 'a note (text saying why)';
  if (needs.has('target') && !(typeof e.target === 'string' && e.target !== '')) return 'a target: the id of the case it joins';
  if (e.target !== undefined && e.target === s.id) return 'a target other than the case itself';
  if (needs.has('hours') && e.hours === undefined) return 'hours: a number > 0';
  if (e.hours !== undefined && !(Number.isFinite(e.hours) && e.hours > 0)) return `hours > 0, got ${e.hours}`;
  if (action.effect === 'extend' && e.hours === undefined && s.extension_requested === null) return 'hours: none were requested';
  if (e.level !== undefined && !LEVELS.includes(e.level)) return `a level, one of ${LEVELS.join(', ')}, got ${JSON.stringify(e.level)}`;
  const department = e.department ?? (action.effect === 'dispatch' ? s.department : undefined);
  if ((needs.has('department') || action.effect === 'dispatch') && (department === undefined || department === null))
    return 'a department: the code of the one that takes the case';
  if (e.department !== undefined && ctx.departments.size > 0 && !ctx.departments.has(e.department))
    return `a department of the profile, one of ${[...ctx.departments.keys()].join(', ')}; got ${JSON.stringify(e.department)}`;
  return null;
}

function refuse(code: Problem['code'], ...args: unknown[]): ApplyResult {
  return { ok: false, problem: problem(code, {}, ...args) };
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
