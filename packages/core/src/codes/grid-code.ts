import { CitygridError } from '../errors.ts';

/** The four parts of a 15-digit unit-grid code (单元网格标识码, DB11/T, GB/T 47678.3). */
export interface GridCodeParts {
  /** 6 digits: county-level division (GB/T 2260), e.g. 610902 汉滨区. */
  county: string;
  /** 3 digits: street/town (街道 001–099, 镇 100–199, 乡 200–399). */
  town: string;
  /** 3 digits: community/village (社区 001–199, 村 200–399). */
  community: string;
  /** 3 digits: grid number inside the community, 001–999 (000 is not a grid). */
  seq: string;
}

const GRID_CODE = /^(\d{6})(\d{3})(\d{3})(\d{3})$/;

/**
 * Splits a 15-digit grid code, or returns undefined when it is not one (wrong length,
 * non-digits, sequence 000).
 * @example parseGridCode('610902001001003') // { county: '610902', town: '001', community: '001', seq: '003' }
 */
export function parseGridCode(code: string): GridCodeParts | undefined {
  const m = GRID_CODE.exec(code);
  if (!m || m[4] === '000') return undefined;
  return { county: m[1], town: m[2], community: m[3], seq: m[4] };
}

/**
 * Joins the parts of a grid code; numbers are zero-padded to their width.
 * @example formatGridCode({ county: '610902', town: 1, community: 1, seq: 3 }) // '610902001001003'
 */
export function formatGridCode(parts: { county: string; town: string | number; community: string | number; seq: string | number }): string {
  const pad = (v: string | number) => String(v).padStart(3, '0');
  const code = `${parts.county}${pad(parts.town)}${pad(parts.community)}${pad(parts.seq)}`;
  if (!parseGridCode(code)) throw CitygridError.of('CG_ERR_OPTION', {}, `not a 15-digit grid code: ${code}`);
  return code;
}
