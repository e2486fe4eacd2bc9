import { Value } from 'typebox/value';
import { problem, serverError, type Problem, type ServerErrorCode } from '../errors/catalogue.ts';
import { PersonInputSchema } from './people-schemas.ts';
import type { TeamSettings } from './team-settings.ts';

/** A person that passed every check, as stored (grids sorted, defaults filled). */
export interface PersonRecord {
  id: string;
  name: string;
  phone: string | null;
  role: string;
  department: string | null;
  active: boolean;
  grids: string[];
}

/**
 * Checks every person of a batch: the shape (PersonInputSchema), ids used once, the team role
 * and department against the city's (`settings`), a department for roles that need one, and
 * every grid id against the current version (`gridIds`). Throws one CitygridError listing every
 * problem with its item's index and id, 400s before 422s (unknown grids), so a batch is stored
 * whole or not at all.
 *
 * @param inputs parsed items; not trusted (the CLI calls the service without a schema)
 * @param label names an item in messages: `i => 'body/' + i`, or a CSV line
 * @example checkPeople([{ id: 'P1', name: '王丽', role: 'full-time', grids: ['A1'] }], teamSettings(), new Set(['A1']))
 */
export function checkPeople(
  inputs: readonly unknown[],
  settings: TeamSettings,
  gridIds: ReadonlySet<string>,
  label: (index: number) => string = (i) => `people[${i}]`,
): PersonRecord[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const records = inputs.map((input, index) => {
    const at = label(index);
    const id = typeof (input as { id?: unknown } | null)?.id === 'string' ? (input as { id: string }).id : undefined;
    const shape = shapeProblems(input, at);
    if (shape.length) {
      problems.push(...shape.map((p) => located(p, index, id)));
      return undefined;
    }
    const record = personRecord(input as Record<string, unknown>);
    const first = seen.get(record.id);
    if (first !== undefined)
      problems.push(
        located(
          problem('CG_ERR_VALIDATION', {}, `${at}/id`, `${JSON.stringify(record.id)} is also the id of ${label(first)}: each person once`),
          index,
          id,
        ),
      );
    seen.set(record.id, index);
    problems.push(...teamProblems(record, settings, gridIds, at).map((p) => located(p, index, id)));
    return record;
  });
  if (problems.length) throw peopleError(problems);
  return records as PersonRecord[];
}

/**
 * What is wrong with one person's role, department and grids (the checks beyond the schema).
 * @example teamProblems({ ...record, role: 'specialist', department: null }, settings, grids, 'body') // [CG_ERR_DEPARTMENT_REQUIRED]
 */
export function teamProblems(record: PersonRecord, settings: TeamSettings, gridIds: ReadonlySet<string>, at: string): Problem[] {
  const problems: Problem[] = [];
  const role = settings.teamRoles.find((r) => r.code === record.role);
  if (!role)
    problems.push(
      at_(
        at,
        'role',
        problem('CG_ERR_UNKNOWN_TEAM_ROLE', {}, JSON.stringify(record.role), settings.teamRoles.map((r) => r.code).join(', ') || '(none)'),
      ),
    );
  if (record.department !== null && !settings.departments.some((d) => d.code === record.department)) {
    problems.push(
      at_(
        at,
        'department',
        problem(
          'CG_ERR_UNKNOWN_DEPARTMENT',
          {},
          JSON.stringify(record.department),
          settings.departments.map((d) => d.code).join(', ') || '(none)',
        ),
      ),
    );
  }
  if (role?.department && record.department === null)
    problems.push(at_(at, 'department', problem('CG_ERR_DEPARTMENT_REQUIRED', {}, `${role.code} (${role.name})`)));
  const unknown = record.grids.filter((g) => !gridIds.has(g));
  if (unknown.length) problems.push(at_(at, 'grids', problem('CG_ERR_UNKNOWN_GRID', {}, unknown.map((g) => JSON.stringify(g)).join(', '))));
  return problems;
}

/** One CitygridError of people problems, 400s first: the status is 422 only when every problem is an unknown grid. */
export function peopleError(problems: Problem[]) {
  const grid = (p: Problem) => p.code === 'CG_ERR_UNKNOWN_GRID';
  return serverError([...problems.filter((p) => !grid(p)), ...problems.filter(grid)]);
}

/** A checked input with its defaults: no phone, no department, active, no grids. */
function personRecord(r: Record<string, unknown>): PersonRecord {
  return {
    id: r.id as string,
    name: (r.name as string).trim(),
    phone: (r.phone as string | null | undefined) ?? null,
    role: r.role as string,
    department: (r.department as string | null | undefined) ?? null,
    active: (r.active as boolean | undefined) ?? true,
    grids: [...new Set((r.grids as string[] | undefined) ?? [])].sort(),
  };
}

function shapeProblems(input: unknown, at: string): Problem[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [
      problem('CG_ERR_VALIDATION', {}, at, `must be a person object, got ${Array.isArray(input) ? 'an array' : JSON.stringify(input)}`),
    ];
  }
  return [...Value.Errors(PersonInputSchema, input)]
    .filter((e) => e.keyword !== 'boolean') // additionalProperties says it again, naming the field
    .map((e) => {
      if (e.keyword === 'required')
        return problem(
          'CG_ERR_VALIDATION',
          {},
          `${at}/${(e.params as { requiredProperties: string[] }).requiredProperties.join(', ')}`,
          'is required',
        );
      if (e.keyword === 'additionalProperties')
        return problem(
          'CG_ERR_VALIDATION',
          {},
          `${at}/${(e.params as { additionalProperties: string[] }).additionalProperties.join(', ')}`,
          'is not a field of a person (id, name, phone, role, department, active, grids)',
        );
      return problem('CG_ERR_VALIDATION', {}, `${at}${e.instancePath}`, e.message);
    });
}

/** Prefixes a non-validation problem's message with where it is. */
function at_(at: string, field: string, p: Problem): Problem {
  return p.code === ('CG_ERR_VALIDATION' satisfies ServerErrorCode) ? p : { ...p, message: `${at}/${field}: ${p.message}` };
}

function located(p: Problem, index: number, id: string | undefined): Problem {
  const out: Problem = { ...p, index };
  if (id !== undefined) out.id = id;
  return out;
}
