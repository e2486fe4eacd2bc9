import { problem, serverError } from '../errors/catalogue.ts';

/** The administrative levels a city loads boundaries for, from the top down. */
export const BOUNDARY_LEVELS = ['city', 'district', 'street', 'community'] as const;

/** A level boundaries are loaded for: city (市), district (区/县), street/town (街道/镇), community/village (社区/村). */
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

// The numbers stored in `level` (DOMAIN.md: 1 district, 2 street/town, 3 community, 4 unit
// grid). A city above its districts has none there; 0 keeps "smaller is higher" true.
const NUMBER: Record<BoundaryLevel, number> = { city: 0, district: 1, street: 2, community: 3 };

/**
 * The stored level number of a level name. Throws CG_ERR_UNKNOWN_LEVEL for any other name.
 * @example levelNumber('street') // 2
 */
export function levelNumber(level: string): number {
  if (!(BOUNDARY_LEVELS as readonly string[]).includes(level))
    throw serverError([problem('CG_ERR_UNKNOWN_LEVEL', {}, JSON.stringify(level))]);
  return NUMBER[level as BoundaryLevel];
}

/**
 * The level name of a stored number, or null for a number no boundary level has (4: grids).
 * @example levelName(2) // 'street'
 */
export function levelName(level: number): BoundaryLevel | null {
  return BOUNDARY_LEVELS.find((name) => NUMBER[name] === level) ?? null;
}
