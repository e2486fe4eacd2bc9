import type { Grid, GridSet, RouteResult } from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import { AreaService, type ReplacedLevel } from './areas/area-service.ts';
import type { LevelFields } from './areas/parse-level.ts';
import type { AttachmentFolder } from './attachments/attachment-folder.ts';
import { AttachmentService } from './attachments/attachment-service.ts';
import type { ApiKeys } from './auth/api-keys.ts';
import { CaseService } from './cases/case-service.ts';
import { AssessmentService } from './assessment/assessment-service.ts';
import { RatingService } from './ratings/rating-service.ts';
import { countRows, type StoreCounts } from './db/count-rows.ts';
import type { Cursor } from './db/cursor.ts';
import type { Database } from './db/database.ts';
import type { ReportFilter } from './db/report-filter.ts';
import type { Snapshot } from './db/snapshot.ts';
import type { GridService, ImportedVersion, ImportGridsOptions } from './grids/grid-service.ts';
import type { ImpactPairIds } from './grids/impact/impact.ts';
import type { GridVersion, ImpactMatrix, Published } from './grids/version-schemas.ts';
import type { ReportEvent } from './live/live-schemas.ts';
import { readReportEvents, type EventFilter } from './live/report-events.ts';
import { Open311Service } from './open311/open311-service.ts';
import type { ProfileService } from './profile/profile-service.ts';
import { putProfile } from './profile/put-profile.ts';
import { PatrolService } from './patrols/patrol-service.ts';
import { PeopleService } from './people/people-service.ts';
import { teamSettings } from './people/team-settings.ts';
import type { Open311Fields } from './open311/open311-requests.ts';
import type { Meta } from './reports/meta-schemas.ts';
import type { ReportInput, RoutedReport, StoredReport } from './reports/report-schemas.ts';
import { ReportService, type ReportsStoredListener } from './reports/report-service.ts';
import { RiskService } from './risk/risk-service.ts';
import { gridStats } from './stats/grid-stats.ts';
import type { GridStats } from './stats/stats-schemas.ts';

export type { ReportsStoredListener } from './reports/report-service.ts';

/**
 * The citygrid store: grid versions, boundaries, reports, keys, the city profile, people,
 * photos, cases and patrols in one DuckDB database, usable with or without fastify (the CLI imports
 * through it directly). It only composes the features' services over one
 * Database (db/), whose write lock and read snapshots they share; the methods below are the
 * CLI's and the tests' short ways to them, documented where they are implemented.
 */
export class Store {
  /** The database every service reads and writes through. */
  readonly db: Database;
  /** Grid versions, publishing, impact, routing (grids/grid-service.ts). */
  readonly grids: GridService;
  /** Context outlines and the hierarchy (areas/area-service.ts). */
  readonly areas: AreaService;
  /** Reports in and out (reports/report-service.ts). */
  readonly reports: ReportService;
  /** Open311 service requests (open311/open311-service.ts). */
  readonly open311: Open311Service;
  /** API keys with roles (hashes only), checked in memory on every request. */
  readonly keys: ApiKeys;
  /** The city profile in use: catalogue, sources, departments, dispatch (profile/profile-service.ts). */
  readonly profiles: ProfileService;
  /** People and the grid team (people/people-service.ts). */
  readonly people: PeopleService;
  /** Photos of reports, in the folder beside the DuckDB file (attachments/attachment-service.ts). */
  readonly attachments: AttachmentService;
  /** Cases: the workflow over reports, its event log and audit chain (cases/case-service.ts). */
  readonly cases: CaseService;
  /** Risk scores and colour levels per grid and period (risk/risk-service.ts). */
  readonly risk: RiskService;
  /** Assessment: indicators, scores and ranks from the case log (assessment/assessment-service.ts). */
  readonly assessment: AssessmentService;
  /** Reporters' ratings of closed cases (ratings/rating-service.ts). */
  readonly ratings: RatingService;
  /** Patrols of the field app: tracks and grid check-ins (patrols/patrol-service.ts). */
  readonly patrols: PatrolService;

  /** Use {@link openStore}. */
  constructor(db: Database, grids: GridService, keys: ApiKeys, profiles: ProfileService, lastSeq: number, files: AttachmentFolder) {
    this.db = db;
    this.grids = grids;
    this.keys = keys;
    this.profiles = profiles;
    this.areas = new AreaService(db, grids);
    this.reports = new ReportService(db, grids, profiles, lastSeq);
    this.open311 = new Open311Service(db, grids, this.reports, profiles);
    this.people = new PeopleService(db, grids, () => teamSettings(profiles.current().profile));
    this.attachments = new AttachmentService(db, files);
    this.cases = new CaseService(db, profiles, this.reports);
    this.risk = new RiskService(db, profiles, this.cases);
    this.assessment = new AssessmentService(db, grids, profiles, this.cases);
    this.ratings = new RatingService(db, this.cases, profiles);
    this.patrols = new PatrolService(db, grids);
  }

  /** {@link GridService.gridSet} */
  gridSet = (): GridSet | null => this.grids.gridSet();
  /** {@link GridService.currentVersion} */
  currentVersion = (): number | null => this.grids.currentVersion();
  /** {@link GridService.route} */
  route = (lon: number, lat: number, maxDistance_m = 0): RouteResult | null => this.grids.route(lon, lat, maxDistance_m);
  /** {@link GridService.importGrids} */
  importGrids = (gridSet: GridSet, options: ImportGridsOptions = {}): Promise<ImportedVersion> => this.grids.importGrids(gridSet, options);
  /** {@link GridService.importGrids} with `publish: true`: what the CLI's import and the demo do. */
  replaceGrids = (gridSet: GridSet): Promise<ImportedVersion> => this.grids.importGrids(gridSet, { publish: true });
  /** {@link GridService.publish} */
  publish = (version: number): Promise<Published> => this.grids.publish(version);
  /** {@link GridService.versions} */
  versions = (): Promise<{ current: number | null; versions: GridVersion[] }> => this.grids.versions();
  /** {@link GridService.versionGridSet} */
  versionGridSet = (version: number): Promise<GridSet> => this.grids.versionGridSet(version);
  /** {@link GridService.impact} */
  impact = (version: number, filter: ReportFilter): Promise<ImpactMatrix> => this.grids.impact(version, filter);
  /** {@link GridService.impactReports} */
  impactReports = (
    version: number,
    filter: ReportFilter,
    pair: ImpactPairIds,
    page: { limit: number; after?: Cursor },
  ): Promise<{ reports: StoredReport[]; next: string | null }> => this.grids.impactReports(version, filter, pair, page);
  /** {@link GridService.gridsCollection} */
  gridsCollection = (version?: number): Promise<FeatureCollection & { version?: number }> => this.grids.gridsCollection(version);
  /** {@link GridService.readSnapshot} */
  readSnapshot = <T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T> => this.grids.readSnapshot(fn);
  /** {@link AreaService.replaceBoundaries} */
  replaceBoundaries = (fc: FeatureCollection): Promise<void> => this.areas.replaceBoundaries(fc);
  /** {@link putProfile} (profile/put-profile.ts) */
  replaceProfile(
    input: unknown,
    files: Readonly<Record<string, unknown>> = {},
    by: string | null = null,
  ): Promise<{ changed: boolean; version: number }> {
    return putProfile(this.profiles, this.areas, input, files, by);
  }
  /** {@link AreaService.replaceLevel} */
  replaceLevel = (level: string, fc: unknown, fields: LevelFields = {}): Promise<ReplacedLevel> =>
    this.areas.replaceLevel(level, fc, fields);
  /** {@link AreaService.boundaryAreas} */
  boundaryAreas = (): Promise<Grid[]> => this.areas.boundaryAreas();
  /** {@link AreaService.boundariesCollection} */
  boundariesCollection = (): Promise<FeatureCollection> => this.areas.boundariesCollection();
  /** {@link ReportService.insertReports} */
  insertReports = (inputs: readonly ReportInput[], options: { label?: (index: number) => string } = {}): Promise<RoutedReport[]> =>
    this.reports.insertReports(inputs, options);
  /** {@link ReportService.insertReportsBulk} */
  insertReportsBulk = (reports: readonly unknown[]): Promise<number> => this.reports.insertReportsBulk(reports);
  /** {@link ReportService.queryReports} */
  queryReports = (
    filter: ReportFilter,
    page: { limit: number; after?: Cursor },
  ): Promise<{ reports: StoredReport[]; next: string | null }> => this.reports.queryReports(filter, page);
  /** {@link ReportService.reportPoints} */
  reportPoints = (filter: ReportFilter): Promise<Float32Array> => this.reports.reportPoints(filter);
  /** {@link ReportService.meta} */
  meta = (): Promise<Meta> => this.reports.meta();
  /** {@link ReportService.lastSeq} */
  lastSeq = (): number => this.reports.lastSeq();
  /** {@link ReportService.onReportsStored} */
  onReportsStored = (listener: ReportsStoredListener): (() => void) => this.reports.onReportsStored(listener);
  /** {@link Open311Service.insert} */
  insertOpen311 = (input: ReportInput & { id: string }, fields: Open311Fields): Promise<RoutedReport & { department: string | null }> =>
    this.open311.insert(input, fields);

  /** Matching reports per grid (all grids, 0 included) and how many fell outside (stats/grid-stats.ts). */
  gridStats(filter: ReportFilter): Promise<GridStats> {
    return this.readSnapshot((snapshot) => gridStats(snapshot, filter));
  }

  /** Stored reports with after < seq ≤ upto matching `filter`, in seq order, at most `limit`: the live feed's replay (live/report-events.ts). */
  reportEvents(range: { after: number; upto: number; limit: number }, filter: EventFilter = {}): Promise<ReportEvent[]> {
    return this.db.read((conn) => readReportEvents(conn, range, filter));
  }

  /** Rows per table (db/count-rows.ts). */
  counts(): Promise<StoreCounts> {
    return this.db.read(countRows);
  }

  /** Takes in queued reports, waits for queued writes and running reads, then closes the database (and removes a ':memory:' store's attachment folder). Idempotent. */
  async close(): Promise<void> {
    await this.cases.settled();
    await this.db.close();
    await this.attachments.close();
  }
}
