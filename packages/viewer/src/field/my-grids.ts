import type { Me } from '@citygrid/server';
import type { RiskAnswer } from '../api/field.ts';

/** One of "my grids": its id and name, and its risk colour when the server has one. */
export interface MyGrid {
  id: string;
  name: string;
  /** Risk level code, name and colour; null without risk colours (GET /api/risk answered 404). */
  risk: { level: string; name: string; color: string } | null;
  /** How often the risk level asks for a patrol, days; null without risk colours. */
  patrolEveryDays: number | null;
}

/**
 * The signed-in person's grids (the person's and the key's scope, each once, in id order) with
 * their risk colour and the patrol frequency it asks for.
 * @param names grid id → name, from the cached grids
 * @param risk GET /api/risk's answer, or null when the server has none
 * @example myGrids(me, new Map([['A1', '西南网格']]), null) // [{ id: 'A1', name: '西南网格', risk: null, patrolEveryDays: null }]
 */
export function myGrids(me: Me, names: ReadonlyMap<string, string>, risk: RiskAnswer | null): MyGrid[] {
  const ids = [...new Set([...(me.person?.grids ?? []), ...(me.key?.grids ?? [])])].sort();
  const levels = new Map((risk?.levels ?? []).map((l) => [l.code, l]));
  const graded = new Map((risk?.grids ?? []).map((g) => [g.id, g]));
  return ids.map((id) => {
    const g = graded.get(id);
    const level = g ? levels.get(g.level) : undefined;
    return {
      id,
      name: names.get(id) ?? g?.name ?? id,
      risk: g && level ? { level: level.code, name: level.name, color: level.color } : null,
      patrolEveryDays: g ? g.patrol_every_days : null,
    };
  });
}
