import { CASE_TYPES, caseType, createDispatcher, type GridSet } from '@citygrid/core';
import type { Static } from 'typebox';
import type { ServiceRequestSchema, ServiceSchema } from './open311-schemas.ts';
import type { HierarchyUnit } from '../grids/build-router.ts';
import { levelUnits } from '../areas/level-units.ts';
import type { Open311Row } from './open311-requests.ts';

/** The event types as GeoReport v2 services: one service per GB/T 47678.5 code. */
export const SERVICES: Static<typeof ServiceSchema>[] = CASE_TYPES.map((t) => ({
  service_code: t.code,
  service_name: t.name,
  description: `${t.en} (${t.group}, ${t.standardRef})`,
  metadata: false,
  type: 'realtime' as const,
  keywords: `${t.en}, ${t.group}`,
  group: t.group,
}));

// Departments by category: core's dispatcher with its illustrative local rules (no national
// table exists, STANDARDS.md §6). Without corridors the answer depends on the category alone,
// so it is worked out once per code with a router that places nothing.
const dispatcher = createDispatcher({ router: { route: () => ({ grid: null, path: [], match: 'outside', distance_m: null }) } });
const DEPARTMENTS = new Map(CASE_TYPES.map((t) => [t.code, dispatcher.dispatch({ lon: 0, lat: 0, category: t.code }).department]));

/** The department that handles a category (core's default rules). */
export function departmentOf(category: string): string | null {
  return DEPARTMENTS.get(category) ?? null;
}

/**
 * What the city will do, for the citizen (Chinese, as the clients are): the grid the report
 * was routed to, its street, and the department; or that it lies in no grid, so the territorial
 * unit takes it (属地兜底, DB11/T 6.3.4).
 * @param grid the grid the report is in, null outside every grid
 * @param street the name of the grid's street or town, if known
 */
export function noticeText(grid: { id: string; name: string } | null, street: string | null, category: string): string {
  const department = departmentOf(category);
  const handler = department ? `；责任部门：${department}` : '';
  if (!grid) return `已受理。位置不在任何网格内，由属地兜底处置${handler}。`;
  return `已受理，已派至${grid.name}（网格 ${grid.id}${street ? `，${street}` : ''}）${handler}。`;
}

/** {@link noticeText} for a stored report, its grid and street read from a version and hierarchy. */
export function serviceNotice(gridSet: GridSet | null, hierarchy: readonly HierarchyUnit[], gridId: string | null, category: string): string {
  const g = gridId === null || !gridSet ? -1 : (indexOf(gridSet).get(gridId) ?? -1);
  if (g < 0) return noticeText(null, null, category);
  const { units, unitOf } = levelUnits(gridSet!, hierarchy, 'street');
  const street = units[unitOf[g]];
  return noticeText(gridSet!.grids[g], street.id === gridId ? null : street.name, category);
}

const INDEXES = new WeakMap<GridSet, Map<string, number>>();

/** Grid id → index in the version's grids, built once per version. */
function indexOf(gridSet: GridSet): Map<string, number> {
  let index = INDEXES.get(gridSet);
  if (!index) INDEXES.set(gridSet, (index = new Map(gridSet.grids.map((g, i) => [g.id, i]))));
  return index;
}

/** A stored report as a GeoReport v2 service request. */
export function serviceRequest(row: Open311Row, gridSet: GridSet | null, hierarchy: readonly HierarchyUnit[]): Static<typeof ServiceRequestSchema> {
  return {
    service_request_id: row.id,
    status: row.caseClosed ? 'closed' : 'open',
    status_notes: row.caseNote,
    service_name: caseType(row.category)?.name ?? null,
    service_code: row.category,
    description: row.description,
    agency_responsible: departmentOf(row.category),
    service_notice: serviceNotice(gridSet, hierarchy, row.gridId, row.category),
    requested_datetime: new Date(row.createdMs).toISOString(),
    updated_datetime: new Date(row.caseUpdatedMs ?? row.receivedMs).toISOString(),
    expected_datetime: row.caseDueMs === null ? null : new Date(row.caseDueMs).toISOString(),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.media_url,
  };
}
