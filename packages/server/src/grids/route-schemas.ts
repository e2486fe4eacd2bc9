import { Type, type Static } from 'typebox';
import { POINT_CRSES } from '@citygrid/core';

/** Farthest a point may lie outside every grid and still be matched to the nearest: GPS slack, not guesswork. */
export const MAX_ROUTE_DISTANCE_M = 1000;

/** What `crs` accepts, for descriptions: the systems and the common spellings parsePointCrs reads. */
export const CRS_DESCRIPTION =
  `coordinate system of lon/lat: ${POINT_CRSES.join(', ')} (default wgs84), or a common spelling such as GCJ-02, gaode, ` +
  'amap, tencent, 高德, BD-09, baidu, EPSG:4326, EPSG:4490, tianditu; case and -/_ do not matter. Converted to WGS84 before routing';

export const RouteMatchSchema = Type.Union(
  [Type.Literal('inside'), Type.Literal('border'), Type.Literal('nearest'), Type.Literal('outside')],
  {
    description:
      'inside a grid; on a shared border (it belongs to the grid east of it, or north of it on an east–west border); ' +
      'nearest: outside every grid but within maxDistance of this one; outside every grid',
    examples: ['inside'],
  },
);

/** One unit above a grid. */
export const PathEntrySchema = Type.Object({
  id: Type.String({ examples: ['610902001'] }),
  name: Type.String({ description: "the unit's name; its id when the unit is not among the loaded boundaries", examples: ['老城街道'] }),
  level: Type.Integer({ description: '1 district/city, 2 street/town, 3 community/village', examples: [2] }),
});

export const PathSchema = Type.Array(PathEntrySchema, {
  description: "the grid's ancestors, nearest first (town, then district), following `parent` through the loaded boundaries; empty outside",
});

export const GridRefSchema = Type.Object({
  id: Type.String({ examples: ['610902001008001'] }),
  name: Type.String({ examples: ['老城街道第08网格'] }),
  level: Type.Integer({ examples: [3] }),
  parent: Type.Union([Type.String(), Type.Null()], { examples: ['610902001'] }),
});

export const RouteQuerySchema = Type.Object({
  lon: Type.Number({ description: 'longitude in degrees, in `crs`', examples: [109.0312] }),
  lat: Type.Number({ description: 'latitude in degrees, in `crs`', examples: [32.6871] }),
  crs: Type.Optional(Type.String({ description: CRS_DESCRIPTION, examples: ['gcj02'] })),
  maxDistance: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: MAX_ROUTE_DISTANCE_M,
      default: 0,
      description: `metres: a point outside every grid but this close to one is matched to the nearest (match "nearest"); 0 turns it off`,
      examples: [30],
    }),
  ),
});

export type RouteQuery = Static<typeof RouteQuerySchema>;

export const RouteAnswerSchema = Type.Object(
  {
    grid: Type.Union([GridRefSchema, Type.Null()], { description: 'the grid the point belongs to; null outside' }),
    path: PathSchema,
    match: RouteMatchSchema,
    distance_m: Type.Union([Type.Number(), Type.Null()], {
      description: 'metres: 0 inside or on a border, the distance to the grid for nearest, null outside',
    }),
    wgs84: Type.Array(Type.Number(), {
      minItems: 2,
      maxItems: 2,
      description: 'the point as routed: [lon, lat] converted to WGS84 degrees',
      examples: [[109.0312, 32.6871]],
    }),
  },
  {
    examples: [
      {
        grid: { id: '610902001008001', name: '老城街道第08网格', level: 3, parent: '610902001' },
        path: [
          { id: '610902001', name: '老城街道', level: 2 },
          { id: '610902', name: '汉滨区', level: 1 },
        ],
        match: 'inside',
        distance_m: 0,
        wgs84: [109.0312, 32.6871],
      },
    ],
  },
);

export type RouteAnswer = Static<typeof RouteAnswerSchema>;
