// The whole public API of @citygrid/core. Anything not exported here may change freely.
export { ERRORS, CitygridError, problem } from './errors.ts';
export { parseGrids } from './grids/parse-grids.ts';
export { ellipsoidalArea, ringArea } from './geom/ellipsoidal-area.ts';
export { routePoint } from './routing/route-point.ts';
export { createRouter } from './routing/create-router.ts';
export { POINT_CRSES, parsePointCrs } from './crs/point-crs.ts';
export { toWgs84, toWgs84Batch } from './crs/to-wgs84.ts';
export { countByGrid } from './density/count-by-grid.ts';
export { CASE_TYPES, REPORT_SOURCES, caseType } from './codes/case-type.ts';
export { parseGridCode, formatGridCode } from './codes/grid-code.ts';
export { splitArea } from './partition/split-area.ts';
export { mulberry32 } from './random/mulberry32.ts';

export type { ErrorCode, Problem } from './errors.ts';
export type { ParseGridsOptions, ParseGridsResult } from './grids/parse-grids.ts';
export type { GridCount } from './density/count-by-grid.ts';
export type { CaseType } from './codes/case-type.ts';
export type { GridCodeParts } from './codes/grid-code.ts';
export type { BBox, Grid, GridGeometry, GridSet, LonLat, Report, ReportSource } from './types.ts';
export type { SplitAreaOptions } from './partition/split-area.ts';
export type { Router, RouterOptions, RouteMatch, RouteResult } from './routing/create-router.ts';
export type { Overlap } from './routing/find-overlaps.ts';
export type { PathEntry } from './routing/grid-paths.ts';
export type { PointCrs } from './crs/point-crs.ts';
