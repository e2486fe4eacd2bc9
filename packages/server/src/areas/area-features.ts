import type { FeatureCollection, Geometry } from 'geojson';
import type { Grid } from '@citygrid/core';

/**
 * Grids (or outlines) as a GeoJSON FeatureCollection; each feature's properties are the
 * original ones with `id, name, level, parent, area_m2` laid over them, so a client can
 * colour and label without knowing which source field held what.
 */
export function areaCollection(areas: readonly Grid[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: areas.map((g) => ({
      type: 'Feature',
      id: g.id,
      properties: { ...g.properties, id: g.id, name: g.name, level: g.level, parent: g.parent, area_m2: g.area_m2 },
      geometry: g.geometry as Geometry,
    })),
  };
}
