// The whole public API of @citygrid/server. Anything not exported here may change freely.
export { build } from './app.ts';
export { openStore, Store } from './store/store.ts';
export { checkReportInputs } from './store/check-report-inputs.ts';
export { parseIsoTime } from './store/parse-iso-time.ts';
export { ReportInputSchema, ReportsBodySchema, MAX_REPORTS_PER_REQUEST } from './schemas/reports.ts';
export { FeatureCollectionSchema } from './schemas/geojson.ts';
export { ErrorSchema } from './schemas/errors.ts';
export { ROLES, hasRole } from './auth/roles.ts';
export { summariseProblems } from './errors/coverage-error.ts';
export { ReportEventSchema, StatsEventSchema } from './schemas/stream.ts';

export type { BuildOptions } from './app.ts';
export type { ImportedVersion, ImportGridsOptions, StoreCounts } from './store/store.ts';
export type { ReportFilter } from './store/report-filter.ts';
export type { CheckedReport } from './store/check-report-inputs.ts';
export type { ReportInput, RoutedReport, StoredReport } from './schemas/reports.ts';
export type { CategoryStats, GridStats, Hotspots, Stats, StatsUnitRow } from './schemas/stats.ts';
export type { GridVersion, ImpactMatrix, ImpactPair, Published } from './schemas/versions.ts';
export type { Meta } from './schemas/meta.ts';
export type { ErrorBody } from './schemas/errors.ts';
export type { Role } from './auth/roles.ts';
export type { AuthOptions } from './plugins/auth.ts';
export type { RateLimitOptions } from './plugins/security.ts';
export type { FeedOptions } from './feed/report-feed.ts';
export type { ApiKeyInfo, ApiKeyIdentity } from './store/api-keys.ts';
export type { ReportEvent, StatsEvent } from './schemas/stream.ts';
