import {
  dayNumber,
  isoDate,
  localDay,
  overdueSpans,
  parsePeriod,
  periodOf,
  riskLevelSeries,
  riskScores,
  riskSettings,
  shiftPeriod,
  type Period,
} from '@citygrid/core';
import type { CaseService } from '../cases/case-service.ts';
import type { Connection } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import {
  readCaseLogs,
  readCaseVersions,
  readCurrentVersion,
  readRepeatedCounts,
  readReportCounts,
  readRiskGrids,
  type PeriodCounts,
} from './risk-rows.ts';
import type { RiskAnswer } from './risk-schemas.ts';

const FORMULA =
  'score = 100 × (w_density·density + w_overdue·overdue + w_repeated·repeated) / (w_density + w_overdue + w_repeated), ' +
  'each component = min(1, value × 30 / days / reference) with days = the days of the period (so far, while it runs); density = reports per km², overdue = cases overdue at some moment ' +
  "of the period, repeated = cases of a category the grid already had in the period + duplicate reports joined + reopenings. Level: up at once to the level the score reaches; down only when the score is more than `margin` under the current level's min_score, to the level score + margin reaches. Levels are replayed from `look_back` periods before, the first with no previous level.";

/** A case's grid and the spans it was overdue in. */
type OverdueCase = { grid_id: string; spans: readonly [number, number][] };

/**
 * Risk per grid and period (docs/risk.md): counts from SQL, overdue spans replayed from the
 * case log through core, scores and levels from core with the profile's `risk` settings.
 */
export class RiskService {
  readonly #db: Database;
  readonly #profiles: ProfileService;
  readonly #cases: CaseService;
  /** Overdue spans per case id and the case version they were replayed at: only changed cases replay again. */
  readonly #spans = new Map<string, { version: number; spans: [number, number][] }>();
  /** The profile #spans were replayed under (its time limits and calendar set the due times). */
  #replayedUnder: unknown = null;

  /** Use the store's `risk`. */
  constructor(db: Database, profiles: ProfileService, cases: CaseService) {
    this.#db = db;
    this.#profiles = profiles;
    this.#cases = cases;
  }

  /**
   * The risk answer of a period code (default: the month holding `now` in the profile's
   * timezone). Throws CG_ERR_OPTION (400) naming the accepted forms for a bad code.
   * @example (await store.risk.risk('2026-11')).grids[0].level // 'orange'
   */
  async risk(code?: string, now = Date.now()): Promise<RiskAnswer> {
    const city = this.#profiles.current();
    const tz = city.profile.timezone;
    const settings = riskSettings(city.profile);
    const asked = parsePeriod(code ?? periodOf(isoDate(localDay(now, tz)), 'month'), tz);
    const periods = Array.from({ length: settings.look_back + 1 }, (_, k) =>
      parsePeriod(shiftPeriod(asked.code, k - settings.look_back), tz),
    );
    return this.#db.snapshot(async (conn) => {
      const grids = await readRiskGrids(conn);
      const reports = await readReportCounts(conn, periods);
      const repeated = await readRepeatedCounts(conn, periods);
      const overdue = overdueCounts(await this.#overdueCases(conn, periods[0].start), periods, now);
      const scored = periods.map((p, i) => {
        const days = periodDays(p, now);
        const inputs = grids.map((g) => ({
          id: g.id,
          area_m2: g.area_m2,
          reports: at(reports, i, g.id),
          overdue: at(overdue, i, g.id),
          repeated: at(repeated, i, g.id),
        }));
        return { inputs, scores: riskScores(inputs, days, settings) };
      });
      const series = riskLevelSeries(
        scored.map((s) => s.scores),
        settings,
      );
      const last = scored.length - 1;
      const patrol = new Map(settings.levels.map((l) => [l.code, l.patrol_every_days]));
      const version = await readCurrentVersion(conn);
      return {
        period: asked.code,
        first_day: asked.first_day,
        last_day: asked.last_day,
        days: periodDays(asked, now),
        version,
        levels: settings.levels.map((l) => ({ ...l, en: l.en ?? l.name })),
        grids: grids.map((g, j) => {
          const { score, components } = scored[last].scores[j];
          const { level, previous_level } = series[last][j];
          const { reports: r, overdue: o, repeated: p } = scored[last].inputs[j];
          return {
            id: g.id,
            name: g.name,
            score,
            level,
            previous_level,
            components,
            counts: { reports: r, overdue: o, repeated: p, area_m2: g.area_m2 },
            patrol_every_days: patrol.get(level) ?? 1,
          };
        }),
        formula: {
          text: FORMULA,
          weights: settings.weights,
          reference: settings.reference,
          margin: settings.margin,
          look_back: settings.look_back,
        },
      };
    });
  }

  /**
   * Every case that may have been overdue since `since`, with its overdue spans: replayed from
   * the log for cases new or changed since the last answer (all of them after a profile change).
   */
  async #overdueCases(conn: Connection, since: number): Promise<OverdueCase[]> {
    const city = this.#profiles.current();
    if (this.#replayedUnder !== city) {
      this.#spans.clear();
      this.#replayedUnder = city;
    }
    const cases = await readCaseVersions(conn, since);
    const stale = cases.filter((c) => this.#spans.get(c.id)?.version !== c.version);
    const versions = new Map(stale.map((c) => [c.id, c.version]));
    const ctx = this.#cases.context();
    // In pages, each read awaited: the first answer replays every case (seconds on the demo),
    // and one synchronous loop over all of them held up every other request meanwhile.
    for (let i = 0; i < stale.length; i += REPLAY_PAGE) {
      const ids = stale.slice(i, i + REPLAY_PAGE).map((c) => c.id);
      for (const log of await readCaseLogs(conn, ids)) {
        // Replayed to the end of time: a case with no further event stays overdue from its due
        // time on, so the spans hold as time passes; counting clips them at `now`.
        const spans = overdueSpans(log.opening, log.events, ctx, Number.POSITIVE_INFINITY);
        this.#spans.set(log.opening.id, { version: versions.get(log.opening.id) ?? 0, spans });
      }
    }
    return cases.map((c) => ({ grid_id: c.grid_id, spans: this.#spans.get(c.id)?.spans ?? [] }));
  }
}

/** Cases per period and grid that were overdue at some moment of the period up to `now`. */
function overdueCounts(cases: readonly OverdueCase[], periods: readonly Period[], now: number): PeriodCounts {
  const out: PeriodCounts = new Map();
  periods.forEach((p, i) => {
    const end = Math.min(p.end, now);
    const grids = new Map<string, number>();
    for (const c of cases) {
      if (c.spans.some(([from, to]) => from < end && Math.min(to, now) > p.start)) grids.set(c.grid_id, (grids.get(c.grid_id) ?? 0) + 1);
    }
    out.set(i, grids);
  });
  return out;
}

const DAY = 86_400_000;
// Cases replayed per read of their logs (~20 ms of replay between two awaits).
const REPLAY_PAGE = 1_000;

/**
 * The days a period's counts are over: all its calendar days once it is over, the time so far
 * (at least a day) while it runs, so the current month's density is a rate, not a month's worth
 * diluted on its 7th.
 */
function periodDays(p: Period, now: number): number {
  if (now >= p.end) return dayNumber(p.last_day) - dayNumber(p.first_day) + 1;
  return Math.max(1, (now - p.start) / DAY);
}

const at = (counts: PeriodCounts, i: number, id: string) => counts.get(i)?.get(id) ?? 0;
