import { applyAction, type CaseEvent } from '../cases/apply-action.ts';
import type { CaseContext } from '../cases/case-context.ts';
import { openCase, type CaseOpening, type CaseState } from '../cases/case-state.ts';
import type { AssessmentSettings } from '../profile/assessment-settings.ts';

/**
 * What the indicators need to know of one case, read from its event log (times UTC ms, null
 * when it never happened). Milestones are the *first* time the case entered a stage: a
 * reopened case is not registered twice, and a rework does not make a second handling.
 */
export interface CaseFacts {
  case_id: string;
  /** The case's grid and department now (after transfers): who answers for it. */
  grid_id: string | null;
  department: string | null;
  /** Its first report: its source says who found it (patrol, public, device). */
  first_report: string | null;
  opened_at: number;
  /** Merged into another case: a duplicate, left out of 立案率. */
  merged: boolean;
  registered_at: number | null;
  /** The registered stage's due time when it was first dispatched (or now, if never). */
  dispatch_due: number | null;
  dispatched_at: number | null;
  /**
   * When handling was due: the dispatched stage's due time (extensions and suspensions
   * included) at the first handling; for a case not yet handled, its running due time; null
   * while suspended (挂账 stops the clock, so nothing is due) or never dispatched.
   */
  handle_due: number | null;
  handled_at: number | null;
  /** The handled stage's due time at the first verification (pass or fail). */
  check_due: number | null;
  checked_at: number | null;
  verified_at: number | null;
  closed_at: number | null;
  /** Failed verifications (返工). */
  reworks: number;
}

/**
 * Replays a case's events through the workflow (core's applyAction) and notes its milestones.
 * The log was checked when written, so a refused event only ends the replay early.
 *
 * @example caseFacts({ id: 'c1', at: t0, category: '06010' }, events, ctx, DEFAULT_ASSESSMENT).handled_at // t3
 */
export function caseFacts(
  opening: CaseOpening,
  events: readonly CaseEvent[],
  ctx: CaseContext,
  settings: Pick<AssessmentSettings, 'stages'>,
): CaseFacts {
  const st = settings.stages;
  let s = openCase(opening, ctx);
  const f: CaseFacts = {
    case_id: opening.id,
    grid_id: s.grid_id,
    department: s.department,
    first_report: s.reports[0] ?? null,
    opened_at: opening.at,
    merged: false,
    registered_at: s.stage === st.registered ? opening.at : null,
    dispatch_due: null,
    dispatched_at: null,
    handle_due: null,
    handled_at: null,
    check_due: null,
    checked_at: null,
    verified_at: null,
    closed_at: null,
    reworks: 0,
  };
  for (const e of events) {
    const r = applyAction(s, e, ctx);
    if (!r.ok) break;
    note(f, s, r.state, e.at, st);
    s = r.state;
  }
  f.grid_id = s.grid_id;
  f.department = s.department;
  f.merged = s.merged_into !== null;
  f.reworks = s.reworks;
  if (f.dispatched_at === null && s.stage === st.registered && !s.suspended) f.dispatch_due = s.due_at;
  if (f.handled_at === null && s.stage === st.dispatched && !s.suspended) f.handle_due = s.due_at;
  return f;
}

/** Notes the milestones an action from `before` to `after` at `at` reached for the first time. */
function note(f: CaseFacts, before: CaseState, after: CaseState, at: number, st: AssessmentSettings['stages']): void {
  if (after.stage === before.stage) return;
  if (after.stage === st.registered) f.registered_at ??= at;
  if (after.stage === st.dispatched && f.dispatched_at === null) {
    f.dispatched_at = at;
    f.dispatch_due = before.due_at;
  }
  if (after.stage === st.handled && f.handled_at === null) {
    f.handled_at = at;
    f.handle_due = before.due_at;
  }
  if (before.stage === st.handled && f.checked_at === null) {
    f.checked_at = at;
    f.check_due = before.due_at;
  }
  if (after.stage === st.verified) f.verified_at ??= at;
  if (after.stage === st.closed) f.closed_at ??= at;
}
