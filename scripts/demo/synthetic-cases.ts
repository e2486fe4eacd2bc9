import {
  addWorkingMs,
  caseContext,
  createRouter,
  findDuplicate,
  parseGrids,
  profileDispatcher,
  type CaseContext,
  type CaseEvent,
  type CaseOpening,
  type CityProfile,
  type Report,
  type Router,
} from '@citygrid/core';
import type { FeatureCollection } from 'geojson';
import { caseStory, PLAIN_PLOT, type Cast, type Plot } from './case-story.ts';
import { mulberry32, type Rng } from './prng.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Options of {@link generateCases}. */
export interface GenerateCasesOptions {
  /** The demo's reports (generateReports), any order; times ISO 8601 with offset. */
  reports: readonly Report[];
  /**
   * The grids the reports are routed to (data/demo/grids.geojson): a case's grid, its
   * inspector's scope, and outside every grid → 不予立案. Without grids cases have no grid,
   * none is rejected as outside, and an admin stands in for the inspector.
   */
  grids?: FeatureCollection | null;
  /** A checked city profile (checkProfile): workflow, time limits, calendar, dispatch, duplicates. */
  profile: CityProfile;
  /** [seed=1] PRNG seed (mulberry32): the same seed and inputs give byte-identical cases. */
  seed?: number;
  /** Share of reports that open or join a case, by source: see {@link DEFAULT_SHARE}. */
  share?: Partial<CaseShare>;
  /** [until=the last report's time] End of the history (UTC ms): later events are cut, so the last weeks' cases stay open. */
  until?: number;
}

/** Which reports become cases, as a share of each kind of source. */
export interface CaseShare {
  /** Reports of the profile's `auto_case_sources` (patrols: a case at once on the platform). */
  auto: number;
  /** Reports from the public (12345, app, WeChat), most answered without a case. */
  public: number;
}

/** A case with its history, times in UTC ms (core's types); {@link toImportLine} writes it. */
export interface SyntheticCase {
  opening: CaseOpening;
  events: CaseEvent[];
}

/**
 * The default shares: on the demo's 200,000 reports (73,572 patrol, 126,428 public) about
 * 22,000 + 12,600 reports, of which a few hundred join open cases as duplicates: 34,917
 * cases (seed 1), so the demo loads in seconds. Every patrol report would be closer to life
 * (auto_case_sources open a case at once), at ~3× the volume.
 *
 * @example generateCases({ reports, grids, profile, share: { ...DEFAULT_SHARE, public: 0 } }) // patrol cases only
 */
export const DEFAULT_SHARE: CaseShare = { auto: 0.3, public: 0.1 };

/**
 * How often each twist happens, per case (see {@link Plot}); calibrated so that about 80 %
 * of all cases close with every step in time. Local choices, not published rates.
 *
 * @example CASE_MIX.lateHandle // 0.08: one case in 12 is handled after its limit
 */
export const CASE_MIX = {
  lateAccept: 0.02, // accepted after the hour
  reject: 0.03, // 不予立案 (besides every report outside the grids)
  escalate: 0.015, // 上报上级 before dispatch
  suspendRegistered: 0.005, // 挂账 before dispatch
  suspendDispatched: 0.01, // 挂账 at the department
  misdispatch: 0.04, // wrong department: 回退, dispatched again
  transfer: 0.015, // 移交 to another department
  extension: 0.04, // 申请延期 + 延期
  lateHandle: 0.08, // 处置 after the limit
  failVerification: 0.06, // 核查不通过 → 返工
  lateVerify: 0.025,
  lateClose: 0.015,
  reopen: 0.01, // 重新立案 after closure
  merge: 0.5, // of duplicates: opened as a case of their own, then 合并 (the rest join at intake)
  urgent: 0.04, // 紧急 (道路积雪 10001 always)
} as const;

/**
 * A seeded, realistic case history for the demo's reports, built only through core's model:
 * every event goes through `applyAction` and is accepted, so every history replays. A share
 * of the reports (by source) becomes cases, in time order; a report of the same category
 * within the profile's `duplicates` distance and hours of an open case joins it (its id in
 * the case's `reports`), or now and then becomes a case of its own that the operator merges.
 * Each case is routed to its grid, dispatched to the department the profile's dispatch rules
 * give, and told in working hours by the roles of the workflow (operator accepts, supervisor
 * registers and closes, dispatcher dispatches, the department handles, the grid's inspector
 * verifies), with the twists of {@link CASE_MIX}; events after `until` are cut, which leaves
 * the last weeks' cases open in every stage. Case ids `C0000001`… in opening order.
 *
 * @example generateCases({ reports, grids, profile, seed: 1 }).length // 34,917 for the 200,000 demo reports (seed 1)
 */
export function generateCases(options: GenerateCasesOptions): SyntheticCase[] {
  const { reports, profile, seed = 1 } = options;
  const share = { ...DEFAULT_SHARE, ...options.share };
  for (const [k, v] of Object.entries(share))
    if (!(v >= 0 && v <= 1)) throw new RangeError(`cases: share.${k} must be from 0 to 1, got ${v}`);
  const ctx = caseContext(profile);
  const dispatcher = profileDispatcher(profile);
  const router = options.grids ? gridRouter(options.grids) : null;
  const cast: Cast = { departments: profile.departments ?? [] };
  const auto = new Set(profile.auto_case_sources ?? []);
  const rng = mulberry32(seed);
  const times = reports.map((r) => Date.parse(r.created_at));
  const order = Uint32Array.from(reports.keys()).sort((a, b) => times[a] - times[b] || a - b);
  const until = options.until ?? (reports.length ? times[order[order.length - 1]] : 0);
  const recent: Opened[] = [];
  const cases: SyntheticCase[] = [];
  for (const i of order) {
    const r = reports[i];
    const at = times[i];
    if (rng() >= (auto.has(r.source) ? share.auto : share.public)) continue;
    while (recent.length && recent[0].opened_at < at - (profile.duplicates?.hours ?? 0) * HOUR) recent.shift();
    const open = recent.filter((c) => c.end === null || c.end > at);
    const twin = profile.duplicates ? findDuplicate({ lon: r.lon, lat: r.lat, category: r.category, at }, open, profile.duplicates) : null;
    const merge = twin !== null && rng() < CASE_MIX.merge;
    if (twin !== null && !merge) {
      twin.reports.push(r.id);
      continue;
    }
    const grid = router ? router.route(r.lon, r.lat) : null;
    const proposal = dispatcher.dispatch({
      category: r.category,
      lon: r.lon,
      lat: r.lat,
      within: grid?.grid ? [grid.grid.id, ...grid.path.map((p) => p.id)] : [],
    });
    // The same array as the Opened entry's: later duplicates join the opening's reports.
    const ids = [r.id];
    const opening: CaseOpening = {
      id: `C${String(cases.length + 1).padStart(7, '0')}`,
      at,
      category: r.category,
      urgency: urgency(r.category, rng, ctx),
      department: proposal.department ?? cast.departments[0]?.code ?? null,
      owner_level: proposal.owner_level,
      grid_id: grid?.grid?.id ?? null,
      lon: r.lon,
      lat: r.lat,
      reports: ids,
    };
    const story = merge
      ? mergeStory(opening, twin.id, rng, ctx)
      : caseStory(opening, drawPlot(rng, router !== null && grid?.grid == null), cast, rng, ctx);
    const events = story.filter((e) => e.at <= until);
    cases.push({ opening, events });
    recent.push({ category: r.category, lon: r.lon, lat: r.lat, opened_at: at, end: endOf(events, ctx), id: opening.id, reports: ids });
  }
  return cases;
}

/**
 * One case as a line of the import format (POST /api/cases/import): `{ opening, events }`
 * with every `at` an ISO 8601 UTC string, keys in a fixed order; no newline at the end.
 *
 * @example toImportLine({ opening: { id: 'C0000001', at: 0, category: '06010' }, events: [] }) // '{"opening":{"id":"C0000001","at":"1970-01-01T00:00:00.000Z","category":"06010"},"events":[]}'
 */
export function toImportLine(c: SyntheticCase): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return JSON.stringify({ opening: { ...c.opening, at: iso(c.opening.at) }, events: c.events.map((e) => ({ ...e, at: iso(e.at) })) });
}

/** An open case as the duplicate search sees it, with when it left the loop (null: never). */
interface Opened {
  category: string;
  lon: number;
  lat: number;
  opened_at: number;
  end: number | null;
  id: string;
  /** The case's report ids, shared with its opening. */
  reports: string[];
}

/** The twists of one case, each drawn with its CASE_MIX chance; outside every grid → rejected. */
function drawPlot(rng: Rng, outside: boolean): Plot {
  const m = CASE_MIX;
  const chance = (p: number) => rng() < p;
  const plot: Plot = {
    lateAccept: chance(m.lateAccept),
    reject: outside ? 'outside' : chance(m.reject) ? 'scope' : null,
    escalate: chance(m.escalate),
    suspend: chance(m.suspendRegistered) ? 'registered' : chance(m.suspendDispatched) ? 'dispatched' : null,
    misdispatch: chance(m.misdispatch),
    transfer: chance(m.transfer),
    extension: chance(m.extension),
    lateHandle: chance(m.lateHandle),
    failVerification: chance(m.failVerification),
    lateVerify: chance(m.lateVerify),
    lateClose: chance(m.lateClose),
    reopen: chance(m.reopen),
  };
  return plot.reject ? { ...PLAIN_PLOT, lateAccept: plot.lateAccept, reject: plot.reject } : plot;
}

/** A duplicate the operator did not catch at intake: opened, then 合并 into the open case. */
function mergeStory(opening: CaseOpening, target: string, rng: Rng, ctx: CaseContext): CaseEvent[] {
  const at = Math.ceil(addWorkingMs(opening.at, (3 + 40 * rng()) * MINUTE, ctx.calendar) / 1000) * 1000;
  return [{ action: 'merge', at, actor: { role: 'operator' }, target, note: `与 ${target} 重复` }];
}

/** When the case left the loop (closed, rejected, merged: a terminal stage), or null. */
function endOf(events: readonly CaseEvent[], ctx: CaseContext): number | null {
  const last = events[events.length - 1];
  if (!last) return null;
  const to = ctx.actions.get(last.action)?.to;
  return to !== undefined && ctx.stages.get(to)?.terminal ? last.at : null;
}

/** 紧急 for road ice and snow (10001) and a few others, if the profile has a second urgency. */
function urgency(category: string, rng: Rng, ctx: CaseContext): string {
  const urgent = ctx.urgencies[1];
  const draw = rng() < CASE_MIX.urgent;
  return urgent !== undefined && (category === '10001' || draw) ? urgent : ctx.urgencies[0];
}

function gridRouter(grids: FeatureCollection): Router {
  const parsed = parseGrids(grids);
  if (!parsed.ok) throw new Error(`cases: grids do not parse: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return createRouter(parsed.gridSet);
}
