import type { Level } from '../profile/profile-schema.ts';
import type { CaseContext } from './case-context.ts';
import { stageLimit } from './stage-limit.ts';
import { dueAt, limitClock } from './time-limit.ts';

/**
 * A case: where it stands in the workflow and its clock. Times are UTC ms. Built only by
 * openCase and applyAction (or replayCase over its events), never edited by hand, so that
 * the event log alone can rebuild it.
 */
export interface CaseState {
  id: string;
  /** A stage code of the workflow. */
  stage: string;
  /** 1 when opened, +1 for each action taken: what `expected_version` is checked against. */
  version: number;
  opened_at: number;
  /** Time of the last event: a later event may not be earlier. */
  updated_at: number;
  stage_started_at: number;
  /** When the stage's time limit runs out; null in a stage without one (or terminal). */
  due_at: number | null;
  /** Whether due_at counts working time or wall-clock time (what a resume pushes it by). */
  clock: 'working' | 'wall' | null;
  /** 挂账: the clock is stopped; only a resume is allowed. */
  suspended: boolean;
  suspended_at: number | null;
  /** Wall-clock ms spent suspended so far. */
  suspended_ms: number;
  /** The department that owns it (专业部门), or null until dispatched (and after a return). */
  department: string | null;
  /** The level that owns it: 小事不出格, it starts low and escalates one level at a time. */
  owner_level: Level;
  grid_id: string | null;
  category: string;
  standard: string | null;
  urgency: string;
  /** WGS84 degrees of the first report (duplicates are found by distance), or null. */
  lon: number | null;
  lat: number | null;
  /** Ids of the reports behind it: the first, then those that joined as duplicates. */
  reports: string[];
  reworks: number;
  returns: number;
  extensions: number;
  reopens: number;
  escalations: number;
  transfers: number;
  /** Hours a department asked for (申请延期), until a supervisor extends. */
  extension_requested: number | null;
  merged_into: string | null;
}

/** What a new case starts from (the first report, dispatch's proposal). */
export interface CaseOpening {
  id: string;
  at: number;
  category: string;
  standard?: string | null;
  /** Default: the profile's first urgency. */
  urgency?: string;
  /** The department dispatch rules propose; the dispatcher may send it elsewhere. */
  department?: string | null;
  /** Default: grid (小事不出格). */
  owner_level?: Level;
  grid_id?: string | null;
  lon?: number | null;
  lat?: number | null;
  reports?: readonly string[];
}

/**
 * A new case in the workflow's initial stage, version 1, its clock started at `at`.
 *
 * @example openCase({ id: 'c1', at: Date.now(), category: '06010' }, caseContext(DEFAULT_PROFILE)).stage // 'reported'
 */
export function openCase(o: CaseOpening, ctx: CaseContext): CaseState {
  const state: CaseState = {
    id: o.id,
    stage: ctx.initial,
    version: 1,
    opened_at: o.at,
    updated_at: o.at,
    stage_started_at: o.at,
    due_at: null,
    clock: null,
    suspended: false,
    suspended_at: null,
    suspended_ms: 0,
    department: o.department ?? null,
    owner_level: o.owner_level ?? 'grid',
    grid_id: o.grid_id ?? null,
    category: o.category,
    standard: o.standard ?? null,
    urgency: o.urgency ?? ctx.urgencies[0],
    lon: o.lon ?? null,
    lat: o.lat ?? null,
    reports: [...(o.reports ?? [])],
    reworks: 0,
    returns: 0,
    extensions: 0,
    reopens: 0,
    escalations: 0,
    transfers: 0,
    extension_requested: null,
    merged_into: null,
  };
  return { ...state, ...stageClock(state, ctx.initial, o.at, ctx) };
}

/**
 * The clock of a case entering `stage` at `at`: its due time from the profile's time limits
 * (none in a terminal stage or one without a limit).
 *
 * @example stageClock(state, 'dispatched', at, ctx) // { due_at: …, clock: 'working' }
 */
export function stageClock(
  c: Pick<CaseState, 'category' | 'standard' | 'urgency'>,
  stage: string,
  at: number,
  ctx: CaseContext,
): Pick<CaseState, 'due_at' | 'clock'> {
  if (ctx.stages.get(stage)?.terminal) return { due_at: null, clock: null };
  const limit = stageLimit(ctx.time_limits, { stage, category: c.category, standard: c.standard, urgency: c.urgency });
  return limit ? { due_at: dueAt(at, limit, ctx.calendar), clock: limitClock(limit) } : { due_at: null, clock: null };
}

/**
 * Whether a case is past its stage's time limit at `now` (UTC ms). A suspended case's clock
 * is stopped: it is overdue only if it already was when suspended.
 *
 * @example overdue({ ...state, due_at: 1000, suspended: false }, 2000) // true
 */
export function overdue(state: Pick<CaseState, 'due_at' | 'suspended' | 'suspended_at'>, now: number): boolean {
  if (state.due_at === null) return false;
  return state.due_at < (state.suspended ? (state.suspended_at ?? now) : now);
}

/**
 * Adds a report that duplicates the case (findDuplicate found it). It changes no workflow
 * state, so the version stays: a dispatcher's `expected_version` remains valid.
 *
 * @example joinReport(state, 'r2').reports // ['r1', 'r2']
 */
export function joinReport(state: CaseState, reportId: string): CaseState {
  return state.reports.includes(reportId) ? state : { ...state, reports: [...state.reports, reportId] };
}
