import type { ProfileDispatch, RouteResult } from '@citygrid/core';
import type { CityContext } from '../profile/city-context.ts';
import type { CheckedReport } from './check-report-inputs.ts';

/**
 * Who owns a report under the city profile: department, level and the deciding profile entry
 * (profileDispatcher: corridor, then the most specific rule, then the default).
 * @param route where the report was routed; its grid and ancestors are what `within` rules test
 * @example ownerOf(store.profiles.current(), checked, routeWithin(router, checked.lon, checked.lat, 0))
 */
export function ownerOf(city: CityContext, report: CheckedReport, route: Pick<RouteResult, 'grid' | 'path'> | null): ProfileDispatch {
  const within = route?.grid ? [route.grid.id, ...route.path.map((p) => p.id)] : [];
  return city.dispatcher.dispatch({
    category: report.category,
    standard: report.standard,
    attributes: report.attributes ?? undefined,
    lon: report.lon,
    lat: report.lat,
    within,
  });
}

/** Whether any rule of the profile tests where a report lies (then bulk loads must route fully). */
export function rulesNeedPath(city: CityContext): boolean {
  return (city.profile.dispatch ?? []).some((rule) => rule.within !== undefined);
}
