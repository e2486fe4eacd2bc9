import type { BBox, GridGeometry, GridSet } from '@citygrid/core';

// More boxes than this and the OR of BETWEENs costs more than reading every row: a planner's
// edit touches a handful of grids; a re-partition touches all of them, and then every report
// has to be routed anyway.
const MAX_BOXES = 64;

/**
 * Where a report can route differently under `target` than under `current`: the bounding boxes
 * of every grid added, removed or redrawn between them (both the old and the new shape), or
 * null when there are too many to be worth filtering by.
 *
 * Why this is exact: the router decides a point from the grids whose closed polygons contain
 * it (inside, the border rule between those touching it, the lowest id where they overlap),
 * nothing farther away. A point outside every changed grid's box lies only in grids that are
 * the same, id and geometry, in both versions, so both routers give it the same grid; and its
 * stored grid_id is the current router's answer, since publishing re-routes every report.
 */
export function changedBoxes(current: GridSet | null, target: GridSet): BBox[] | null {
  const boxes: BBox[] = [];
  for (const g of target.grids) {
    const old = current?.byId.get(g.id);
    if (old && sameGeometry(old.geometry, g.geometry)) continue;
    boxes.push(g.bbox);
    if (old) boxes.push(old.bbox);
  }
  for (const g of current?.grids ?? []) if (!target.byId.has(g.id)) boxes.push(g.bbox);
  return boxes.length > MAX_BOXES ? null : boxes;
}

/**
 * SQL for "inside one of `boxes`" over columns lon/lat of `alias`, with its parameters; FALSE
 * for no box (nothing can move).
 */
export function boxesCondition(boxes: readonly BBox[], alias = ''): { condition: string; params: Record<string, number> } {
  const c = alias ? `${alias}.` : '';
  const params: Record<string, number> = {};
  const parts = boxes.map(([x0, y0, x1, y1], i) => {
    Object.assign(params, { [`bx0_${i}`]: x0, [`by0_${i}`]: y0, [`bx1_${i}`]: x1, [`by1_${i}`]: y1 });
    return `(${c}lon BETWEEN $bx0_${i} AND $bx1_${i} AND ${c}lat BETWEEN $by0_${i} AND $by1_${i})`;
  });
  return { condition: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

function sameGeometry(a: GridGeometry, b: GridGeometry): boolean {
  return a === b || (a.type === b.type && sameNested(a.coordinates, b.coordinates));
}

function sameNested(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  const x = a as unknown[];
  const y = b as unknown[];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!sameNested(x[i], y[i])) return false;
  return true;
}
