import type { Problem } from '../errors.ts';
import { applyAction, type CaseEvent } from './apply-action.ts';
import type { CaseContext } from './case-context.ts';
import { openCase, type CaseOpening, type CaseState } from './case-state.ts';

/** A case rebuilt from its events, or the first event refused with its index. */
export type ReplayResult = { ok: true; state: CaseState } | { ok: false; problem: Problem; index: number; state: CaseState };

/**
 * Rebuilds a case from its opening and its events, in order, through applyAction: every
 * transition is checked against the workflow, each event's actor and fields, and times must
 * not go back. Used by history import (a city's old platform) and by the audit. On a refusal
 * it returns the problem with the event's index and the state just before it.
 *
 * @example replayCase({ id: 'c1', at: t0, category: '06010' }, [{ action: 'accept', at: t1, actor: { role: 'operator' } }], ctx) // { ok: true, state: { stage: 'accepted', version: 2, … } }
 */
export function replayCase(opening: CaseOpening, events: readonly CaseEvent[], ctx: CaseContext): ReplayResult {
  let state = openCase(opening, ctx);
  for (let i = 0; i < events.length; i++) {
    const result = applyAction(state, events[i], ctx);
    if (!result.ok)
      return {
        ok: false,
        problem: { ...result.problem, index: i, message: `event ${i} (${events[i].action}): ${result.problem.message}` },
        index: i,
        state,
      };
    state = result.state;
  }
  return { ok: true, state };
}
