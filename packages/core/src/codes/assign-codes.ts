import { CitygridError } from '../errors.ts';
import type { GridLike } from '../geom/geometry-of.ts';
import { readingOrder } from './reading-order.ts';

/** Options of {@link assignCodes}. */
export interface AssignCodesOptions {
  /**
   * [options.order='reading'] `reading`: number in {@link readingOrder} (从西向东、由北至南);
   * `given`: the grids are already in order (e.g. {@link regularGrid}'s lattice rows).
   */
  order?: 'reading' | 'given';
  /** [options.rowHeight_m] Row height for {@link readingOrder}. */
  rowHeight_m?: number;
  /**
   * [options.first] First number given out. Under a 12-digit community: the first grid
   * number (default 1). Under a 9-digit street/town: the first community number, by default 1
   * under a 街道 (town part 001–099: 社区 001–199) and 201 otherwise (镇/乡: 村 200–399,
   * STANDARDS.md §3, inferred: pass `first` where the town's grids are urban communities).
   */
  first?: number;
  /**
   * [options.used] Codes already taken under the same parent (grids kept from an earlier
   * numbering): their numbers are skipped.
   */
  used?: Iterable<string>;
}

/**
 * 15-digit unit-grid codes (单元网格标识码: county 6 + street/town 3 + community 3 + grid 3,
 * STANDARDS.md §2) for grids inside one parent, numbered 从西向东、由北至南.
 *
 * - Parent a **12-digit community** code (一区多格): grid k gets `parent + k` (001, 002, …).
 * - Parent a **9-digit street/town** code (一村一格): each grid is its own community, grid k
 *   getting `parent + community k + 001`.
 *
 * @param grids geometries, GeoJSON Features or parsed Grids, all inside the parent
 * @param parentCode the community (12 digits) or street/town (9 digits) the grids lie in
 * @param options see {@link AssignCodesOptions}
 * @returns one code per grid, **in input order** (`codes[i]` is grids[i]'s)
 * @throws CitygridError CG_ERR_PARENT_CODE for a parent that is not 12 or 9 digits, or when the
 *   numbers would pass 999
 * @example
 * assignCodes(pieces, '610902001001');   // ['610902001001002', '610902001001001', …]: the NW piece is 001
 * assignCodes(villages, '610902101');    // ['610902101201001', …]: villages 201, 202, … of a 镇
 */
export function assignCodes(grids: readonly GridLike[], parentCode: string, options: AssignCodesOptions = {}): string[] {
  const parent = String(parentCode);
  if (!/^(\d{9}|\d{12})$/.test(parent))
    throw CitygridError.of(
      'CG_ERR_PARENT_CODE',
      {},
      JSON.stringify(parentCode),
      `${parent.length} characters, expected 12 digits (community) or 9 (street/town)`,
    );
  const town = parent.length === 9;
  const first = options.first ?? (town && Number(parent.slice(6, 9)) >= 100 ? 201 : 1);
  if (!Number.isInteger(first) || first < 1)
    throw CitygridError.of('CG_ERR_PARENT_CODE', {}, parent, `first number ${first}, expected an integer ≥ 1`);
  const taken = new Set<number>();
  for (const code of options.used ?? []) if (code.startsWith(parent)) taken.add(Number(code.slice(parent.length, parent.length + 3)));
  const numbers: number[] = [];
  for (let n = first; numbers.length < grids.length && n <= 999; n++) if (!taken.has(n)) numbers.push(n);
  if (numbers.length < grids.length)
    throw CitygridError.of(
      'CG_ERR_PARENT_CODE',
      {},
      parent,
      `${grids.length} grids from ${first}${taken.size ? ` (${taken.size} numbers taken)` : ''} need numbers past 999; split the parent`,
    );
  const order = options.order === 'given' ? grids.map((_, i) => i) : readingOrder(grids, { rowHeight_m: options.rowHeight_m });
  const codes = new Array<string>(grids.length);
  order.forEach((g, k) => {
    const n = String(numbers[k]).padStart(3, '0');
    codes[g] = town ? `${parent}${n}001` : `${parent}${n}`;
  });
  return codes;
}
