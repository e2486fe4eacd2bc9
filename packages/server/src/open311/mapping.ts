import type { GridSet } from '@citygrid/core';
import type { Static } from 'typebox';
import type { ServiceRequestSchema } from './open311-schemas.ts';
import type { HierarchyUnit } from '../grids/build-router.ts';
import { levelUnits } from '../areas/level-units.ts';
import type { CityContext } from '../profile/city-context.ts';
import type { Open311Row } from './open311-requests.ts';

/**
 * The name of a department code in the city profile (its code when the profile no longer
 * lists it); null for a report without a department.
 * @example departmentName(store.profiles.current(), 'cgj') // '城管局'
 */
export function departmentName(city: CityContext, code: string | null): string | null {
  if (code === null) return null;
  return city.profile.departments?.find((d) => d.code === code)?.name ?? code;
}

/**
 * What the city will do, for the citizen (Chinese, as the clients are): the grid the report
 * was routed to, its street, and the department; or that it lies in no grid, so the territorial
 * unit takes it (属地兜底, DB11/T 6.3.4).
 * @param grid the grid the report is in, null outside every grid
 * @param street the name of the grid's street or town, if known
 * @param department the name of the report's department (departmentName), null for none
 */
export function noticeText(grid: { id: string; name: string } | null, street: string | null, department: string | null): string {
  const handler = department ? `；责任部门：${department}` : '';
  if (!grid) return `已受理。位置不在任何网格内，由属地兜底处置${handler}。`;
  return `已受理，已派至${grid.name}（网格 ${grid.id}${street ? `，${street}` : ''}）${handler}。`;
}

/** {@link noticeText} for a stored report, its grid and street read from a version and hierarchy. */
export function serviceNotice(
  gridSet: GridSet | null,
  hierarchy: readonly HierarchyUnit[],
  gridId: string | null,
  department: string | null,
): string {
  const g = gridId === null || !gridSet ? -1 : (indexOf(gridSet).get(gridId) ?? -1);
  if (g < 0) return noticeText(null, null, department);
  const { units, unitOf } = levelUnits(gridSet!, hierarchy, 'street');
  const street = units[unitOf[g]];
  return noticeText(gridSet!.grids[g], street.id === gridId ? null : street.name, department);
}

const INDEXES = new WeakMap<GridSet, Map<string, number>>();

/** Grid id → index in the version's grids, built once per version. */
function indexOf(gridSet: GridSet): Map<string, number> {
  let index = INDEXES.get(gridSet);
  if (!index) {
    index = new Map(gridSet.grids.map((g, i) => [g.id, i]));
    INDEXES.set(gridSet, index);
  }

  return index;
}

/** A stored report as a GeoReport v2 service request; names (service, department) from the profile in use, `city`. */
export function serviceRequest(
  row: Open311Row,
  gridSet: GridSet | null,
  hierarchy: readonly HierarchyUnit[],
  city: CityContext,
): Static<typeof ServiceRequestSchema> {
  const department = departmentName(city, row.department);
  return {
    service_request_id: row.id,
    status: row.caseClosed ? 'closed' : 'open',
    status_notes: row.caseNote,
    service_name: city.catalogue.category(row.category)?.name ?? null,
    service_code: row.category,
    description: row.description,
    agency_responsible: department,
    service_notice: serviceNotice(gridSet, hierarchy, row.gridId, department),
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
