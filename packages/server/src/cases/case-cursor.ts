import type { SqlValue } from '../db/connection.ts';

/**
 * Whether a case is overdue at `$nowUs` (µs), as core's `overdue`: past its due time, and a
 * suspended case (挂账) only if it was already when suspended (its clock stopped then).
 */
export const OVERDUE_SQL = 'due_at IS NOT NULL AND due_at < COALESCE(suspended_at, make_timestamp($nowUs::BIGINT))';

/**
 * Position after the last case of a page in the list's order (rank: 0 overdue, 1 not; due:
 * µs, the largest BIGINT for none; id), and the `now` (UTC ms) that overdue was judged at.
 */
export interface CaseCursor {
  now: number;
  rank: number;
  due: bigint;
  id: string;
}

/**
 * Opaque keyset cursor, base64url: page 1,000 costs what page 1 does, and cases changing
 * meanwhile neither repeat nor vanish from a page walk because of the order itself.
 * @example decodeCaseCursor(encodeCaseCursor(c)) // equal to c
 */
export function encodeCaseCursor(c: CaseCursor): string {
  return Buffer.from(`${c.now}:${c.rank}:${c.due}:${c.id}`, 'utf8').toString('base64url');
}

/** The cursor inside `text`, or null if it is not one this server made. */
export function decodeCaseCursor(text: string): CaseCursor | null {
  const m = /^(\d{1,15}):([01]):(-?\d{1,19}):(.+)$/s.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return m ? { now: Number(m[1]), rank: Number(m[2]), due: BigInt(m[3]), id: m[4] } : null;
}

/** The keyset condition for the page after `c`, pushed onto `conditions` and `params`. */
export function afterCaseCursor(c: CaseCursor, conditions: string[], params: Record<string, SqlValue>): void {
  conditions.push('(rank > $cRank OR (rank = $cRank AND (due > $cDue OR (due = $cDue AND id > $cId))))');
  Object.assign(params, { cRank: c.rank, cDue: c.due, cId: c.id });
}
