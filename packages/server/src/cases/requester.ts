import type { FastifyRequest } from 'fastify';
import type { CaseActor, CaseRole } from '@citygrid/core';
import { CASE_KEY_ROLES } from '../auth/roles.ts';
import type { EventActor } from './event-chain.ts';
import type { CaseFilter } from './case-filter.ts';

/** Who asks, as far as cases go: what it may do, how the log names it, what it may see. */
export interface Requester {
  /** The case actor, or null for a key that takes no case action (viewer, reporter, planner, or none with publicRead). */
  actor: CaseActor | null;
  /** The actor as the log records it; null when `actor` is. */
  logged: EventActor | null;
  /** A department key sees its department's cases only, an inspector key its grids'. */
  scope: CaseFilter['scope'];
}

/** Without access control (build's `auth: false`, the CLI): an admin without a key. */
export const UNCHECKED: Requester = {
  actor: { role: 'admin' },
  logged: { key_id: null, role: 'admin', department: null },
  scope: undefined,
};

/**
 * The requester of an HTTP request: its key's role and scope (auth/), or {@link UNCHECKED}
 * when access control is off.
 * @example const who = requesterOf(request); // { actor: { role: 'department', department: 'cgj' }, … }
 */
export function requesterOf(request: FastifyRequest): Requester {
  if (!request.accessControl) return UNCHECKED;
  const key = request.apiKey;
  if (!key) return { actor: null, logged: null, scope: undefined };
  if (key.role !== 'admin' && !(CASE_KEY_ROLES as readonly string[]).includes(key.role))
    return { actor: null, logged: null, scope: undefined };
  const role = key.role as CaseRole;
  const actor: CaseActor = { role, ...(key.department ? { department: key.department } : {}), ...(key.grids ? { grids: key.grids } : {}) };
  const logged: EventActor = { key_id: key.id, role, department: key.department, ...(key.grids ? { grids: key.grids } : {}) };
  const scope =
    role === 'department' ? { department: key.department ?? '' } : role === 'inspector' ? { grids: key.grids ?? [] } : undefined;
  return { actor, logged, scope };
}
