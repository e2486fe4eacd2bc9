/** The map's data: grids (of a version), context boundaries and `/api/meta`. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LoadedLevel, Meta as ReportsMeta } from '@citygrid/server';
import type { Client } from './client.ts';

// The server's GeoJSON schema is generic (any properties): these are the properties the viewer
// reads, as the grid import and the boundary import store them.

/** Properties of a grid feature from `GET /api/grids`. */
export interface GridProperties {
  id: string;
  name: string;
  level: number;
  parent: string | null;
  /** Area on the WGS84 ellipsoid, m². */
  area_m2: number;
  town?: string | null;
  [key: string]: unknown;
}

export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>;
/** `GET /api/grids`; `version` names the grid version served. */
export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties> & { version?: number };

/** Properties of a context outline from `GET /api/boundaries`: 1 district, 2 town/street. */
export interface BoundaryProperties {
  level: number;
  name?: string;
  [key: string]: unknown;
}
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

/**
 * `GET /api/meta`: categories, sources, time range, counts, bbox, and the boundary levels
 * loaded (absent from a server older than boundary levels: then every level is offered).
 */
export type Meta = ReportsMeta & { levels?: LoadedLevel[] };
/** One category (事件类型) with its report count over all time. */
export type MetaCategory = Meta['categories'][number];

/** The map data endpoints. */
export interface MapDataApi {
  /** The grids of a version (`GET /api/grids?version=`), or the current ones when absent or null. */
  grids(version?: number | null): Promise<GridCollection>;
  boundaries(): Promise<BoundaryCollection>;
  meta(): Promise<Meta>;
}

/**
 * The map data endpoints over a client.
 * @example const { grids } = mapDataApi(createClient()); await grids(2);
 */
export function mapDataApi(client: Client): MapDataApi {
  return {
    grids: (version) => client.json('GET', version == null ? '/api/grids' : `/api/grids?version=${version}`),
    boundaries: () => client.json('GET', '/api/boundaries'),
    meta: () => client.json('GET', '/api/meta'),
  };
}
