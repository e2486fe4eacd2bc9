import { DEFAULT_URGENCIES } from './default-time-limits.ts';
import { DEFAULT_WORKFLOW } from './default-workflow.ts';
import type { CityProfile, Workflow } from './profile-schema.ts';

type Fail = (path: string, complaint: string) => void;

/**
 * What the schema cannot say about a profile's case settings: the workflow is a connected
 * state machine (known stages, one initial stage, every stage reachable, a way out of every
 * non-terminal stage, a resume wherever a suspend), time limits name known stages, urgencies
 * and categories, working hours are ordered periods of one day, calendar dates exist, and
 * auto-opening sources are sources. Assumes the profile passed its JSON Schema.
 *
 * @example caseSettingsProblems(DEFAULT_PROFILE, () => true, fail) // fail is never called
 */
export function caseSettingsProblems(
  p: CityProfile,
  matchesCategory: (prefix: string) => boolean,
  knownSource: (code: string) => boolean,
  fail: Fail,
): void {
  if (p.workflow) workflowProblems(p.workflow, fail);
  const workflow = p.workflow ?? DEFAULT_WORKFLOW;
  const stages = new Map(workflow.stages.map((s) => [s.code, s]));
  const urgencies = (p.urgencies ?? DEFAULT_URGENCIES).map((u) => u.code);
  unique(
    p.urgencies?.map((u) => u.code),
    '/urgencies',
    '/code',
    fail,
  );
  const seen = new Map<string, number>();
  (p.time_limits ?? []).forEach((l, i) => {
    const at = `/time_limits/${i}`;
    const stage = stages.get(l.stage);
    if (!stage)
      fail(`${at}/stage`, `${JSON.stringify(l.stage)} is not a stage of the workflow: use one of ${[...stages.keys()].join(', ')}`);
    else if (stage.terminal) fail(`${at}/stage`, `${JSON.stringify(l.stage)} is terminal: no clock runs there`);
    if (l.urgency !== undefined && !urgencies.includes(l.urgency))
      fail(`${at}/urgency`, `${JSON.stringify(l.urgency)} is not an urgency: use one of ${urgencies.join(', ')} or add it to urgencies`);
    if (l.category !== undefined && !matchesCategory(l.category))
      fail(`${at}/category`, `${JSON.stringify(l.category)} matches no category code: give a code or prefix of the catalogue`);
    const key = JSON.stringify([l.stage, l.category ?? null, l.urgency ?? null]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else fail(at, `has the same stage, category and urgency as /time_limits/${first}: keep one`);
  });
  workingHoursProblems(p.working_hours ?? [], fail);
  for (const list of ['holidays', 'workdays'] as const) {
    (p.calendar?.[list] ?? []).forEach((day, i) => {
      if (!isDate(day)) fail(`/calendar/${list}/${i}`, `${day} is not a date of the calendar`);
    });
  }
  const holidays = new Set(p.calendar?.holidays ?? []);
  (p.calendar?.workdays ?? []).forEach((day, i) => {
    if (holidays.has(day)) fail(`/calendar/workdays/${i}`, `${day} is also in holidays: keep it in one list`);
  });
  (p.auto_case_sources ?? []).forEach((code, i) => {
    if (!knownSource(code))
      fail(`/auto_case_sources/${i}`, `${JSON.stringify(code)} is not a source: add it to sources or use a standard source code`);
  });
}

function workflowProblems(w: Workflow, fail: Fail): void {
  unique(
    w.stages.map((s) => s.code),
    '/workflow/stages',
    '/code',
    fail,
  );
  unique(
    w.actions.map((a) => a.code),
    '/workflow/actions',
    '/code',
    fail,
  );
  const codes = w.stages.map((s) => s.code);
  const known = (code: string, path: string) => {
    if (!codes.includes(code)) fail(path, `${JSON.stringify(code)} is not a stage: use one of ${codes.join(', ')}`);
  };
  if (w.initial !== undefined) known(w.initial, '/workflow/initial');
  w.actions.forEach((a, i) => {
    a.from.forEach((s, j) => {
      known(s, `/workflow/actions/${i}/from/${j}`);
    });

    if (a.to !== undefined) known(a.to, `/workflow/actions/${i}/to`);
  });
  // Every stage reachable from the initial one: a stage nothing leads to is dead data.
  const initial = w.initial ?? codes[0];
  const reached = new Set([initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of w.actions) {
      if (a.to !== undefined && !reached.has(a.to) && a.from.some((s) => reached.has(s))) reached.add(a.to), (grew = true);
    }
  }
  w.stages.forEach((s, i) => {
    if (!reached.has(s.code))
      fail(
        `/workflow/stages/${i}`,
        `${JSON.stringify(s.code)} cannot be reached from the initial stage ${JSON.stringify(initial)}: no chain of actions leads to it`,
      );
    const out = w.actions.some((a) => a.to !== undefined && a.to !== s.code && a.from.includes(s.code));
    if (!s.terminal && !out)
      fail(
        `/workflow/stages/${i}`,
        `${JSON.stringify(s.code)} is not terminal but no action leads out of it: add one, or mark it terminal`,
      );
  });
  // A case suspended in a stage no resume action starts from would stay suspended forever.
  const resumable = new Set(w.actions.filter((a) => a.effect === 'resume').flatMap((a) => a.from));
  w.actions.forEach((a, i) => {
    if (a.effect !== 'suspend') return;
    a.from.forEach((s, j) => {
      if (!resumable.has(s))
        fail(
          `/workflow/actions/${i}/from/${j}`,
          `a case suspended in ${JSON.stringify(s)} could never resume: add the stage to a resume action's from`,
        );
    });
  });
}

function workingHoursProblems(periods: ReadonlyArray<readonly [string, string]>, fail: Fail): void {
  let previousEnd = -1;
  periods.forEach(([start, end], i) => {
    const s = minutes(start),
      e = minutes(end);
    if (s > 1440) fail(`/working_hours/${i}/0`, `${start} is past 24:00`);
    if (e > 1440) fail(`/working_hours/${i}/1`, `${end} is past 24:00`);
    if (s >= e) fail(`/working_hours/${i}`, `ends (${end}) no later than it starts (${start}): a period lies within one day`);
    if (s < previousEnd)
      fail(`/working_hours/${i}`, `starts (${start}) before the previous period ends: list periods in order, without overlap`);
    previousEnd = Math.max(previousEnd, e);
  });
}

/** Minutes after local midnight of an HH:MM time. */
function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function isDate(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** Each later code that repeats an earlier one, at `${path}/${i}${leaf}`. */
function unique(codes: readonly string[] | undefined, path: string, leaf: string, fail: Fail): void {
  const first = new Map<string, number>();
  (codes ?? []).forEach((code, i) => {
    const at = first.get(code);
    if (at === undefined) first.set(code, i);
    else fail(`${path}/${i}${leaf}`, `${JSON.stringify(code)} is already used by ${path}/${at}: each code must be unique`);
  });
}
