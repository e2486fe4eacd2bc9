import type { MultiPolygon, Polygon } from 'geojson';

/** `[lon, lat]` in degrees, WGS84 (CGCS2000 is equal to well under a metre). */
export type LonLat = [number, number];

/** `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type BBox = [number, number, number, number];

/** Areal geometry a grid may have: one part, or several (一格多点). */
export type GridGeometry = Polygon | MultiPolygon;

/**
 * One grid (网格) of any level: 1 district/city, 2 street/town, 3 community/village, 4 unit
 * grid inside a community. Geometry is WGS84 lon/lat; `area_m2` is on the WGS84 ellipsoid.
 */
export interface Grid {
  /** Unique id: the 15-digit grid code where there is one, else the id field's value. */
  id: string;
  name: string;
  level: number;
  /** Id of the enclosing unit (town code, community code), or null at the top. */
  parent: string | null;
  /** Every property of the source feature, untouched. */
  properties: Record<string, unknown>;
  geometry: GridGeometry;
  bbox: BBox;
  area_m2: number;
}

/** A validated collection of grids: ids are unique, geometries are lon/lat polygons. */
export interface GridSet {
  grids: Grid[];
  byId: Map<string, Grid>;
  /** The source property the ids were read from (`id` unless told otherwise). */
  idField: string;
}

/** Where a report came from (seed 001/002): hotline, city app, WeChat, patrol staff. */
export type ReportSource = '12345' | 'app' | 'wechat' | 'patrol';

/** A geotagged report (案件上报) in WGS84. */
export interface Report {
  id: string;
  lon: number;
  lat: number;
  /** Event type code, e.g. `06010` 暴露垃圾 (GB/T 47678.5). */
  category: string;
  source: ReportSource | string;
  /** ISO 8601 timestamp. */
  created_at: string;
}
