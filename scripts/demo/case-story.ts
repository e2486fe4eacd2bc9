import {
  addWorkingMs,
  applyAction,
  LEVELS,
  openCase,
  workingMsBetween,
  type CaseActor,
  type CaseContext,
  type CaseEvent,
  type CaseOpening,
  type CaseState,
  type Department,
  type Level,
} from '@citygrid/core';
import type { Rng } from './prng.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
// The shipped working day, 08:30–12:00 and 14:30–18:00: 7 hours.
const WORKING_DAY_MINUTES = 420;

const OPERATOR: CaseActor = { role: 'operator' };
const SUPERVISOR: CaseActor = { role: 'supervisor' };
const DISPATCHER: CaseActor = { role: 'dispatcher' };

/**
 * The twists one case's story takes, drawn before it is told (see `drawPlot` in
 * synthetic-cases.ts). All false: accepted, registered, dispatched, handled, verified and
 * closed, each step inside its stage's time limit.
 */
export interface Plot {
  /** 受理 after the stage's hour is up. */
  lateAccept: boolean;
  /** 不予立案: outside the district, or not a matter for the platform. */
  reject: 'outside' | 'scope' | null;
  /** 上报上级 before dispatch: up one level, to that level's department. */
  escalate: boolean;
  /** 挂账 for days to weeks, while registered or while dispatched. */
  suspend: 'registered' | 'dispatched' | null;
  /** Sent to the wrong department first: 回退, then dispatched again. */
  misdispatch: boolean;
  /** 移交 to another department after dispatch. */
  transfer: boolean;
  /** 申请延期 by the department, 延期 by the supervisor. */
  extension: boolean;
  /** 处置反馈 after the dispatched stage's limit. */
  lateHandle: boolean;
  /** 核查不通过 once: rework, handled again. */
  failVerification: boolean;
  lateVerify: boolean;
  lateClose: boolean;
  /** 重新立案 days after closure (the problem came back), then the loop again. */
  reopen: boolean;
}

/**
 * The plot of a case with no twist.
 *
 * @example caseStory(opening, { ...PLAIN_PLOT, reopen: true }, cast, rng, ctx) // closed, reopened, closed again
 */
export const PLAIN_PLOT: Plot = {
  lateAccept: false,
  reject: null,
  escalate: false,
  suspend: null,
  misdispatch: false,
  transfer: false,
  extension: false,
  lateHandle: false,
  failVerification: false,
  lateVerify: false,
  lateClose: false,
  reopen: false,
};

/**
 * Who is who: the departments of the profile, for wrong dispatches, transfers and escalation.
 *
 * @example const cast: Cast = { departments: profile.departments ?? [] };
 */
export interface Cast {
  departments: readonly Department[];
}

/**
 * One case's history told through core's model: every event goes through `applyAction` and
 * must be accepted (a refusal throws: it is a bug in the generator, never data). Events are
 * timed in the profile's working hours from the case's opening, each at or after the last.
 * The whole story is told; the caller cuts it at the end of the demo's year.
 *
 * @example caseStory(opening, PLAIN_PLOT, { departments }, rng, ctx).map((e) => e.action) // ['accept', 'register', 'dispatch', 'handle', 'verify', 'close']
 */
export function caseStory(opening: CaseOpening, plot: Plot, cast: Cast, rng: Rng, ctx: CaseContext): CaseEvent[] {
  const run = new CaseRun(opening, ctx, rng);
  run.act('accept', run.work(plot.lateAccept ? uniform(rng, 70, 240) : uniform(rng, 3, 50)), OPERATOR);
  if (plot.reject) {
    run.act('reject', run.work(uniform(rng, 10, 100)), SUPERVISOR, {
      note: plot.reject === 'outside' ? '不属于本辖区，已告知反映人' : pickOne(rng, NOTES.reject),
    });
    return run.events;
  }
  run.act('register', run.work(uniform(rng, 10, 100)), SUPERVISOR);
  const up = nextLevel(run.state.owner_level);
  if (plot.escalate && up !== null) {
    const department = cast.departments.find((d) => d.level === up)?.code;
    run.act('escalate', run.work(uniform(rng, 10, 60)), SUPERVISOR, {
      ...(department ? { department } : {}),
      note: pickOne(rng, NOTES.escalate),
    });
  }
  if (plot.suspend === 'registered') suspendAWhile(run, rng);
  dispatchToClose(run, plot, cast, rng);
  if (plot.reopen) {
    run.act('reopen', run.work(uniform(rng, 0, 120), run.state.updated_at + uniform(rng, 2, 30) * DAY), SUPERVISOR, {
      note: pickOne(rng, NOTES.reopen),
    });
    dispatchToClose(run, PLAIN_PLOT, cast, rng);
  }
  return run.events;
}

/** From registered to closed: dispatch (and its twists), handle, verify (maybe rework), close. */
function dispatchToClose(run: CaseRun, plot: Plot, cast: Cast, rng: Rng): void {
  const target = run.state.department;
  // A wrong department first only where there is a right one to send it to after 回退.
  const wrong = plot.misdispatch && target !== null ? otherDepartment(cast, target, rng) : null;
  const first = wrong ?? target;
  run.act('dispatch', run.work(uniform(rng, 5, 55)), DISPATCHER, first === null ? {} : { department: first });
  if (wrong !== null && target !== null) {
    run.act('return', run.work(uniform(rng, 20, 240)), run.department(), { note: pickOne(rng, NOTES.return) });
    run.act('dispatch', run.work(uniform(rng, 10, 60)), DISPATCHER, { department: target });
  }
  const other = plot.transfer ? otherDepartment(cast, run.state.department, rng) : null;
  if (other !== null)
    run.act('transfer', run.beforeDue(uniform(rng, 0.05, 0.3)), DISPATCHER, {
      department: other,
      note: `经核实属${nameOf(cast, other)}职责，移交办理`,
    });
  if (plot.suspend === 'dispatched') suspendAWhile(run, rng);
  if (plot.extension) {
    run.act('request-extension', run.beforeDue(uniform(rng, 0.5, 0.9)), run.department(), {
      hours: pickOne(rng, [8, 16, 24]),
      note: pickOne(rng, NOTES.extension),
    });
    run.act('extend', run.work(uniform(rng, 10, 90)), SUPERVISOR);
  }
  run.act('handle', plot.lateHandle ? run.afterDue(lateHandling(rng)) : run.beforeDue(inTime(rng)), run.department(), {
    note: pickOne(rng, NOTES.handle),
  });
  if (plot.failVerification) {
    run.act('fail-verification', run.beforeDue(uniform(rng, 0.1, 0.8)), run.inspector(), { note: pickOne(rng, NOTES.failVerification) });
    run.act('handle', run.beforeDue(inTime(rng)), run.department(), { note: pickOne(rng, NOTES.handle) });
  }
  run.act('verify', plot.lateVerify ? run.afterDue(uniform(rng, 30, 480)) : run.beforeDue(inTime(rng)), run.inspector());
  run.act('close', plot.lateClose ? run.afterDue(uniform(rng, 20, 240)) : run.beforeDue(inTime(rng)), SUPERVISOR);
}

/** 挂账 (the clock stops) for 3–60 days, then resumed in working hours. */
function suspendAWhile(run: CaseRun, rng: Rng): void {
  run.act('suspend', run.work(uniform(rng, 10, 120)), SUPERVISOR, { note: pickOne(rng, NOTES.suspend) });
  run.act('resume', run.work(uniform(rng, 0, 120), run.state.updated_at + uniform(rng, 3, 60) * DAY), SUPERVISOR);
}

/** A case being told: its state, its events so far, and the clock arithmetic of its profile. */
class CaseRun {
  state: CaseState;
  readonly events: CaseEvent[] = [];

  constructor(
    opening: CaseOpening,
    private readonly ctx: CaseContext,
    private readonly rng: Rng,
  ) {
    this.state = openCase(opening, ctx);
  }

  /**
   * Takes an action through applyAction; a refusal is the generator's bug, so it throws.
   * Times go up to the whole second: ISO strings in the import keep milliseconds only, and
   * a step in time (before a due time, itself whole seconds) stays in time.
   */
  act(action: string, at: number, actor: CaseActor, fields: Omit<CaseEvent, 'action' | 'at' | 'actor'> = {}): void {
    const event: CaseEvent = { action, at: Math.max(Math.ceil(at / 1000) * 1000, this.state.updated_at), actor, ...fields };
    const result = applyAction(this.state, event, this.ctx);
    if (!result.ok) throw new Error(`synthetic case ${this.state.id}: ${result.problem.message}`);
    this.state = result.state;
    this.events.push(event);
  }

  /** `minutes` of working time after `from` (default: the last event). */
  work(minutes: number, from = this.state.updated_at): number {
    return addWorkingMs(from, Math.max(1, minutes) * MINUTE, this.ctx.calendar);
  }

  /** A share (0–1) of the working time left before the stage's due time: in time. */
  beforeDue(share: number): number {
    const due = this.state.due_at;
    if (due === null) return this.work(uniform(this.rng, 10, 120));
    return this.work((share * workingMsBetween(this.state.updated_at, due, this.ctx.calendar)) / MINUTE);
  }

  /** `minutes` of working time after the stage's due time: overdue. */
  afterDue(minutes: number): number {
    return this.work(minutes, Math.max(this.state.due_at ?? this.state.updated_at, this.state.updated_at));
  }

  /** The department that owns the case now, acting within its scope. */
  department(): CaseActor {
    return { role: 'department', department: this.state.department ?? undefined };
  }

  /** The inspector (监督员) of the case's grid; without a grid, an admin stands in. */
  inspector(): CaseActor {
    return this.state.grid_id === null ? { role: 'admin' } : { role: 'inspector', grids: [this.state.grid_id] };
  }
}

/**
 * Working minutes a late 处置 comes after its limit: most within two working days, a third
 * 3–40 working days (7 h each) late — the backlog a real platform carries at any time.
 */
function lateHandling(rng: Rng): number {
  return rng() < 0.35 ? uniform(rng, 3, 40) * WORKING_DAY_MINUTES : uniform(rng, 30, 900);
}

/** Where an in-time step falls in the time left: most early, a few near the limit. */
function inTime(rng: Rng): number {
  return 0.02 + 0.93 * rng() ** 1.5;
}

function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i >= 0 && i < LEVELS.length - 1 ? LEVELS[i + 1] : null;
}

/** Another department of the same level (else any other), or null when there is none. */
function otherDepartment(cast: Cast, code: string | null, rng: Rng): string | null {
  const level = cast.departments.find((d) => d.code === code)?.level;
  const others = cast.departments.filter((d) => d.code !== code);
  const peers = others.filter((d) => d.level === level);
  const pool = peers.length ? peers : others;
  return pool.length ? pickOne(rng, pool).code : null;
}

function nameOf(cast: Cast, code: string): string {
  return cast.departments.find((d) => d.code === code)?.name ?? code;
}

function uniform(rng: Rng, from: number, to: number): number {
  return from + (to - from) * rng();
}

function pickOne<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

// What officers write (short, as on a 数字城管 desk); one is drawn per event that needs a note.
const NOTES = {
  reject: ['不属于城市管理事项，已告知反映人向相关部门反映', '经核实问题不存在', '反映人描述不清，无法核实'],
  escalate: ['超出本级处置能力，提请上级协调', '涉及多部门，需上级联合执法'],
  return: ['非本部门职责，请重新派遣', '不在本部门管辖范围'],
  extension: ['需协调产权单位，申请延期', '需专业队伍施工，申请延期', '受天气影响，申请延期'],
  handle: ['已现场处置完毕', '已清理完毕，现场恢复', '已责令当事人整改到位', '已修复'],
  failVerification: ['现场复核问题仍存在', '处置不彻底，请返工'],
  suspend: ['待专项资金到位', '涉及产权争议，待协调', '待汛期结束后施工'],
  reopen: ['群众再次反映，问题反弹', '复查发现问题复发'],
} as const;
