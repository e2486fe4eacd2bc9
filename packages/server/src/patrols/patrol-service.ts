import type { Database } from '../db/database.ts';
import { transaction } from '../db/transaction.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import type { GridService } from '../grids/grid-service.ts';
import { readPeople } from '../people/people-rows.ts';
import { parseIsoTime } from '../reports/parse-iso-time.ts';
import { checkPatrol } from './check-patrol.ts';
import { checkins, trackDistance } from './patrol-checkins.ts';
import { insertPatrol, readPatrols } from './patrol-rows.ts';
import type { Patrol, PatrolQuery } from './patrol-schemas.ts';

/**
 * Patrols of the field app (城管通): a person's track, and one check-in per grid entered,
 * which the assessment's 出勤率 counts per local day. Idempotent by the device's client id:
 * a phone that lost the answer sends the patrol again and gets the stored one.
 */
export class PatrolService {
  readonly #db: Database;
  readonly #grids: GridService;

  /** Use the store's `patrols`. */
  constructor(db: Database, grids: GridService) {
    this.#db = db;
    this.#grids = grids;
  }

  /**
   * Stores a patrol for a person: checked (check-patrol.ts), each sample routed to a grid of
   * the current version. A resend of a stored id for the same person answers the stored patrol
   * (`created: false`); for another person 409 CG_ERR_DUPLICATE_PATROL. An unknown person is 422.
   * @param input not trusted: checked here, whether or not a schema ran
   * @example const { patrol, created } = await store.patrols.insert(body, 'P1');
   */
  insert(input: unknown, personId: string): Promise<{ patrol: Patrol; created: boolean }> {
    const now = Date.now();
    const checked = checkPatrol(input, now);
    if (!checked.ok) throw serverError(checked.problems);
    const patrol = checked.patrol;
    return this.#db.write(async (conn) => {
      const [stored] = await readPatrols(conn, { ids: [patrol.id] });
      if (stored) {
        if (stored.person_id !== personId)
          throw serverError([
            { ...problem('CG_ERR_DUPLICATE_PATROL', {}, JSON.stringify(patrol.id), JSON.stringify(stored.person_id)), id: patrol.id },
          ]);
        return { patrol: stored, created: false };
      }
      if (!(await readPeople(conn, { ids: [personId] })).length)
        throw serverError([{ ...problem('CG_ERR_UNKNOWN_PERSON', {}, JSON.stringify(personId)), id: personId }]);
      const entered = checkins(patrol.track, (lon, lat) => this.#grids.route(lon, lat)?.grid?.id ?? null);
      await transaction(conn, () => insertPatrol(conn, patrol, personId, trackDistance(patrol.track), entered, now));
      return { patrol: (await readPatrols(conn, { ids: [patrol.id] }))[0], created: true };
    });
  }

  /**
   * Patrols by person and start time, newest first; `from`/`to` are ISO 8601 (400 otherwise).
   * @example await store.patrols.list({ person: 'P1', from: '2026-12-01' })
   */
  list(query: PatrolQuery): Promise<Patrol[]> {
    const time = (field: 'from' | 'to') => {
      const text = query[field];
      if (text === undefined) return undefined;
      const ms = parseIsoTime(text);
      if (ms === null)
        throw serverError([
          problem('CG_ERR_VALIDATION', {}, `querystring/${field}`, `must be an ISO 8601 date or date-time, got ${JSON.stringify(text)}`),
        ]);
      return ms;
    };
    const filter = { person: query.person, from: time('from'), to: time('to'), limit: query.limit ?? 200 };
    return this.#db.read((conn) => readPatrols(conn, filter));
  }
}
