import {
  assessmentSettings,
  assessUnits,
  CitygridError,
  INDICATORS,
  offsetMinutes,
  parsePeriod,
  shiftPeriod,
  STANDARD_SOURCES,
  type AssessmentSettings,
  type CityProfile,
  type Period,
} from '@citygrid/core';
import type { CaseService } from '../cases/case-service.ts';
import type { Database } from '../db/database.ts';
import type { Snapshot } from '../db/snapshot.ts';
import { problem, serverError } from '../errors/catalogue.ts';
import type { GridService } from '../grids/grid-service.ts';
import type { ProfileService } from '../profile/profile-service.ts';
import type { Assessment, AssessmentExplained } from './assessment-schemas.ts';
import { ASSESSMENT_LEVELS, levelMembers, type AssessmentLevel } from './assessment-units.ts';
import { explainUnit } from './explain-unit.ts';
import { refreshFacts } from './fact-rows.ts';
import { appendCheckins, type CheckinRow } from './checkin-rows.ts';
import { transaction } from '../db/transaction.ts';
import type { CountWindow } from './unit-counts.ts';
import { unitInputs } from './unit-inputs.ts';

/**
 * Assessments (docs/assessment.md): each unit's indicators over a period, computed on demand
 * from the case event log (through the derived `case_facts`), ratings and patrol check-ins,
 * scored and ranked by core with the profile's settings. Nothing here is stored by hand.
 */
export class AssessmentService {
  readonly #db: Database;
  readonly #grids: GridService;
  readonly #profiles: ProfileService;
  readonly #cases: CaseService;
  #refreshing: Promise<void> = Promise.resolve();

  /** Use the store's services. */
  constructor(db: Database, grids: GridService, profiles: ProfileService, cases: CaseService) {
    this.#db = db;
    this.#grids = grids;
    this.#profiles = profiles;
    this.#cases = cases;
  }

  /**
   * The ranked table of a level over a period, with each unit's score and rank the period
   * before and its flags. 400 CG_ERR_ASSESSMENT_QUERY for a level or period it does not know.
   * @example (await assessment.table('street', '2026-11')).units[0].rank // 1
   */
  async table(levelText: string, code: string): Promise<Assessment> {
    const level = checkLevel(levelText);
    const { profile, settings, period } = await this.#prepare(code);
    return this.#grids.readSnapshot(async (snapshot) => {
      const members = await levelMembers(snapshot, level, profile);
      const tables = [];
      for (const c of [code, shiftPeriod(code, -1), shiftPeriod(code, -2)]) {
        const p = parsePeriod(c, profile.timezone);
        tables.push(
          await unitInputs(snapshot.conn, level, members, countWindow(p, profile, settings), p, settings.attendance_days_per_week),
        );
      }
      return {
        period: servedPeriod(period, profile.timezone),
        level,
        units: assessUnits(tables[0], tables.slice(1), settings),
        formulas: formulas(settings),
        grades: settings.grades,
        pass_grade: settings.pass_grade,
      };
    });
  }

  /**
   * One unit of a level over a period: each indicator with the case ids behind its numerator
   * and denominator (days for attendance). 404 for a unit the level does not have.
   * @example (await assessment.explain('grid', 'A1', '2026-11')).indicators.timely_handling.denominator_cases // ['c1', 'c7']
   */
  async explain(levelText: string, id: string, code: string): Promise<AssessmentExplained> {
    const level = checkLevel(levelText);
    const { profile, settings, period } = await this.#prepare(code);
    return this.#grids.readSnapshot(async (snapshot: Snapshot) => {
      const members = await levelMembers(snapshot, level, profile);
      const unit = members.units.find((u) => u.id === id);
      if (!unit)
        throw serverError([
          {
            ...problem('CG_ERR_NOT_FOUND', { id }, `${level} ${JSON.stringify(id)}`),
            fix: `list the ${level} units with GET /api/assessment?level=${level}`,
          },
        ]);
      const grids = members.grids?.get(id) ?? null;
      const indicators = await explainUnit(snapshot.conn, { level, id, grids }, countWindow(period, profile, settings), period, settings);
      return { period: servedPeriod(period, profile.timezone), level, unit: { ...unit, ...(grids ? { grids } : {}) }, indicators };
    });
  }

  /**
   * Stores patrol check-ins as the field app does (POST /api/patrols writes the same rows):
   * for the demo's synthetic patrols and for tests, in one transaction.
   * @example await store.assessment.addCheckins(rows)
   */
  addCheckins(rows: readonly CheckinRow[]): Promise<void> {
    return this.#db.write((conn) => transaction(conn, () => appendCheckins(conn, rows)));
  }

  /**
   * Brings `case_facts` up to date with the case log. Every read does it (cheap when few cases
   * changed); after a bulk load, call it once before serving so the first read does not hold
   * the write lock while it replays every case.
   * @example await store.assessment.refresh()
   */
  async refresh(): Promise<void> {
    const city = this.#profiles.current();
    const settings = assessmentSettings(city.profile.assessment);
    await this.#cases.settled();
    const ctx = this.#cases.context();
    // One refresh at a time: they share the temp table, and a second one finds the first's work done.
    const run = this.#refreshing.then(() => refreshFacts(this.#db, { ctx, settings, profile_version: city.version }));
    this.#refreshing = run.then(
      () => undefined,
      () => undefined,
    );
    await run;
  }

  /** The profile's settings and the period, with case_facts brought up to date. */
  async #prepare(code: string): Promise<{ profile: CityProfile; settings: AssessmentSettings; period: Period }> {
    const city = this.#profiles.current();
    const period = checkPeriod(code, city.profile.timezone);
    await this.refresh();
    return { profile: city.profile, settings: assessmentSettings(city.profile.assessment), period };
  }
}

function checkLevel(text: string): AssessmentLevel {
  if ((ASSESSMENT_LEVELS as readonly string[]).includes(text)) return text as AssessmentLevel;
  throw serverError([problem('CG_ERR_ASSESSMENT_QUERY', {}, 'level', JSON.stringify(text), `one of ${ASSESSMENT_LEVELS.join(', ')}`)]);
}

function checkPeriod(code: string, tz: string): Period {
  try {
    return parsePeriod(code, tz);
  } catch (e) {
    if (!(e instanceof CitygridError)) throw e;
    throw serverError([
      problem(
        'CG_ERR_ASSESSMENT_QUERY',
        {},
        'period',
        JSON.stringify(code),
        'a period: a month 2026-11, a quarter 2026-Q4, a year 2026 or an ISO week 2026-W47',
      ),
    ]);
  }
}

/** What a period's counts need: its bounds, which sources are patrol and device finds, the satisfied mark, the local offset. */
export function countWindow(p: Period, profile: CityProfile, settings: AssessmentSettings): CountWindow {
  const sources = new Map(STANDARD_SOURCES.map((s) => [s.code, s.discovery as string | undefined]));
  for (const s of profile.sources ?? []) sources.set(s.code, s.discovery);
  const by = (d: string) => [...sources].filter(([, v]) => v === d).map(([k]) => k);
  return {
    start: p.start,
    end: p.end,
    patrol_sources: by('patrol'),
    device_sources: by('device'),
    satisfied_from: settings.satisfaction.satisfied_from,
    offset_min: offsetMinutes(profile.timezone, p.start),
  };
}

function servedPeriod(p: Period, timezone: string): Assessment['period'] {
  return { ...p, start: new Date(p.start).toISOString(), end: new Date(p.end).toISOString(), timezone };
}

function formulas(settings: AssessmentSettings): Assessment['formulas'] {
  return Object.fromEntries(
    INDICATORS.map((i) => [
      i.name,
      {
        zh: i.zh,
        en: i.en,
        seed: i.seed,
        numerator: i.numerator,
        denominator: i.denominator,
        weight: settings.indicators.includes(i.name) ? settings.weights[i.name] : 0,
        lower_is_better: 'lower_is_better' in i,
      },
    ]),
  );
}
