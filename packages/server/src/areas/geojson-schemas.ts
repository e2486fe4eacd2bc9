import { Type } from 'typebox';

/**
 * GeoJSON geometry as stored: `type` and `coordinates` in WGS84 `[lon, lat]` degrees.
 * Coordinates are left open here; core's parseGrids checks them ring by ring.
 */
export const GeometrySchema = Type.Object(
  {
    type: Type.String({ examples: ['Polygon', 'MultiPolygon'] }),
    coordinates: Type.Unknown({ description: 'RFC 7946 positions, [lon, lat] in degrees (WGS84 / CGCS2000)' }),
  },
  { additionalProperties: true },
);

/** A GeoJSON Feature with open properties. */
export const FeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    properties: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    geometry: Type.Union([GeometrySchema, Type.Null()]),
  },
  { additionalProperties: true },
);

/** An RFC 7946 FeatureCollection of grid polygons, WGS84 lon/lat. */
export const FeatureCollectionSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(FeatureSchema),
  },
  {
    additionalProperties: true,
    description: 'RFC 7946 FeatureCollection; coordinates are WGS84 / CGCS2000 [lon, lat] in degrees',
  },
);

/** Properties every served grid or boundary feature carries, besides its original ones. */
export const AreaPropertiesSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    level: Type.Integer({ description: '1 district/city, 2 street/town, 3 community/village, 4 unit grid' }),
    parent: Type.Union([Type.String(), Type.Null()]),
    area_m2: Type.Number({ description: 'area on the WGS84 ellipsoid, m²' }),
  },
  { additionalProperties: true },
);

/** A served grid or boundary: original properties plus {@link AreaPropertiesSchema}. */
export const AreaFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  properties: AreaPropertiesSchema,
  geometry: GeometrySchema,
});

export const AreaCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(AreaFeatureSchema),
});

/** The grids of one version: {@link AreaCollectionSchema} plus the version number (a GeoJSON foreign member). */
export const GridCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  version: Type.Optional(Type.Integer({ description: 'the grid version served; absent before any import' })),
  features: Type.Array(AreaFeatureSchema),
});
