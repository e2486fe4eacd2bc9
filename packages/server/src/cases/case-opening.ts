import type { CaseOpening, Level } from '@citygrid/core';
import type { CityContext } from '../profile/city-context.ts';
import type { StoredReport } from '../reports/report-schemas.ts';

/**
 * What a case opened from stored reports starts with: the first report gives the category
 * (and its standard code, from the profile's catalogue), place, grid, and the department and
 * level dispatch proposed for it; the others are listed with it.
 * @param at when the case opens (UTC ms): its clock starts then
 * @example caseOpening('c1', Date.now(), [report], city, 'urgent').department // 'cgj', as dispatch proposed
 */
export function caseOpening(id: string, at: number, reports: readonly StoredReport[], city: CityContext, urgency?: string): CaseOpening {
  const first = reports[0];
  return {
    id,
    at,
    category: first.category,
    standard: city.catalogue.category(first.category)?.standard ?? null,
    ...(urgency !== undefined ? { urgency } : {}),
    department: first.department,
    owner_level: (first.owner_level ?? 'grid') as Level,
    grid_id: first.grid_id,
    lon: first.lon,
    lat: first.lat,
    reports: reports.map((r) => r.id),
  };
}

/** The opening as the log's `open` event keeps it (id and at are the event's own). */
export function openingPayload(o: CaseOpening, source: 'api' | 'intake' | 'import'): Record<string, unknown> {
  const { id: _id, at: _at, ...rest } = o;
  return { ...rest, source };
}
