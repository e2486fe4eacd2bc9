import type { CaseRole, WorkflowAction } from '../profile/profile-schema.ts';
import type { CaseContext } from './case-context.ts';
import type { CaseState } from './case-state.ts';

/** Who is acting: a role, and for scoped roles their department or grids. */
export interface CaseActor {
  role: CaseRole;
  /** A `department` actor's department code: it acts only on that department's cases. */
  department?: string;
  /** An `inspector` actor's grid ids: it acts only on cases in them. */
  grids?: readonly string[];
}

/**
 * The actions that may be taken on a case now: those whose `from` lists its stage and whose
 * effect the case permits (see {@link whyNot}), in workflow order; given an actor, only those
 * its role may take and its scope reaches. What the desk offers as buttons.
 *
 * @example allowedActions(openCase(o, ctx), ctx, { role: 'operator' }) // ['accept', 'merge']
 */
export function allowedActions(state: CaseState, ctx: CaseContext, actor?: CaseActor): string[] {
  if (actor && outOfScope(state, actor) !== null) return [];
  return ctx.workflow.actions.filter((a) => whyNot(state, a) === null && (!actor || mayTake(actor.role, a))).map((a) => a.code);
}

/**
 * Why an action cannot be taken on this case now, as the end of "not allowed on a case …",
 * or null when it can: the stage must be one of its `from`; a suspended case (挂账) allows
 * only a resume, and only a suspended one allows it; a case owned at city level cannot
 * escalate further.
 *
 * @example whyNot(closedCase, dispatchAction) // 'in stage closed'
 */
export function whyNot(state: CaseState, action: WorkflowAction): string | null {
  if (!action.from.includes(state.stage)) return `in stage ${state.stage}`;
  if (state.suspended && action.effect !== 'resume') return 'that is suspended (挂账): resume it first';
  if (!state.suspended && action.effect === 'resume') return 'that is not suspended';
  if (action.effect === 'escalate' && state.owner_level === 'city') return 'owned at city level, the top';
  return null;
}

/**
 * Whether a role may take an action: it is listed in the action's roles, or it is admin.
 *
 * @example mayTake('admin', anyAction) // true
 */
export function mayTake(role: CaseRole, action: WorkflowAction): boolean {
  return role === 'admin' || action.roles.includes(role);
}

/**
 * Why a case is out of an actor's reach, or null: a department acts only on its
 * department's cases, an inspector only on cases in its grids; other roles reach every case.
 *
 * @example outOfScope({ ...state, department: 'cgj' }, { role: 'department', department: 'gajj' }) // 'department gajj acts only on its own cases; this case is cgj\'s'
 */
export function outOfScope(state: Pick<CaseState, 'department' | 'grid_id'>, actor: CaseActor): string | null {
  if (actor.role === 'department' && (actor.department === undefined || actor.department !== state.department)) {
    return `department ${actor.department ?? '(none named)'} acts only on its own cases; this case is ${state.department === null ? "no department's yet" : `${state.department}'s`}`;
  }
  if (actor.role === 'inspector' && (state.grid_id === null || !(actor.grids ?? []).includes(state.grid_id))) {
    return `an inspector acts only on cases in its grids (${(actor.grids ?? []).join(', ') || 'none named'}); this case is in ${state.grid_id === null ? 'no grid' : `grid ${state.grid_id}`}`;
  }
  return null;
}
