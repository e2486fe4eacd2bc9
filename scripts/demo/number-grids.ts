import { assignCodes, ellipsoidalArea, readingOrder } from '@citygrid/core';
import type { Feature, Polygon } from 'geojson';
import { DISTRICT, STANDARD_REF, type TownSpec } from './hanbin.ts';

/**
 * The grids of one town as GeoJSON features, numbered 从西向东、由北至南 by core's
 * {@link readingOrder}: each grid is placed by its area-weighted centroid; rows are
 * √(town area / grid count) high (the typical grid's side), counted from the northernmost
 * centroid; rows go north to south, grids within a row west to east (ties: the more northern first).
 *
 * One grid per community or village (一村一格), coded by core's {@link assignCodes} under the
 * town: grid i (1-based) gets community i in a 街道 (社区 001–199) or 200 + i in a 镇 (村
 * 201–399), sequence 001, so the 15-digit code is 610902 · town · community · 001
 * (STANDARDS.md §2–3).
 */
export function gridFeatures(spec: TownSpec, pieces: Polygon[]): Array<Feature<Polygon>> {
  const codes = assignCodes(pieces, DISTRICT.code + spec.town);
  return readingOrder(pieces).map((k, i) => {
    const geometry = pieces[k];
    const code = codes[k];
    return {
      type: 'Feature',
      properties: {
        id: code,
        code,
        name: `${spec.name}第${String(i + 1).padStart(2, '0')}网格`,
        level: 3,
        parent: DISTRICT.code + spec.town,
        community: code.slice(0, 12),
        town: spec.name,
        district: DISTRICT.name,
        area_m2: Math.round(ellipsoidalArea(geometry)),
        synthetic: true,
        standardRef: STANDARD_REF.grid,
      },
      geometry,
    };
  });
}
