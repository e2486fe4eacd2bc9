import { describe, expect, it } from 'vitest';
import { parsePointCrs, type PointCrs } from '../../src/crs/point-crs.ts';

const cases: Array<[string, PointCrs | undefined]> = [
  ['WGS84', 'wgs84'],
  ['wgs-84', 'wgs84'],
  ['WGS 1984', 'wgs84'],
  ['GPS', 'wgs84'],
  ['EPSG:4326', 'wgs84'],
  ['epsg 4326', 'wgs84'],
  ['urn:ogc:def:crs:EPSG::4326', 'wgs84'],
  ['urn:ogc:def:crs:OGC:1.3:CRS84', 'wgs84'],
  ['CRS84', 'wgs84'],
  ['GCJ-02', 'gcj02'],
  ['gcj02', 'gcj02'],
  ['GCJ_02', 'gcj02'],
  ['amap', 'gcj02'],
  ['Gaode', 'gcj02'],
  ['AutoNavi', 'gcj02'],
  ['tencent', 'gcj02'],
  ['高德', 'gcj02'],
  ['火星坐标', 'gcj02'],
  ['BD-09', 'bd09'],
  ['bd09ll', 'bd09'],
  ['Baidu', 'bd09'],
  ['BMap', 'bd09'],
  ['百度', 'bd09'],
  ['CGCS2000', 'cgcs2000'],
  ['EPSG:4490', 'cgcs2000'],
  ['  cgcs 2000 ', 'cgcs2000'],
  ['天地图', 'cgcs2000'],
  // Projected or unknown: not converted, so not accepted.
  ['BD-09 MC', undefined],
  ['EPSG:3857', undefined],
  ['EPSG:4547', undefined],
  ['', undefined],
  ['toString', undefined],
  ['wgs84x', undefined],
];

describe('parsePointCrs', () => {
  it.each(cases)('reads %j as %s', (text, expected) => {
    expect(parsePointCrs(text)).toBe(expected);
  });

  it('gives undefined for a non-string at run time', () => {
    expect(parsePointCrs(4326 as unknown as string)).toBeUndefined();
  });
});
