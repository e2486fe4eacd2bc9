import { createHash } from 'node:crypto';
import type { CaseRole } from '@citygrid/core';
import { canonicalJson } from './canonical-json.ts';

/** The `prev_hash` of the first event ever: 64 zeros. */
export const GENESIS = '0'.repeat(64);

/**
 * Who took an action, as the log keeps it: the key (null for an imported event, or without
 * access control), its role and scope; `system` opened a case automatically (intake).
 */
export interface EventActor {
  key_id: string | null;
  role: CaseRole | 'system';
  department: string | null;
  grids?: string[];
}

/** An event before it is numbered and chained: what happened to which case, when (UTC ms), by whom. */
export interface NewEvent {
  case_id: string;
  /** The case's version after the event (`open`: 1; `join` leaves it as it was). */
  version: number;
  /** A workflow action, or `open` (the case was opened) or `join` (a duplicate report joined it). */
  action: string;
  at: number;
  actor: EventActor;
  /** The action's fields (department, level, hours, note, target), the opening, or the report joined. */
  payload: Record<string, unknown>;
}

/** An event as stored: numbered across all cases and chained to the one before. */
export interface StoredEvent extends NewEvent {
  seq: number;
  prev_hash: string;
  hash: string;
}

/** The newest event of the log: where the next one chains on. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * SHA-256 (hex) of `prev_hash` followed by the canonical JSON of the event's stored fields
 * (seq, case_id, version, action, at as ISO 8601 UTC, actor, payload): change any of them, or
 * the order of events, and this and every later hash no longer match.
 *
 * @example eventHash(GENESIS, { seq: 1, case_id: 'c1', version: 1, action: 'open', at: 0, actor, payload: {} }) // '5b1c…' (64 hex digits)
 */
export function eventHash(prevHash: string, e: Omit<StoredEvent, 'prev_hash' | 'hash'>): string {
  const body = {
    seq: e.seq,
    case_id: e.case_id,
    version: e.version,
    action: e.action,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    payload: e.payload,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

/**
 * Numbers and chains new events after `head`, in order.
 * @returns the stored events and the new head
 * @example const { events, head: next } = chainEvents(head, [openEvent, joinEvent]);
 */
export function chainEvents(head: ChainHead, news: readonly NewEvent[]): { events: StoredEvent[]; head: ChainHead } {
  const events: StoredEvent[] = [];
  let { seq, hash } = head;
  for (const e of news) {
    seq += 1;
    const stored = { ...e, seq, prev_hash: hash, hash: '' };
    stored.hash = eventHash(hash, stored);
    hash = stored.hash;
    events.push(stored);
  }
  return { events, head: { seq, hash } };
}
