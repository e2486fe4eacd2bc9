import type { Static } from 'typebox';
import type { Database } from '../db/database.ts';
import type { GridService } from '../grids/grid-service.ts';
import type { ReportInput, RoutedReport } from '../reports/report-schemas.ts';
import type { ReportService } from '../reports/report-service.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import { serviceRequest } from './mapping.ts';
import {
  deleteOpen311Fields,
  insertOpen311Fields,
  readOpen311Requests,
  type Open311Fields,
  type Open311Query,
} from './open311-requests.ts';
import type { ServiceRequestSchema } from './open311-schemas.ts';

/**
 * Open311 service requests: a report (with its description, address and attributes) plus what
 * GeoReport v2 carries beyond one (media URL, contact), kept in a table of its own keyed by
 * report id.
 */
export class Open311Service {
  readonly #db: Database;
  readonly #grids: GridService;
  readonly #reports: ReportService;
  readonly #profiles: ProfileService;

  /** Requests stored in `db` beside the reports of `reports`, placed with `grids`, named by the profile of `profiles`. */
  constructor(db: Database, grids: GridService, reports: ReportService, profiles: ProfileService) {
    this.#db = db;
    this.#grids = grids;
    this.#reports = reports;
    this.#profiles = profiles;
  }

  /**
   * Stores a request: its fields first, then the report through insertReports (checked,
   * routed and stored like any other). Readers join the two, so they see the request once the
   * report has committed, with its fields; if the report is refused, the fields are removed.
   * @returns where it was routed, and the department code the profile dispatched it to
   * @example await open311.insert({ id, lon, lat, category: '06010', source: 'app', description: 'bins full' }, { media_url })
   */
  async insert(input: ReportInput & { id: string }, fields: Open311Fields): Promise<RoutedReport & { department: string | null }> {
    this.#reports.check([input], () => 'body');
    await this.#db.write((conn) => insertOpen311Fields(conn, input.id, fields));
    let routed: RoutedReport;
    try {
      routed = (await this.#reports.insertReports([input], { label: () => 'body' }))[0];
    } catch (e) {
      await this.#db.write((conn) => deleteOpen311Fields(conn, input.id));
      throw e;
    }
    const { report } = await this.#reports.report(input.id);
    return { ...routed, department: report.department };
  }

  /**
   * The service requests of `query` as GeoReport v2 answers them, read on one snapshot.
   * @example await open311.requests({ ids: ['r1'], limit: 1 })
   */
  requests(query: Open311Query): Promise<Static<typeof ServiceRequestSchema>[]> {
    const city = this.#profiles.current();
    return this.#grids.readSnapshot(async (s) =>
      (await readOpen311Requests(s.conn, query)).map((row) => serviceRequest(row, s.gridSet, s.hierarchy, city)),
    );
  }
}
