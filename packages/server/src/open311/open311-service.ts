import type { Static } from 'typebox';
import type { Database } from '../db/database.ts';
import type { GridService } from '../grids/grid-service.ts';
import type { ReportInput, RoutedReport } from '../reports/report-schemas.ts';
import type { ReportService } from '../reports/report-service.ts';
import { serviceRequest } from './mapping.ts';
import { deleteOpen311Fields, insertOpen311Fields, readOpen311Requests, type Open311Fields, type Open311Query } from './open311-requests.ts';
import type { ServiceRequestSchema } from './open311-schemas.ts';

/**
 * Open311 service requests: a report plus what GeoReport v2 carries beyond one (description,
 * address, media URL, attributes, contact), kept in a table of its own keyed by report id.
 */
export class Open311Service {
  readonly #db: Database;
  readonly #grids: GridService;
  readonly #reports: ReportService;

  /** Requests stored in `db` beside the reports of `reports`, placed with `grids`. */
  constructor(db: Database, grids: GridService, reports: ReportService) {
    this.#db = db;
    this.#grids = grids;
    this.#reports = reports;
  }

  /**
   * Stores a request: its fields first, then the report through insertReports (checked,
   * routed and stored like any other). Readers join the two, so they see the request once the
   * report has committed, with its fields; if the report is refused, the fields are removed.
   * @example await open311.insert({ id, lon, lat, category: '06010', source: 'app' }, { description: 'bins full' })
   */
  async insert(input: ReportInput & { id: string }, fields: Open311Fields): Promise<RoutedReport> {
    this.#reports.check([input], () => 'body');
    await this.#db.write((conn) => insertOpen311Fields(conn, input.id, fields));
    try {
      return (await this.#reports.insertReports([input], { label: () => 'body' }))[0];
    } catch (e) {
      await this.#db.write((conn) => deleteOpen311Fields(conn, input.id));
      throw e;
    }
  }

  /**
   * The service requests of `query` as GeoReport v2 answers them, read on one snapshot.
   * @example await open311.requests({ ids: ['r1'], limit: 1 })
   */
  requests(query: Open311Query): Promise<Static<typeof ServiceRequestSchema>[]> {
    return this.#grids.readSnapshot(async (s) => (await readOpen311Requests(s.conn, query)).map((row) => serviceRequest(row, s.gridSet, s.hierarchy)));
  }
}
