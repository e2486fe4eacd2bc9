import { createRouter, parseGrids, toWgs84, type Router } from '@citygrid/core';
import type { GridCollection } from '../api/index.ts';
import type { Fix } from './position.ts';

/** The grids as the phone holds them: core's router over the cached GeoJSON, and the names. */
export interface LocalGrids {
  router: Router | null;
  names: Map<string, string>;
}

/**
 * Builds the on-device router from `GET /api/grids` (served from the service worker's cache
 * offline), so the grid a report will go to shows without signal.
 * @example const grids = localGrids(await api.grids()); gridOf(grids, fix)
 */
export function localGrids(collection: GridCollection): LocalGrids {
  const names = new Map(collection.features.map((f) => [String(f.properties.id), String(f.properties.name ?? f.properties.id)]));
  const parsed = parseGrids(JSON.stringify(collection), { idField: 'id' });
  return { router: parsed.ok ? createRouter(parsed.gridSet) : null, names };
}

/**
 * The grid a position falls in (converted to WGS84 first), or null outside every grid.
 * @example gridOf(grids, { lon: 109.015, lat: 32.705, crs: 'wgs84', accuracy: 8, at: 0 }) // { id: 'HB-1-2', name: '…' }
 */
export function gridOf(grids: LocalGrids, fix: Pick<Fix, 'lon' | 'lat' | 'crs'>): { id: string; name: string } | null {
  if (!grids.router) return null;
  const [lon, lat] = fix.crs === 'wgs84' ? [fix.lon, fix.lat] : toWgs84(fix.lon, fix.lat, fix.crs);
  const grid = grids.router.route(lon, lat)?.grid;
  return grid ? { id: grid.id, name: grids.names.get(grid.id) ?? grid.id } : null;
}
