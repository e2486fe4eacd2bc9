import { problem, type Problem } from '../errors.ts';

/** A grid as {@link checkCodes} reads it: `code`, `parent`, `id` on it or in its `properties`. */
export type CodedGrid = { code?: unknown; parent?: unknown; id?: unknown; properties?: Record<string, unknown> | null };

/** Options of {@link checkCodes}. */
export interface CheckCodesOptions {
  /** [options.parentCode] Code every grid must start with; default: each grid's own `parent`. */
  parentCode?: string;
}

/**
 * Checks 15-digit unit-grid codes: each is 15 digits with a grid number 001–999; no two grids
 * share one; each starts with its parent's code when the parent is a division code (6-digit
 * county, 9-digit street/town or 12-digit community; other parent ids are not codes and are
 * not compared).
 *
 * @param grids plain `{ code, parent?, id? }` objects, GeoJSON Features or parsed Grids
 *   (fields read from the object, else from its `properties`)
 * @param options see {@link CheckCodesOptions}
 * @returns problems in grid order (CG_ERR_GRID_CODE, CG_ERR_GRID_CODE_DUPLICATE,
 *   CG_ERR_GRID_CODE_PARENT), each with the grid's index and id; empty when all is well
 * @example
 * checkCodes([{ id: 'a', code: '61090200100100' }])[0].message; // 'feature 0 (id "a"): grid code 61090200100100: 14 digits, expected 15'
 */
export function checkCodes(grids: readonly CodedGrid[], options: CheckCodesOptions = {}): Problem[] {
  const out: Problem[] = [];
  const byCode = new Map<string, number[]>();
  grids.forEach((g, index) => {
    const code = field(g, 'code');
    const id = field(g, 'id');
    const where = { index, id: id === undefined || id === null ? undefined : String(id) };
    const why = formatProblem(code);
    if (why) {
      out.push(problem('CG_ERR_GRID_CODE', where, JSON.stringify(code ?? null), why));
      return;
    }
    const text = code as string;
    byCode.set(text, [...(byCode.get(text) ?? []), index]);
    const parent = options.parentCode ?? field(g, 'parent');
    if (typeof parent === 'string' && /^(\d{6}|\d{9}|\d{12})$/.test(parent) && !text.startsWith(parent)) {
      out.push(problem('CG_ERR_GRID_CODE_PARENT', where, text, parent));
    }
  });
  for (const [code, users] of byCode) {
    if (users.length < 2) continue;
    const names = users
      .map((i) => {
        const id = field(grids[i], 'id');
        return id === undefined || id === null ? `${i}` : `${i} (id ${JSON.stringify(String(id))})`;
      })
      .join(', ');
    for (const index of users.slice(1)) {
      const id = field(grids[index], 'id');
      out.push(
        problem(
          'CG_ERR_GRID_CODE_DUPLICATE',
          { index, id: id === undefined || id === null ? undefined : String(id) },
          code,
          `grids ${names}`,
        ),
      );
    }
  }
  return out.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
}

/** Why a value is not a 15-digit grid code, or null when it is one. */
function formatProblem(code: unknown): string | null {
  if (code === undefined || code === null || code === '') return 'missing';
  if (typeof code !== 'string') return `a ${typeof code}, expected a string of 15 digits (a number loses leading zeros)`;
  if (!/^\d+$/.test(code)) return 'not digits only';
  if (code.length !== 15) return `${code.length} digits, expected 15`;
  if (code.endsWith('000')) return 'grid number 000 is not a grid (001–999)';
  return null;
}

function field(g: CodedGrid, name: 'code' | 'parent' | 'id'): unknown {
  const own = g?.[name];
  return own !== undefined ? own : g?.properties?.[name];
}
