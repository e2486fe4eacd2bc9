import { applyAction, openCase, overdue, type CaseContext, type CaseEvent, type CaseOpening } from '@citygrid/core';

/** How a case stands at the end of the demo's year. */
export type CaseOutcome = 'closed-in-time' | 'closed-late' | 'rejected' | 'merged' | 'open' | 'open-overdue';

/**
 * A case's outcome at `now` (UTC ms), its events applied through core: closed with every
 * step taken by its stage's due time (a suspended clock does not run), closed with some step
 * late, rejected, merged, or still open (overdue at `now` or not). Throws if an event is
 * refused: every generated history must be legal.
 *
 * @example caseOutcome(c.opening, c.events, ctx, Date.parse('2026-12-01T00:00:00+08:00')) // 'closed-in-time'
 */
export function caseOutcome(opening: CaseOpening, events: readonly CaseEvent[], ctx: CaseContext, now: number): CaseOutcome {
  let state = openCase(opening, ctx);
  let late = false;
  for (const event of events) {
    late ||= overdue(state, event.at);
    const result = applyAction(state, event, ctx);
    if (!result.ok) throw new Error(`case ${opening.id}: ${result.problem.message}`);
    state = result.state;
  }
  if (state.stage === 'rejected' || state.stage === 'merged') return state.stage;
  if (state.stage !== 'closed') return overdue(state, now) ? 'open-overdue' : 'open';
  return late ? 'closed-late' : 'closed-in-time';
}
