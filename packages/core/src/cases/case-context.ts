import { DEFAULT_TIME_LIMITS, DEFAULT_URGENCIES } from '../profile/default-time-limits.ts';
import { DEFAULT_WORKFLOW } from '../profile/default-workflow.ts';
import type { CityProfile, Level, TimeLimit, Workflow, WorkflowAction, WorkflowStage } from '../profile/profile-schema.ts';
import { workingCalendar, type WorkingCalendar } from './working-calendar.ts';

/** What the case reducer needs of a profile, looked up once. */
export interface CaseContext {
  readonly workflow: Workflow;
  readonly initial: string;
  readonly stages: ReadonlyMap<string, WorkflowStage>;
  readonly actions: ReadonlyMap<string, WorkflowAction>;
  readonly time_limits: readonly TimeLimit[];
  readonly calendar: WorkingCalendar;
  /** Urgency codes; the first is a new case's default. */
  readonly urgencies: readonly string[];
  /** Department code → its level; events naming another department are refused. */
  readonly departments: ReadonlyMap<string, Level>;
}

/**
 * The case context of a checked profile (checkProfile): its workflow, time limits, urgencies
 * and working calendar, each the shipped default (DEFAULT_PROFILE's) where the profile has none.
 *
 * @example caseContext(DEFAULT_PROFILE).initial // 'reported'
 */
export function caseContext(profile: CityProfile): CaseContext {
  const workflow = profile.workflow ?? DEFAULT_WORKFLOW;
  return {
    workflow,
    initial: workflow.initial ?? workflow.stages[0].code,
    stages: new Map(workflow.stages.map((s) => [s.code, s])),
    actions: new Map(workflow.actions.map((a) => [a.code, a])),
    time_limits: profile.time_limits ?? DEFAULT_TIME_LIMITS,
    calendar: workingCalendar(profile),
    urgencies: (profile.urgencies ?? DEFAULT_URGENCIES).map((u) => u.code),
    departments: new Map((profile.departments ?? []).map((d) => [d.code, d.level])),
  };
}
