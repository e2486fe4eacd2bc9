/**
 * The planner's grid versions (issue 8): list them, save a draft, publish it, ask what it would
 * do to the stored reports. The answers' types are the server's schemas (type-only).
 */
import type { FeatureCollection } from 'geojson';
import type { GridsImported, GridVersion, ImpactMatrix, Published, VersionList } from '@citygrid/server';
import type { Client } from './client.ts';
import { filterToQuery } from './filter-query.ts';

/** One row of `GET /api/grids/versions`. */
export type { GridVersion };
/** `GET /api/grids/versions`: the current version and every version, newest first. */
export type { VersionList };
/** `POST /api/grids` (201). */
export type Imported = GridsImported;
/** `POST /api/grids/versions/:v/publish`. */
export type { Published };
/** `GET /api/grids/versions/:v/impact`: reports that would change grid. */
export type { ImpactMatrix };
/** One cell of the impact matrix: reports that would go from grid `from` to grid `to` (null = outside every grid). */
export type ImpactCell = ImpactMatrix['matrix'][number];

/** The window of an impact question: calendar days (`YYYY-MM-DD`, China Standard Time), both inclusive; '' = open. */
export interface ImpactWindow {
  from: string;
  to: string;
}

/** The grid version endpoints. Saving a draft and impact need a planner key, publishing an admin key. */
export interface VersionsApi {
  versions(): Promise<VersionList>;
  /** Saves grids as a new draft version; `force` stores them despite coverage problems. */
  saveDraft(grids: FeatureCollection, options?: { force?: boolean }): Promise<Imported>;
  publish(version: number): Promise<Published>;
  impact(version: number, window: ImpactWindow): Promise<ImpactMatrix>;
}

/**
 * The grid version endpoints over a client.
 * @example const { versions } = versionsApi(createClient()); (await versions()).current
 */
export function versionsApi(client: Client): VersionsApi {
  return {
    versions: () => client.json('GET', '/api/grids/versions'),
    saveDraft: (grids, { force = false } = {}) => client.json('POST', `/api/grids${force ? '?force=true' : ''}`, { body: grids }),
    publish: (version) => client.json('POST', `/api/grids/versions/${version}/publish`),
    impact: (version, window) => {
      const q = impactQuery(window);
      return client.json('GET', `/api/grids/versions/${version}/impact${q ? `?${q}` : ''}`);
    },
  };
}

/**
 * The query of an impact window: the filter's days, `to` the start of the day after the last
 * (the API's `to` is exclusive), both China Standard Time.
 * @example impactQuery({ from: '2024-03-01', to: '2024-03-31' }) // from=2024-03-01T00%3A00%3A00%2B08%3A00&to=2024-04-01T00%3A00%3A00%2B08%3A00
 */
export function impactQuery(window: ImpactWindow): string {
  return filterToQuery({ categories: [], from: window.from, to: window.to });
}
