import { TimestampValue, type Connection } from '../db/connection.ts';
import { withAppender } from '../db/with-appender.ts';
import type { Rating } from './rating-schemas.ts';

/**
 * The rating a rater gave a case, or null.
 * @example await readRating(conn, 'c1', 'report:r1') // { rating: 5, … }
 */
export async function readRating(conn: Connection, caseId: string, rater: string): Promise<Rating | null> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT case_id, report_id, rating, comment, channel, strftime(rated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS rated_at
       FROM case_ratings WHERE case_id = $c AND rater = $r`,
      { c: caseId, r: rater },
    )
  ).getRowObjectsJS();
  return rows.length ? { ...(rows[0] as unknown as Rating), rating: Number(rows[0].rating) } : null;
}

/**
 * Stores one rating (the caller holds the write lock and has checked there is none yet).
 * @example await insertRating(conn, 'report:r1', rating);
 */
export async function insertRating(conn: Connection, rater: string, r: Rating): Promise<void> {
  await conn.run(
    'INSERT INTO case_ratings (case_id, rater, rating, comment, report_id, channel, rated_at) VALUES ($c, $who, $n, $comment, $report, $channel, $at)',
    {
      c: r.case_id,
      who: rater,
      n: r.rating,
      comment: r.comment,
      report: r.report_id,
      channel: r.channel,
      at: new TimestampValue(BigInt(Date.parse(r.rated_at)) * 1000n),
    },
  );
}

/**
 * Appends ratings given in the past (history: the demo, a city's old platform), one per case
 * and report, `rated_at` as stored; the caller holds the write lock.
 * @example await appendRatings(conn, [{ case_id: 'c1', report_id: 'r1', rating: 5, comment: null, channel: 'import', rated_at: '2026-11-03T08:00:00Z' }]);
 */
export async function appendRatings(conn: Connection, ratings: readonly Rating[]): Promise<void> {
  if (!ratings.length) return;
  await withAppender(conn, 'case_ratings', (a) => {
    for (const r of ratings) {
      a.appendVarchar(r.case_id);
      a.appendVarchar(`report:${r.report_id}`);
      a.appendInteger(r.rating);
      if (r.comment === null) a.appendNull();
      else a.appendVarchar(r.comment);
      a.appendVarchar(r.report_id);
      a.appendVarchar(r.channel);
      a.appendTimestamp(new TimestampValue(BigInt(Date.parse(r.rated_at)) * 1000n));
      a.endRow();
    }
  });
}
