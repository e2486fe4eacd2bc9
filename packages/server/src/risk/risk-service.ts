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
import { readCaseLogs, readRepeatedCounts, readReportCounts, readRiskGrids, type PeriodCounts } from './risk-rows.ts';
import type { RiskAnswer } from './risk-schemas.ts';

const FORMULA =
  'score = 100 × (w_density·density + w_overdue·overdue + w_repeated·repeated) / (w_density + w_overdue + w_repeated), ' +
  'each component = min(1, value × 30 / days in the period / reference); density = reports per km², overdue = cases overdue at some moment ' +
  "of the period, repeated = cases of a category the grid already had in the period + duplicate reports joined + reopenings. Level: up at once to the level the score reaches; down only when the score is more than `margin` under the current level's min_score, to the level score + margin reaches. Levels are replayed from `look_back` periods before, the first with no previous level.";

/** Overdue spans per case, with what they were computed from, so an unchanged log is not replayed again. */
interface SpanCache {
  head: number;
  city: unknown;
  since: number;
  spans: { grid_id: string; spans: [number, number][] }[];
}

/**
 * Risk per grid and period (docs/risk.md): counts from SQL, overdue spans replayed from the
 * case log through core, scores and levels from core with the profile's `risk` settings.
 */
export class RiskService {
  readonly #db: Database;
  readonly #profiles: ProfileService;
  readonly #cases: CaseService;
  #cache: SpanCache | null = null;

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
      const overdue = overdueCounts(await this.#spans(conn, periods[0].start), periods, now);
      const scored = periods.map((p, i) => {
        const days = dayNumber(p.last_day) - dayNumber(p.first_day) + 1;
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
      const version = (
        await conn.runAndReadAll('SELECT max(version) AS v FROM grid_versions WHERE status = $s', { s: 'current' })
      ).getRowObjectsJS()[0]?.v as number | null;
      return {
        period: asked.code,
        first_day: asked.first_day,
        last_day: asked.last_day,
        version: version ?? null,
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

  /** Overdue spans of every case that may matter since `since`, replayed once per log head and profile. */
  async #spans(conn: Connection, since: number): Promise<SpanCache['spans']> {
    const city = this.#profiles.current();
    const head = Number((await conn.runAndReadAll('SELECT coalesce(max(seq), 0) AS s FROM case_events')).getRowObjectsJS()[0].s);
    const c = this.#cache;
    if (c && c.head === head && c.city === city && c.since <= since) return c.spans;
    const ctx = this.#cases.context();
    // Spans are replayed to the end of time: a case with no further event stays overdue from
    // its due time on, so the cache holds as time passes; counting clips them at `now`.
    const spans = (await readCaseLogs(conn, since)).map((log) => ({
      grid_id: log.grid_id,
      spans: overdueSpans(log.opening, log.events, ctx, Number.POSITIVE_INFINITY),
    }));
    this.#cache = { head, city, since, spans };
    return spans;
  }
}

/** Cases per period and grid that were overdue at some moment of the period up to `now`. */
function overdueCounts(cases: SpanCache['spans'], periods: readonly Period[], now: number): PeriodCounts {
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

const at = (counts: PeriodCounts, i: number, id: string) => counts.get(i)?.get(id) ?? 0;
