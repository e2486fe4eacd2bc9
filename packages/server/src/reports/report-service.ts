import { CitygridError } from '@citygrid/core';
import { problem, serverError } from '../errors/catalogue.ts';
import type { Connection } from '../db/connection.ts';
import type { Cursor } from '../db/cursor.ts';
import { GroupCommit } from '../db/group-commit.ts';
import type { Database } from '../db/database.ts';
import type { ReportFilter } from '../db/report-filter.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { transaction } from '../db/transaction.ts';
import { skipIntake } from '../db/intake-cursor.ts';
import type { GridService } from '../grids/grid-service.ts';
import { locateReports } from '../grids/locate-reports.ts';
import type { ReportEvent } from '../live/live-schemas.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import { routeWithin } from '../grids/route-within.ts';
import { appendReports } from './append-reports.ts';
import { ownerOf, rulesNeedPath } from './owner-of.ts';
import { checkReportInputs } from './check-report-inputs.ts';
import { exportReports, type ExportFiles, type ExportFormat } from './export-reports.ts';
import { insertReportGroup, type InsertRequest } from './insert-reports.ts';
import type { Meta } from './meta-schemas.ts';
import { queryReports } from './query-reports.ts';
import { readMeta } from './read-meta.ts';
import { readContact, readReport } from './read-report.ts';
import { reportPoints } from './report-points.ts';
import { readRemovals, removeReport, type Removal, type RemovalAction } from '../removals/remove-report.ts';
import type { ReportInput, RoutedReport, StoredReport } from './report-schemas.ts';

/** A request waiting for its group commit, and how to answer it. */
type PendingInsert = InsertRequest & { resolve(routed: RoutedReport[]): void; reject(error: unknown): void };

/** Called after every commit that stored reports: the new reports as live-feed events (empty for a bulk load) and the newest seq. */
export type ReportsStoredListener = (events: readonly ReportEvent[], lastSeq: number) => void;

/** A filter, or one read from the snapshot it will run on (a community's grids depend on its version). */
export type FilterOf = ReportFilter | ((snapshot: Snapshot) => ReportFilter);

/**
 * Reports: checked, routed with the current grids and stored (numbered 1, 2, 3 … in storage
 * order by `seq`), then read back as pages, exports, heatmap points and the viewer's meta.
 * Each commit that stored reports is announced to the listeners (the live feed).
 */
export class ReportService {
  readonly #db: Database;
  readonly #grids: GridService;
  readonly #profiles: ProfileService;
  readonly #stored = new Set<ReportsStoredListener>();
  readonly #groups = new GroupCommit<PendingInsert>(
    (run) => this.#db.write(run),
    (conn, group) => this.#storeGroup(conn, group),
    (group, e) => {
      for (const request of group) request.reject(e);
    },
  );
  #lastSeq: number;

  /** The reports of `db`, routed with `grids`, checked and dispatched by the profile in use; `lastSeq` is the newest stored seq (0 when none). */
  constructor(db: Database, grids: GridService, profiles: ProfileService, lastSeq: number) {
    this.#db = db;
    this.#grids = grids;
    this.#profiles = profiles;
    this.#lastSeq = lastSeq;
  }

  /**
   * Checks, routes and stores reports, all or nothing; resolves after COMMIT, which it shares
   * with the requests that arrived while the previous write ran (group commit). Fills a random
   * UUID for a missing id and now for a missing created_at. Throws a CitygridError listing
   * every bad item (400, or 422 for unknown categories only) or every clashing id (409).
   * @param options.label how messages name an item, e.g. `i => 'body/' + i`
   * @returns `{ id, grid_id, version, match, path }` per input, in order; grid_id is null outside every grid
   * @example (await reports.insertReports([{ lon: 109.03, lat: 32.69, category: '06010' }]))[0].grid_id
   */
  async insertReports(inputs: readonly ReportInput[], options: { label?: (index: number) => string } = {}): Promise<RoutedReport[]> {
    // async: a refusal is a rejected promise like a clash, never a synchronous throw.
    const city = this.#profiles.current();
    const reports = checkReportInputs(inputs, city, options.label);
    return new Promise((resolve, reject) => this.#groups.add({ reports, city, resolve, reject }));
  }

  /** Stores one group commit's requests and answers each: its routed reports, or its own refusal. */
  async #storeGroup(conn: Connection, group: PendingInsert[]): Promise<void> {
    const { outcomes, stored } = await insertReportGroup(conn, group, this.#grids.current(), this.#lastSeq);
    if (stored.length) this.#announce(stored, stored[stored.length - 1].seq);
    outcomes.forEach((outcome, i) => {
      if ('routed' in outcome) group[i].resolve(outcome.routed);
      else group[i].reject(outcome.error);
    });
  }

  /**
   * Checks reports against the profile in use without storing them; throws as insertReports does.
   * @example reports.check([input], () => 'body')
   */
  check(inputs: readonly unknown[], label?: (index: number) => string): void {
    checkReportInputs(inputs, this.#profiles.current(), label);
  }

  /**
   * Bulk load for generated or migrated data (200k+ rows): same checks and routing as
   * {@link insertReports} (inputs are untrusted, checked whole first), but no idempotency lookup;
   * one appender, one transaction. A repeated id fails the whole load with CG_ERR_DUPLICATE_REPORT.
   * @returns number of reports stored
   * @example await reports.insertReportsBulk(generated) // 200000
   */
  async insertReportsBulk(reports: readonly unknown[]): Promise<number> {
    const city = this.#profiles.current();
    const checked = checkReportInputs(reports, city);
    return this.#db.write(async (conn) => {
      try {
        const current = this.#grids.current();
        const router = current?.router ?? null;
        const gridIds = locateReports(
          router,
          checked.map((r) => r.lon),
          checked.map((r) => r.lat),
        );
        // A rule that tests where a report lies needs its path; otherwise the grid is enough.
        const withPath = rulesNeedPath(city);
        const owners = checked.map((r) => ownerOf(city, r, withPath ? routeWithin(router, r.lon, r.lat, 0) : null));
        await transaction(conn, async () => {
          await appendReports(conn, { reports: checked, gridIds, version: current?.version ?? null, firstSeq: this.#lastSeq + 1, owners });
          if (checked.length) await skipIntake(conn, this.#lastSeq + 1, this.#lastSeq + checked.length);
        });
        // No events for a bulk load: listeners read the rows back from the store if they want them.
        if (checked.length) this.#announce([], this.#lastSeq + checked.length);
      } catch (e) {
        const dup = /Duplicate key "id: (.*)"/.exec((e as Error).message);
        if (dup) throw serverError([{ ...problem('CG_ERR_DUPLICATE_REPORT', {}, JSON.stringify(dup[1])), id: dup[1] }]);
        throw e;
      }
      return checked.length;
    });
  }

  /**
   * A page of reports, ordered by (created_at, id). A filter read from the snapshot runs in one.
   * @example await reports.queryReports({ category: '06010' }, { limit: 100 })
   */
  queryReports(filter: FilterOf, page: { limit: number; after?: Cursor }): Promise<{ reports: StoredReport[]; next: string | null }> {
    if (typeof filter === 'function') return this.#grids.readSnapshot((snapshot) => queryReports(snapshot.conn, filter(snapshot), page));
    return this.#db.read((conn) => queryReports(conn, filter, page));
  }

  /**
   * Every report of the filter written as files into `dir` inside one read snapshot (see exportReports).
   * @example (await reports.exportReports({}, 'csv', dir)).rows
   */
  exportReports(filter: FilterOf, format: ExportFormat, dir: string): Promise<ExportFiles> {
    return this.#grids.readSnapshot((snapshot) =>
      exportReports(snapshot.conn, typeof filter === 'function' ? filter(snapshot) : filter, format, dir),
    );
  }

  /**
   * One report with its contact (null when it carried none); throws CG_ERR_NOT_FOUND for an unknown id.
   * The contact is for operators only: the route decides who sees it.
   * @example const { report, contact } = await reports.report('r1');
   */
  report(id: string): Promise<{ report: StoredReport; contact: Record<string, string> | null }> {
    return this.#db.snapshot(async (conn) => {
      const report = await readReport(conn, id);
      if (!report) throw CitygridError.of('CG_ERR_NOT_FOUND', {}, `report ${JSON.stringify(id)}`);
      return { report, contact: await readContact(conn, id) };
    });
  }

  /**
   * Deletes or redacts one report (removals/remove-report.ts), recording who and why.
   * @param actor the API key id that asked; null with access control off
   * @example await reports.remove('r1', 'delete', 'created_at typo: 2006 for 2026', 'k_admin')
   */
  remove(id: string, action: RemovalAction, reason: string, actor: string | null): Promise<Removal> {
    return this.#db.write((conn) => removeReport(conn, id, action, reason, actor));
  }

  /**
   * Every deletion and redaction, newest first.
   * @example (await reports.removals())[0].actor
   */
  removals(): Promise<Removal[]> {
    return this.#db.read((conn) => readRemovals(conn));
  }

  /**
   * Interleaved `[lon, lat, …]` float32 positions of matching reports, for the heatmap.
   * @example (await reports.reportPoints({})).length / 2
   */
  reportPoints(filter: ReportFilter): Promise<Float32Array> {
    return this.#db.read((conn) => reportPoints(conn, filter));
  }

  /**
   * Categories, sources, time range, counts and extent, for the viewer's filters.
   * @example (await reports.meta()).categories[0].code
   */
  meta(): Promise<Meta> {
    return this.#db.read((conn) => readMeta(conn, this.#grids.gridSet(), this.#profiles.current().catalogue));
  }

  /** The seq of the newest stored report; 0 when none. No I/O. */
  lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Calls `listener` after every commit that stored reports, in seq order, inside the write
   * lock: keep it short. Returns the function that unsubscribes.
   * @example const stop = reports.onReportsStored((events) => console.log(events.length));
   */
  onReportsStored(listener: ReportsStoredListener): () => void {
    this.#stored.add(listener);
    return () => this.#stored.delete(listener);
  }

  #announce(events: ReportEvent[], lastSeq: number): void {
    this.#lastSeq = lastSeq;
    for (const listener of this.#stored) {
      try {
        listener(events, lastSeq);
      } catch {
        // The rows are committed: a listener's failure must not turn the write into an error.
      }
    }
  }
}
