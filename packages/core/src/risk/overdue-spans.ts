import { applyAction, type CaseEvent } from '../cases/apply-action.ts';
import type { CaseContext } from '../cases/case-context.ts';
import { openCase, overdue, type CaseOpening } from '../cases/case-state.ts';

/**
 * When a case was overdue, as [from, to) UTC ms spans in time order, replayed from its log
 * through core's workflow: from a stage's due time until the next step was taken, and, for a
 * case still overdue at `now`, until `now`. As core's `overdue` has it, a case suspended (挂账)
 * once overdue stays overdue while suspended; one suspended in time is not. Events that
 * change no clock (a `join` of a duplicate report) are skipped; replay stops at the first
 * event the workflow refuses (a log written under another profile), keeping the spans so far.
 * With `now` = Infinity a case still late stays late for good: what a cache that outlives the
 * moment wants (clip at the time of counting).
 *
 * @example overdueSpans({ id: 'c1', at: t0, category: '06010' }, events, ctx, Date.now()) // [[dueMs, tookMs]]
 */
export function overdueSpans(opening: CaseOpening, events: readonly CaseEvent[], ctx: CaseContext, now: number): [number, number][] {
  const spans: [number, number][] = [];
  let state = openCase(opening, ctx);
  const late = (at: number) => {
    if (state.due_at === null || !overdue(state, at)) return;
    const last = spans[spans.length - 1];
    if (last && state.due_at <= last[1]) last[1] = Math.max(last[1], at);
    else spans.push([state.due_at, at]);
  };
  for (const event of events) {
    if (event.action === 'join') continue;
    late(event.at);
    const result = applyAction(state, event, ctx);
    if (!result.ok) return spans;
    state = result.state;
  }
  late(now);
  return spans;
}
