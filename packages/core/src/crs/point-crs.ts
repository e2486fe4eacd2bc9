/**
 * The geographic coordinate systems a report's `[lon, lat]` may arrive in.
 *
 * - `wgs84`: GPS, EPSG:4326. What citygrid stores.
 * - `gcj02`: 国测局 "Mars" coordinates of AMap/Gaode, Tencent, WeChat maps, DataV boundary
 *   files. 300–600 m off WGS84 in China.
 * - `bd09`: Baidu Maps longitude/latitude (BD-09 LL, not Baidu's projected metres BD-09 MC);
 *   GCJ-02 plus a further 800–1000 m offset.
 * - `cgcs2000`: China Geodetic Coordinate System 2000 (EPSG:4490), used by surveys and 天地图.
 *   It differs from WGS84 by well under a metre, so citygrid treats it as WGS84.
 */
export type PointCrs = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000';

/** Every {@link PointCrs}, in a fixed order. */
export const POINT_CRSES: readonly PointCrs[] = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'];

// Spellings seen in the wild, after lower-casing and dropping spaces, '-', '_' and '.'.
const ALIASES: Readonly<Record<string, PointCrs>> = {
  wgs84: 'wgs84',
  wgs1984: 'wgs84',
  gps: 'wgs84',
  epsg4326: 'wgs84',
  crs84: 'wgs84',
  gcj02: 'gcj02',
  gcj: 'gcj02',
  amap: 'gcj02',
  gaode: 'gcj02',
  autonavi: 'gcj02',
  tencent: 'gcj02',
  qq: 'gcj02',
  qqmap: 'gcj02',
  mars: 'gcj02',
  高德: 'gcj02',
  腾讯: 'gcj02',
  火星: 'gcj02',
  火星坐标: 'gcj02',
  国测局: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
  baidu: 'bd09',
  bmap: 'bd09',
  百度: 'bd09',
  cgcs2000: 'cgcs2000',
  cgcs: 'cgcs2000',
  epsg4490: 'cgcs2000',
  tianditu: 'cgcs2000',
  天地图: 'cgcs2000',
};

// EPSG codes in the forms 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326', 'urn:ogc:def:crs:EPSG:6.6:4326'.
const EPSG = /^(?:urn:ogc:def:crs:)?epsg:(?:[\d.]*:)?(\d+)$/;
const BY_EPSG: Readonly<Record<string, PointCrs>> = { '4326': 'wgs84', '4490': 'cgcs2000' };

/**
 * Reads a coordinate-system label as people and systems write it, or undefined when it is not
 * one citygrid converts from.
 *
 * Accepted, case-insensitive, with or without `-`, `_`, spaces: `WGS84`, `WGS 1984`, `GPS`,
 * `EPSG:4326`, `CRS84` (and the `urn:ogc:def:crs:` forms) → `wgs84`; `GCJ-02`, `gcj02`, `amap`,
 * `gaode`, `autonavi`, `tencent`, `qq`, `高德`, `腾讯`, `火星` → `gcj02`; `BD-09`, `bd09ll`,
 * `baidu`, `bmap`, `百度` → `bd09`; `CGCS2000`, `EPSG:4490`, `tianditu`, `天地图` → `cgcs2000`.
 * Projected systems (BD-09 MC, Web Mercator, Gauss-Krüger zones EPSG:4513–4554) give undefined:
 * citygrid takes longitude/latitude only.
 *
 * @param text a label such as `'GCJ-02'` or `'EPSG:4490'`
 * @returns the coordinate system, or undefined
 * @example parsePointCrs('Gaode') // 'gcj02'
 * @example parsePointCrs('EPSG:3857') // undefined
 */
export function parsePointCrs(text: string): PointCrs | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim().toLowerCase();
  const epsg = EPSG.exec(t.replace(/\s+/g, ''));
  if (epsg) return BY_EPSG[epsg[1]];
  if (/^urn:ogc:def:crs:ogc:(?:1\.3:)?crs84$/.test(t)) return 'wgs84';
  const key = t.replace(/[\s\-_.]/g, '');
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}
