import { allowedActions, outOfScope, overdue, type CaseActor, type CaseContext, type CaseState } from '@citygrid/core';
import type { StoredEvent } from './event-chain.ts';
import type { ServedCase, ServedEvent } from './case-schemas.ts';

/**
 * A case as served at `now` (UTC ms): its times as ISO 8601, whether it is overdue, the time
 * left, and the actions `actor` may take now (none for a requester who takes no case action).
 * @example serveCase(state, Date.now(), ctx, { role: 'dispatcher' }).allowed_actions // ['dispatch', 'escalate'] in stage registered
 */
export function serveCase(state: CaseState, now: number, ctx: CaseContext, actor: CaseActor | null): ServedCase {
  return {
    ...state,
    opened_at: iso(state.opened_at),
    updated_at: iso(state.updated_at),
    stage_started_at: iso(state.stage_started_at),
    due_at: isoOrNull(state.due_at),
    suspended_at: isoOrNull(state.suspended_at),
    overdue: overdue(state, now),
    time_left_ms: state.due_at === null ? null : state.due_at - now,
    allowed_actions: actor ? allowedActions(state, ctx, actor) : [],
  };
}

/** Whether a requester may see the case at all: out of a department or inspector key's scope, it does not exist for it. */
export function visibleTo(state: CaseState, actor: CaseActor | null): boolean {
  return actor === null || outOfScope(state, actor) === null;
}

/**
 * An event of the log as served: the action's fields beside the rest, the actor without an
 * inspector's grid list.
 * @example serveEvent(stored).at // '2026-03-02T01:30:00.000Z'
 */
export function serveEvent(e: StoredEvent): ServedEvent {
  const p = e.payload;
  return {
    seq: e.seq,
    case_id: e.case_id,
    version: e.version,
    action: e.action,
    at: iso(e.at),
    actor: { key_id: e.actor.key_id, role: e.actor.role, department: e.actor.department ?? null },
    ...pick(p, 'department', 'string'),
    ...pick(p, 'level', 'string'),
    ...pick(p, 'hours', 'number'),
    ...pick(p, 'note', 'string'),
    ...pick(p, 'target', 'string'),
    ...pick(p, 'report_id', 'string'),
    prev_hash: e.prev_hash,
    hash: e.hash,
  } as ServedEvent;
}

function pick(p: Record<string, unknown>, name: string, type: 'string' | 'number'): Record<string, unknown> {
  return typeof p[name] === type ? { [name]: p[name] } : {};
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
