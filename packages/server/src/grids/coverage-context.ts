import type { GridSet, ValidateCoverageOptions } from '@citygrid/core';
import { problem, serverError } from '../errors/catalogue.ts';
import type { Store } from '../store.ts';

/**
 * What grids are checked against, from the loaded boundaries: every town and district for the
 * hierarchy check (a grid's `parent` must name one, and lie within it), and, when `parentId`
 * names one of them, that unit as the area the grids must cover exactly.
 * Throws CG_ERR_UNKNOWN_PARENT (400) when `parentId` names no loaded boundary.
 *
 * @example validateCoverage(gridSet, await coverageContext(app.store, request.query.parent))
 */
export async function coverageContext(store: Store, parentId?: string): Promise<Pick<ValidateCoverageOptions, 'parent' | 'parents'>> {
  const units = await store.areas.boundaryAreas();
  const parent = parentId === undefined ? undefined : units.find((u) => u.id === parentId);
  if (parentId !== undefined && !parent) throw serverError([problem('CG_ERR_UNKNOWN_PARENT', {}, JSON.stringify(parentId))]);
  if (units.length === 0) return {};
  const parents: GridSet = { grids: units, byId: new Map(units.map((u) => [u.id, u])), idField: 'id' };
  return parent ? { parent: parent.geometry, parents } : { parents };
}
