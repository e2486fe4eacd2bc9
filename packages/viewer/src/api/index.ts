/**
 * The one client of both pages: one fetch wrapper (client.ts), one error type (api-error.ts),
 * one set of functions per area of the API. Every request goes to the origin the page was
 * loaded from.
 */
import { assessmentApi, type AssessmentApi } from './assessment.ts';
import { casesApi, type CasesApi } from './cases.ts';
import { createClient, type ClientOptions } from './client.ts';
import { mapDataApi, type MapDataApi } from './map-data.ts';
import { peopleApi, type PeopleApi } from './people.ts';
import { riskApi, type RiskApi } from './risk.ts';
import { statsApi, type StatsApi } from './stats.ts';
import { versionsApi, type VersionsApi } from './versions.ts';

/** Options of {@link createApi}: base path, fetch, headers sent with every request. */
export type ApiOptions = ClientOptions;

/** The client: one method per endpoint. */
export interface Api extends MapDataApi, StatsApi, VersionsApi, CasesApi, PeopleApi, RiskApi, AssessmentApi {}

/**
 * A client for the server the page came from.
 * @param [options.base=''] path prefix
 * @param [options.headers] e.g. the planner's API key
 * @example const api = createApi(); const meta = await api.meta();
 */
export function createApi(options: ApiOptions = {}): Api {
  const client = createClient(options);
  return {
    ...mapDataApi(client),
    ...statsApi(client),
    ...versionsApi(client),
    ...casesApi(client),
    ...peopleApi(client),
    ...riskApi(client),
    ...assessmentApi(client),
  };
}

export { ApiError, type ApiErrorBody } from './api-error.ts';
export { ASSESS_LEVELS, assessmentPath } from './assessment.ts';
export type {
  AssessedUnit,
  AssessFormat,
  AssessLevel,
  Assessment,
  AssessmentExplain,
  ExplainedIndicator,
  IndicatorValue,
} from './assessment.ts';
export { casesQuery } from './cases.ts';
export type {
  ActionBody,
  Attachment,
  CaseDetail,
  CaseFeedEvent,
  CaseList,
  CaseQuery,
  CaseReport,
  CatalogueAnswer,
  ProfileAnswer,
  ServedCase,
  ServedEvent,
  StageCounts,
} from './cases.ts';
export { fetchWithKey, keyHeaders, storeApiKey, storedApiKey } from './api-key.ts';
export { CST_OFFSET, filterToQuery, isoToCstDate, type Filter } from './filter-query.ts';
export { binsToPoints, decodePoints, type BinsAnswer, type ReportPoints } from './points.ts';
export { impactQuery } from './versions.ts';
export type {
  BoundaryCollection,
  BoundaryProperties,
  GridCollection,
  GridFeature,
  GridProperties,
  Meta,
  MetaCategory,
} from './map-data.ts';
export type { CategoryStats, GridStat, GridStats, Hotspots, StatsBucket, StatsLevel, StatsUnit, UnitStats } from './stats.ts';
export type { GridVersion, ImpactCell, ImpactMatrix, ImpactWindow, Imported, Published, VersionList } from './versions.ts';
export { watchCases, type WatchOptions } from './case-stream.ts';
export type { RiskAnswer, RiskGrid, RiskLevelInfo } from './risk.ts';
