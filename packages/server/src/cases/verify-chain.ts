import { eventHash, GENESIS, type StoredEvent } from './event-chain.ts';
import type { AuditAnswer } from './case-schemas.ts';

/** Where a check of the chain stands between pages of events. */
export interface ChainCheck {
  /** Events checked so far. */
  events: number;
  /** The seq and hash the next event must follow. */
  seq: number;
  hash: string;
  first_broken: AuditAnswer['first_broken'];
}

/** A check about to start at the first event. */
export function startCheck(): ChainCheck {
  return { events: 0, seq: 0, hash: GENESIS, first_broken: null };
}

/**
 * Checks the next events of the log, in seq order, against the chain: each must be numbered
 * one after the one before, name that one's hash as `prev_hash`, and hash (event-chain.ts) to
 * its own `hash`. Stops at the first that does not; a change to any stored field, a deleted,
 * inserted or reordered event breaks the chain there.
 * @example let c = startCheck(); for (const page of pages) c = checkEvents(c, page); c.first_broken // null
 */
export function checkEvents(check: ChainCheck, events: readonly StoredEvent[]): ChainCheck {
  if (check.first_broken) return check;
  let { events: n, seq, hash } = check;
  for (const e of events) {
    const broken = (reason: string): ChainCheck => ({ events: n + 1, seq, hash, first_broken: { seq: e.seq, case_id: e.case_id, reason } });
    if (e.seq !== seq + 1) return broken(`seq ${e.seq} follows seq ${seq}: an event is missing or was inserted (expected seq ${seq + 1})`);
    if (e.prev_hash !== hash)
      return broken(
        `prev_hash ${e.prev_hash.slice(0, 12)}… is not the hash of the event before (${hash.slice(0, 12)}…): an event before it was changed or removed`,
      );
    const recomputed = eventHash(e.prev_hash, e);
    if (recomputed !== e.hash)
      return broken(
        `its content does not hash to its stored hash (${recomputed.slice(0, 12)}… against ${e.hash.slice(0, 12)}…): the event was changed after it was written`,
      );
    n += 1;
    seq = e.seq;
    hash = e.hash;
  }
  return { events: n, seq, hash, first_broken: null };
}
