// The whole public API of @citygrid/server. Anything not exported here may change freely.
export { build } from './app.ts';
export { openStore, Store } from './store.ts';
export { checkReportInputs } from './reports/check-report-inputs.ts';
export { parseIsoTime } from './reports/parse-iso-time.ts';
export { ReportInputSchema, ReportsBodySchema, MAX_REPORTS_PER_REQUEST } from './reports/report-schemas.ts';
export { FeatureCollectionSchema } from './areas/geojson-schemas.ts';
export { ErrorSchema } from './errors/error-schemas.ts';
export { ROLES, hasRole } from './auth/roles.ts';
export { ReportEventSchema, StatsEventSchema } from './live/live-schemas.ts';
export { SERVER_ERRORS } from './errors/catalogue.ts';
export { BOUNDARY_LEVELS } from './areas/boundary-levels.ts';

export type { BuildOptions } from './app.ts';
export type { ImportedVersion, ImportGridsOptions, StoreCounts } from './store.ts';
export type { ReportFilter } from './db/report-filter.ts';
export type { CheckedReport } from './reports/check-report-inputs.ts';
export type { ReportInput, RoutedReport, StoredReport } from './reports/report-schemas.ts';
export type { CategoryStats, GridStats, Hotspots, Stats, StatsUnitRow } from './stats/stats-schemas.ts';
export type { GridVersion, ImpactMatrix, ImpactPair, Published } from './grids/version-schemas.ts';
export type { Meta } from './reports/meta-schemas.ts';
export type { ErrorBody } from './errors/error-schemas.ts';
export type { Role } from './auth/roles.ts';
export type { AuthOptions } from './auth/access-plugin.ts';
export type { RateLimitOptions } from './http/security.ts';
export type { FeedOptions } from './live/live-feed.ts';
export type { ApiKeyInfo, ApiKeyIdentity } from './auth/api-keys.ts';
export type { ReportEvent, StatsEvent } from './live/live-schemas.ts';
export type { ServerErrorCode } from './errors/catalogue.ts';
export type { BoundaryLevel } from './areas/boundary-levels.ts';
export type { LevelFields } from './areas/parse-level.ts';
export type { LoadedLevel, ReplacedLevel } from './areas/area-service.ts';
// For the viewer's client (type-only there): answers that have a schema but no named type.
export type { Bins } from './stats/stats-schemas.ts';
export type VersionList = Static<typeof VersionsListSchema>;
export type GridsImported = Static<typeof GridsImportedSchema>;
import type { Static } from 'typebox';
import type { VersionsListSchema } from './grids/version-schemas.ts';
import type { GridsImportedSchema } from './grids/grid-schemas.ts';
