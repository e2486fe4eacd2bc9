/** Which statistics levels the wall offers: the grids, and the boundary levels the city loaded. */
import type { Meta, StatsLevel } from '../api/index.ts';

const ABOVE_GRIDS: readonly Exclude<StatsLevel, 'grid'>[] = ['community', 'street'];

/**
 * The levels the level switch offers and the rankings show: always `grid`, then `community`
 * and `street` only where `GET /api/meta` lists units for them. A city that loaded no streets
 * would otherwise see every grid ranked again as its own "street".
 * @example shownLevels({ ...meta, levels: [{ level: 'street', units: 13 }] }) // ['grid', 'street']
 */
export function shownLevels(meta: Pick<Meta, 'levels'>): StatsLevel[] {
  const loaded = meta.levels && new Set(meta.levels.filter((l) => l.units > 0).map((l) => l.level));
  return ['grid', ...ABOVE_GRIDS.filter((level) => !loaded || loaded.has(level))];
}
