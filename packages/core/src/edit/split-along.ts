/**
 * Splitting by a drawn line: the planner draws a street across one grid or several, and every
 * grid the line cuts in two is split (core's splitGrid, one grid after the other: each split
 * adds its crossing points to the neighbours, so the next split sees them as shared vertices).
 */
import { CitygridError } from '../errors.ts';
import type { GridSet } from '../types.ts';
import { splitGrid } from './split-grid.ts';
import type { Position } from 'geojson';

/** Options of {@link splitAlong}. */
export interface SplitAlongOptions {
  /** Split only these grids (the selection); default every grid the line's box reaches. */
  only?: readonly string[];
}

/** Result of {@link splitAlong}. */
export interface SplitAlongResult {
  gridSet: GridSet;
  /** Each grid that was split, with the ids of its pieces (the first keeps the grid's id). */
  split: Array<{ id: string; pieces: string[] }>;
  /** Grids the line reached but did not cut in two, with core's reason. */
  skipped: Array<{ id: string; reason: string }>;
}

/**
 * Splits every grid a line cuts in two. New pieces get the first free `<id>-2`, `<id>-3`, … and
 * the name `<name>-2`, `<name>-3`, …
 *
 * @param line `[lon, lat]` positions, degrees, at least two
 * @throws CitygridError CG_ERR_OPTION for a line of fewer than two positions
 * @example splitAlong(gs, [[108.995, 32.705], [109.012, 32.705]]).split // [{ id: 'HB-1-1', pieces: ['HB-1-1', 'HB-1-1-2'] }]
 */
export function splitAlong(gridSet: GridSet, line: readonly Position[], options: SplitAlongOptions = {}): SplitAlongResult {
  if (line.length < 2)
    throw CitygridError.of('CG_ERR_OPTION', {}, `splitAlong: expected a line of two or more positions, got ${line.length}`);
  const box = lineBox(line);
  const candidates = gridSet.grids
    .filter((g) => (options.only ? options.only.includes(g.id) : true))
    .filter((g) => g.bbox[0] <= box[2] && g.bbox[2] >= box[0] && g.bbox[1] <= box[3] && g.bbox[3] >= box[1])
    .map((g) => g.id);
  let gs = gridSet;
  const split: SplitAlongResult['split'] = [];
  const skipped: SplitAlongResult['skipped'] = [];
  for (const id of candidates) {
    try {
      const ids = freeIds(gs, id, 8);
      const next = splitGrid(gs, id, line as Position[], { ids });
      const pieces = ids.filter((n) => next.byId.has(n));
      split.push({ id, pieces: [id, ...pieces] });
      gs = renamed(next, gs.byId.get(id)!.name, id, pieces);
    } catch (e) {
      if (!(e instanceof CitygridError)) throw e;
      skipped.push({ id, reason: e.message });
    }
  }
  return { gridSet: gs, split, skipped };
}

/**
 * New pieces are named after the grid and their id's suffix (新城社区二网格-2), so lists and
 * labels tell them apart; the planner renames them properly later.
 */
function renamed(gs: GridSet, name: string, id: string, pieces: string[]): GridSet {
  if (!name) return gs;
  const grids = gs.grids.map((g) => {
    if (!pieces.includes(g.id)) return g;
    const pieceName = `${name}${g.id.slice(id.length)}`;
    return { ...g, name: pieceName, properties: { ...g.properties, name: pieceName } };
  });
  return { grids, byId: new Map(grids.map((g) => [g.id, g])), idField: gs.idField };
}

/** `count` ids `<id>-2`, `<id>-3`, … not used in the set (a grid split twice: `-2` is taken). */
function freeIds(gs: GridSet, id: string, count: number): string[] {
  const out: string[] = [];
  for (let k = 2; out.length < count; k++) if (!gs.byId.has(`${id}-${k}`)) out.push(`${id}-${k}`);
  return out;
}

function lineBox(line: readonly Position[]): [number, number, number, number] {
  const xs = line.map((p) => p[0]);
  const ys = line.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
