import { assessmentSettings } from '@citygrid/core';
import type { CaseService } from '../cases/case-service.ts';
import type { Database } from '../db/database.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import { readCasesOfReports } from '../cases/case-report-rows.ts';
import { appendRatings, insertRating, readRating } from './rating-rows.ts';
import { transaction } from '../db/transaction.ts';
import type { Rating, RatingBody } from './rating-schemas.ts';

/**
 * Reporters' ratings of closed cases (满意度, seed 001 答复满意度): one per case and reporter,
 * the reporter named by their report (a report has one reporter, whatever channel relays the
 * rating: an operator's follow-up call 回访, an intake client, Open311). Sending the same rating
 * again answers it as stored; a different one is refused (409): a rating, once given, stands.
 */
export class RatingService {
  readonly #db: Database;
  readonly #cases: CaseService;
  readonly #profiles: ProfileService;

  /** Use the store's services. */
  constructor(db: Database, cases: CaseService, profiles: ProfileService) {
    this.#db = db;
    this.#cases = cases;
    this.#profiles = profiles;
  }

  /**
   * Records a rating of a closed case. 404 for an unknown case, 400 a rating off the scale or a
   * report not of the case, 409 a case not closed or a different rating already given.
   * @returns the rating and whether it is new (201) or was stored before (200)
   * @example await ratings.rate('c1', { rating: 5 }, 'api') // { rating: { …, report_id: 'r1' }, created: true }
   */
  async rate(caseId: string, body: RatingBody, channel: 'api' | 'open311'): Promise<{ rating: Rating; created: boolean }> {
    const settings = assessmentSettings(this.#profiles.current().profile.assessment);
    const { scale } = settings.satisfaction;
    if (body.rating > scale)
      throw serverError([problem('CG_ERR_VALIDATION', {}, '/rating', `must be 1 to ${scale} (the profile's scale)`)]);
    const state = await this.#cases.state(caseId);
    if (!state)
      throw serverError([{ ...problem('CG_ERR_NOT_FOUND', { id: caseId }, `case ${JSON.stringify(caseId)}`), fix: 'rate a stored case' }]);
    if (state.stage !== settings.stages.closed)
      throw serverError([problem('CG_ERR_CASE_NOT_CLOSED', { id: caseId }, JSON.stringify(caseId), state.stage)]);
    const report = body.report_id ?? state.reports[0] ?? null;
    if (report === null || !state.reports.includes(report))
      throw serverError([
        problem(
          'CG_ERR_VALIDATION',
          {},
          '/report_id',
          `must be a report of case ${JSON.stringify(caseId)}: one of ${state.reports.join(', ') || '(none)'}`,
        ),
      ]);
    const rating: Rating = {
      case_id: caseId,
      report_id: report,
      rating: body.rating,
      comment: body.comment ?? null,
      channel,
      rated_at: new Date().toISOString(),
    };
    const rater = `report:${report}`;
    return this.#db.write(async (conn) => {
      const stored = await readRating(conn, caseId, rater);
      if (stored && stored.rating === rating.rating && stored.comment === rating.comment) return { rating: stored, created: false };
      if (stored)
        throw serverError([
          problem('CG_ERR_ALREADY_RATED', { id: caseId }, JSON.stringify(caseId), stored.rating, `the reporter of ${report}`),
        ]);
      await insertRating(conn, rater, rating);
      return { rating, created: true };
    });
  }

  /**
   * Stores ratings given in the past (the demo's synthetic follow-up calls, a city's old
   * platform), as they were: no check of stage or scale, one transaction.
   * @example await store.ratings.importRatings([{ case_id: 'c1', report_id: 'r1', rating: 5, comment: null, channel: 'import', rated_at: '2026-11-03T08:00:00Z' }])
   */
  importRatings(ratings: readonly Rating[]): Promise<void> {
    return this.#db.write((conn) => transaction(conn, () => appendRatings(conn, ratings)));
  }

  /**
   * Records an Open311 client's rating of its service request (a report): the rating of the
   * report's case by that report's reporter. 404 for a report without a case.
   * @example await ratings.rateRequest('r1', { rating: 4 }) // { rating: { case_id: 'c1', report_id: 'r1', … }, created: true }
   */
  async rateRequest(reportId: string, body: Omit<RatingBody, 'report_id'>): Promise<{ rating: Rating; created: boolean }> {
    const caseId = (await this.#db.read((conn) => readCasesOfReports(conn, [reportId]))).get(reportId);
    if (caseId === undefined)
      throw serverError([
        {
          ...problem('CG_ERR_NOT_FOUND', { id: reportId }, `a case of service request ${JSON.stringify(reportId)}`),
          fix: 'rate a request once its case is closed',
        },
      ]);
    return this.rate(caseId, { ...body, report_id: reportId }, 'open311');
  }
}
