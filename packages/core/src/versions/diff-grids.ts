import type { Position } from 'geojson';
import * as polyclip from 'polyclip-ts';
import RBush from 'rbush';
import { ellipsoidalArea } from '../geom/ellipsoidal-area.ts';
import type { Grid, GridGeometry, GridSet } from '../types.ts';

/** Part of a grid's gained or lost area, and the grid of the other version it came from or went to. */
export interface AreaShare {
  /** Grid id in the other version; null for area no grid held (a gap, or outside every grid). */
  id: string | null;
  /** m² on the WGS84 ellipsoid. */
  area_m2: number;
}

/** How one grid id differs between two versions. */
export interface GridChange {
  id: string;
  /** `added`: only in `to`; `removed`: only in `from`; `changed`: in both with a different geometry. */
  change: 'added' | 'removed' | 'changed';
  /** m² in `from` (0 when added). */
  from_m2: number;
  /** m² in `to` (0 when removed). */
  to_m2: number;
  /** m² of the `to` grid outside the `from` grid of the same id (all of it when added). */
  gained_m2: number;
  /** m² of the `from` grid outside the `to` grid of the same id (all of it when removed). */
  lost_m2: number;
  /** Which `from` grids the gained area belonged to, largest first; `id: null` for area no grid held. */
  taken_from: AreaShare[];
  /** Which `to` grids hold the lost area now, largest first; `id: null` for area no grid holds. */
  given_to: AreaShare[];
}

/** The answer of {@link diffGrids}. */
export interface GridsDiff {
  /** Every id added, removed or changed: `to`'s order first, then the removed ones in `from`'s order. */
  changes: GridChange[];
  /** Ids in both versions with identical geometry (not listed in `changes`). */
  unchanged: number;
}

// Shares below 1 dm² are clipping noise: subtracting an area of 10⁶ m² computed two ways leaves
// ~10⁻⁶ m², and coordinates written to 10⁻⁹° are ~0.1 mm apart; no planner moves 10 cm² on purpose.
const MIN_SHARE_M2 = 0.01;

/**
 * What changed between two versions of a grid set, grid by grid: which ids were added, removed
 * or redrawn, how many m² each gained and lost, which grids of the old version the gained area
 * was taken from and which grids of the new version the lost area went to.
 *
 * Geometry counts as changed when its coordinates are not identical (the same polygon written
 * from another start vertex is "changed" with 0 m² gained and lost). Areas are the ellipsoidal
 * areas of polygon intersections (polyclip-ts), clipped only between grids whose bounding boxes
 * meet and only where a changed grid is involved, so redrawing a few grids of a city costs a
 * few dozen clippings. Both versions are assumed to be free of overlaps (validateCoverage); where
 * `from` grids overlap, area held by several is counted for each of them.
 *
 * @param from the older version
 * @param to the newer version
 * @returns the changes and how many grids stayed identical; m² rounded to mm²
 * @example
 * const { changes } = diffGrids(published, draft);
 * // [{ id: 'A1', change: 'changed', gained_m2: 104005.2, lost_m2: 0, taken_from: [{ id: 'A2', area_m2: 104005.2 }], given_to: [] }, …]
 */
export function diffGrids(from: GridSet, to: GridSet): GridsDiff {
  const changed = new Set<string>();
  let unchanged = 0;
  for (const g of to.grids) {
    const old = from.byId.get(g.id);
    if (old && sameGeometry(old.geometry, g.geometry)) unchanged++;
    else changed.add(g.id);
  }
  for (const g of from.grids) if (!to.byId.has(g.id)) changed.add(g.id);

  const overlap = overlapAreas(from.grids, to.grids, changed);
  const changes: GridChange[] = [];
  for (const g of to.grids) if (changed.has(g.id)) changes.push(describe(g.id, from.byId.get(g.id), g, overlap));
  for (const g of from.grids) if (!to.byId.has(g.id)) changes.push(describe(g.id, g, undefined, overlap));
  return { changes, unchanged };
}

/** Intersection areas (m²) between `from` and `to` grids, for the pairs that involve a changed id. */
interface Overlaps {
  /** `to` grid id → [`from` grid id, m²] of every `from` grid it meets. */
  byTo: Map<string, [string, number][]>;
  /** `from` grid id → [`to` grid id, m²] of every `to` grid it meets. */
  byFrom: Map<string, [string, number][]>;
}

type Box = { minX: number; minY: number; maxX: number; maxY: number; grid: Grid };

function overlapAreas(fromGrids: readonly Grid[], toGrids: readonly Grid[], changed: Set<string>): Overlaps {
  const index = new RBush<Box>();
  index.load(fromGrids.map((grid) => ({ minX: grid.bbox[0], minY: grid.bbox[1], maxX: grid.bbox[2], maxY: grid.bbox[3], grid })));
  const byTo = new Map<string, [string, number][]>();
  const byFrom = new Map<string, [string, number][]>();
  const add = (map: Map<string, [string, number][]>, key: string, entry: [string, number]) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const t of toGrids) {
    const [minX, minY, maxX, maxY] = t.bbox;
    for (const { grid: f } of index.search({ minX, minY, maxX, maxY })) {
      // Two grids that are both unchanged cannot explain any change; nor can an id and itself
      // when it is unchanged.
      if (!changed.has(t.id) && !changed.has(f.id)) continue;
      const area = intersectionArea(f.geometry, t.geometry);
      if (area <= 0) continue;
      add(byTo, t.id, [f.id, area]);
      add(byFrom, f.id, [t.id, area]);
    }
  }
  return { byTo, byFrom };
}

function describe(id: string, before: Grid | undefined, after: Grid | undefined, overlap: Overlaps): GridChange {
  const fromM2 = before ? ellipsoidalArea(before.geometry) : 0;
  const toM2 = after ? ellipsoidalArea(after.geometry) : 0;
  const into = overlap.byTo.get(id) ?? [];
  const outOf = overlap.byFrom.get(id) ?? [];
  const kept = before && after ? (into.find(([other]) => other === id)?.[1] ?? 0) : 0;
  const gained = Math.max(0, toM2 - kept);
  const lost = Math.max(0, fromM2 - kept);
  return {
    id,
    change: !before ? 'added' : !after ? 'removed' : 'changed',
    from_m2: round(fromM2),
    to_m2: round(toM2),
    gained_m2: round(gained),
    lost_m2: round(lost),
    taken_from: shares(
      gained,
      into.filter(([other]) => other !== id),
    ),
    given_to: shares(
      lost,
      outOf.filter(([other]) => other !== id),
    ),
  };
}

/** The named shares, largest first, plus what is left of `total` as `id: null`. */
function shares(total: number, named: [string, number][]): AreaShare[] {
  const out: AreaShare[] = named.filter(([, a]) => a >= MIN_SHARE_M2).map(([id, a]) => ({ id, area_m2: round(a) }));
  const rest = total - named.reduce((s, [, a]) => s + a, 0);
  if (rest >= MIN_SHARE_M2) out.push({ id: null, area_m2: round(rest) });
  return out.sort((a, b) => b.area_m2 - a.area_m2 || String(a.id).localeCompare(String(b.id)));
}

function intersectionArea(a: GridGeometry, b: GridGeometry): number {
  const pieces = polyclip.intersection(a.coordinates as polyclip.Geom, b.coordinates as polyclip.Geom) as Position[][][];
  return pieces.length ? ellipsoidalArea({ type: 'MultiPolygon', coordinates: pieces }) : 0;
}

/** Same type and the same coordinates, number for number. */
function sameGeometry(a: GridGeometry, b: GridGeometry): boolean {
  return a.type === b.type && sameNested(a.coordinates, b.coordinates);
}

function sameNested(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  const x = a as unknown[],
    y = b as unknown[];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!sameNested(x[i], y[i])) return false;
  return true;
}

/** m² to 3 decimals (a mm²; more is noise from the coordinates). */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
