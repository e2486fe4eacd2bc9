import { problem, serverError } from '../errors/catalogue.ts';
import type { Role } from './roles.ts';

/** What a key may reach: a `department` key one department's cases, an `inspector` key the cases in its grids. */
export interface KeyScope {
  /** The department code of a `department` key; null for every other role. */
  department: string | null;
  /** The grid ids of an `inspector` key; null for every other role. */
  grids: string[] | null;
}

/**
 * Checks the scope given for a new key and returns it normalised (grid ids trimmed, repeats
 * dropped): a `department` key needs one department code (one of the profile's, when it lists
 * any), an `inspector` key at least one grid id, and other roles take neither. Throws one
 * CG_ERR_KEY_SCOPE (400) naming the field and the fix.
 * @param departments the profile's department codes (empty: any code is accepted)
 * @example checkKeyScope('department', { department: 'cgj' }, ['cgj', 'sw']) // { department: 'cgj', grids: null }
 * @example checkKeyScope('inspector', { grids: ['A1', 'A2'] }, []) // { department: null, grids: ['A1', 'A2'] }
 */
export function checkKeyScope(
  role: Role,
  given: { department?: string | null; grids?: readonly string[] | null },
  departments: readonly string[],
): KeyScope {
  const department = given.department ?? null;
  const grids = given.grids ? [...new Set(given.grids.map((g) => g.trim()).filter(Boolean))] : null;
  if (role === 'department') {
    if (department === null || department.trim() === '')
      throw scopeError('department', 'needs the code of its department (--department cgj, or "department" in POST /api/keys)');
    if (departments.length && !departments.includes(department))
      throw scopeError(
        'department',
        `names ${JSON.stringify(department)}, which is not a department of the profile in use; use one of ${departments.join(', ')}`,
      );
  } else if (department !== null) {
    throw scopeError(
      role,
      `takes no department (only a department key is scoped to one); leave --department out, or make a department key`,
    );
  }
  if (role === 'inspector') {
    if (!grids || grids.length === 0)
      throw scopeError('inspector', 'needs the ids of its grids (--grids A1,A2, or "grids" in POST /api/keys)');
  } else if (given.grids !== undefined && given.grids !== null) {
    throw scopeError(role, 'takes no grids (only an inspector key is scoped to grids); leave --grids out, or make an inspector key');
  }
  return { department: role === 'department' ? department : null, grids: role === 'inspector' ? grids : null };
}

function scopeError(role: string, why: string) {
  return serverError([problem('CG_ERR_KEY_SCOPE', {}, role, why)]);
}
