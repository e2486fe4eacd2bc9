/**
 * A case's timeline: one row per event of its log, oldest first, in the page's language — when,
 * what (the action's name), who (role, and department for a department key), and the event's
 * fields (department sent to, hours, note, target, the report that joined). The log's `open`
 * event is not a row: the detail shows when the case was reported, and its first row is the
 * first action taken on it; a `join` (a duplicate report joined it) is.
 */
import type { Department, Workflow } from '@citygrid/core';
import type { ServedEvent } from '../api/index.ts';
import type { Lang } from '../wall/i18n.ts';
import { roleLabel } from './strings.ts';
import { cstTime } from './time-left.ts';
import { actionLabel, departmentLabel } from './workflow.ts';

/** One row of the timeline. */
export interface TimelineRow {
  seq: number;
  version: number;
  /** China Standard Time, `YYYY-MM-DD HH:MM`. */
  when: string;
  action: string;
  what: string;
  who: string;
  /** The event's fields, worded: `→ 城管局`, `24 小时`, the note, `→ 案件 c12`. */
  details: string[];
}

/**
 * The rows of a case's events, in log order (by seq).
 * @example timelineRows(detail.events, workflow, departments, 'zh-CN')[0].what // '受理'
 */
export function timelineRows(
  events: readonly ServedEvent[],
  workflow: Workflow,
  departments: readonly Department[],
  lang: Lang,
): TimelineRow[] {
  return events
    .filter((e) => e.action !== 'open')
    .sort((a, b) => a.seq - b.seq)
    .map((e) => ({
      seq: e.seq,
      version: e.version,
      when: cstTime(e.at),
      action: e.action,
      what: e.action === 'join' ? (lang === 'en' ? 'Report joined' : '并入报告') : actionLabel(workflow, e.action, lang),
      who: [roleLabel(e.actor.role, lang), departmentLabel(departments, e.actor.department, lang)].filter(Boolean).join(' · '),
      details: eventDetails(e, departments, lang),
    }));
}

function eventDetails(e: ServedEvent, departments: readonly Department[], lang: Lang): string[] {
  const out: string[] = [];
  if (e.department) out.push(`→ ${departmentLabel(departments, e.department, lang)}`);
  if (e.level) out.push(`→ ${roleLabel(`level.${e.level}`, lang)}`);
  if (e.hours) out.push(lang === 'en' ? `${e.hours} h` : `${e.hours} 小时`);
  if (e.target) out.push(lang === 'en' ? `→ case ${e.target}` : `→ 案件 ${e.target}`);
  if (e.report_id) out.push(lang === 'en' ? `report ${e.report_id}` : `报告 ${e.report_id}`);
  if (e.note) out.push(e.note);
  return out;
}
